/**
 * `patchdesk verify --log`: walks the hash-chained audit log and names the first row that was
 * changed or deleted.
 * `patchdesk verify PACK.zip [--key FINGERPRINT] [--json]`: checks an evidence pack's files
 * against its signed manifest, names every file that changed, and accepts the pack only when its
 * signer is trusted: the pinned key, else this installation's key or a trusted signer. Verifying
 * a pack needs no database (an auditor may run it on a fresh install, pinning the issuer's key);
 * it peeks at this installation's key and trusted signers when they exist and creates neither.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseSigningFingerprint } from '../../../shared/domain/evidence/signing-fingerprint';
import { DATABASE_FILE } from '../../core/data-dir';
import { openDatabase } from '../../db/database';
import { TrustedSignersRepository } from '../../db/repositories/trusted-signers.repository';
import { plural } from '../../../shared/domain/text/plural';
import { DEFAULT_ZIP_LIMITS } from '../../services/evidence/pack/zip';
import { verifyEvidencePack, type PackVerification, type TrustedKey } from '../../services/evidence/pack/verify-pack';
import { InstallationSigningKey } from '../../services/evidence/signing/installation-key';
import type { CliContext } from '../cli-context';
import { CliError, usageError } from '../cli-error';

export const VERIFY_USAGE = `patchdesk verify --log
patchdesk verify PACK.zip [--key FINGERPRINT] [--json]`;

/** Exit 0 when the chain is intact; 1 naming the broken row otherwise. */
export async function runVerifyCommand(context: CliContext, args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { log: { type: 'boolean' } } });
  if (!values.log) throw usageError(`Usage:\n${VERIFY_USAGE}`);
  const verification = await context.call('audit:verify', {});
  if (!verification.intact) throw new CliError(`the audit log is NOT intact: row ${verification.brokenAtId ?? '?'}: ${verification.reason ?? ''}`, 1);
  context.out(`The audit log is intact: ${verification.entries} entries, every hash chained to the one before.`);
}

/** True when the arguments ask for the pack check rather than the log check. */
export function isPackVerification(args: readonly string[]): boolean {
  return !args.includes('--log');
}

/**
 * Verifies a pack file. Prints one line per file and the signer, then returns when the pack is
 * intact and its signer trusted (exit 0); throws exit 1 naming each problem otherwise (an
 * unknown signer with its fingerprint and how to trust it), exit 2 for usage errors and files
 * that cannot be read.
 */
export async function runVerifyPackCommand(args: string[], out: (line: string) => void, dataDir: string): Promise<void> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { key: { type: 'string' }, json: { type: 'boolean' } } });
  if (positionals.length !== 1 || positionals[0] === '') throw usageError(`Usage:\n${VERIFY_USAGE}`);
  const pinned = values.key === undefined ? undefined : parseSigningFingerprint(values.key);
  if (pinned && !pinned.ok) throw usageError(`--key: ${pinned.message}`);
  const file = positionals[0] as string;
  const bytes = readPack(file);
  const installation = installationFingerprint(dataDir);
  const trusted = trustedSigners(dataDir);
  const result = verifyEvidencePack(bytes, {
    packName: basename(file),
    trustedSigners: trusted.signers,
    ...(pinned?.ok ? { pinnedFingerprint: pinned.fingerprint } : {}),
    ...(installation.fingerprint ? { installationFingerprint: installation.fingerprint } : {}),
  });
  const notes = [installation.note, trusted.note].filter((note): note is string => note !== null);
  if (values.json) out(JSON.stringify({ pack: file, ...summarise(result) }, null, 2));
  else printReport(file, result, installation.fingerprint, notes, out);
  if (!result.ok) throw new CliError(failureMessage(file, result), 1);
}

/** The one-line failure: every problem by file, the unknown signer with what to do about it. */
function failureMessage(file: string, result: PackVerification): string {
  const unknown = result.problems.find((problem) => problem.problem === 'unknown_signer');
  const others = result.problems.filter((problem) => problem.problem !== 'unknown_signer').map((problem) => `${problem.file} ${PROBLEM_WORDS[problem.problem]}`);
  const fingerprint = result.fingerprint ?? '';
  const howToTrust = `if the issuer confirms this fingerprint by phone or mail, trust it with: patchdesk evidence trust add ${fingerprint} --name NAME (or check this pack with --key ${fingerprint})`;
  if (unknown && others.length === 0) return `the evidence pack ${file} is NOT verified: it is signed by an unknown key ${fingerprint}; ${howToTrust}`;
  const named = unknown ? [...others, `signed by an unknown key ${fingerprint}`] : others;
  return `the evidence pack ${file} is NOT intact: ${named.join('; ')}`;
}

const PROBLEM_WORDS: Record<PackVerification['problems'][number]['problem'], string> = {
  changed: 'changed',
  missing: 'is missing',
  unexpected: 'was added',
  signature: 'signature check failed',
  manifest: 'is not a valid manifest',
  not_a_pack: 'is not an evidence pack',
  unknown_signer: 'is signed by an unknown key',
};

/** Reads the pack, turning "cannot read" into a usage error (exit 2) that names the file. */
function readPack(file: string): Uint8Array {
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) throw usageError(`${file} is a folder, not an evidence pack file`);
    if (stat.size > DEFAULT_ZIP_LIMITS.maxTotalBytes) throw usageError(`${file} is larger than 1 GiB: not an evidence pack`);
    return readFileSync(file);
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (error as Error).message;
    throw usageError(`cannot read ${file}: ${reason}`);
  }
}

/** This installation's fingerprint if it has a key (never creating one); a damaged key is reported, not fatal. */
function installationFingerprint(dataDir: string): { fingerprint: string | null; note: string | null } {
  try {
    return { fingerprint: new InstallationSigningKey(dataDir).peekPublicInfo()?.fingerprint ?? null, note: null };
  } catch (error) {
    return { fingerprint: null, note: `this installation's signing key could not be read (${(error as Error).message})` };
  }
}

/**
 * The trusted signers of this installation, read from its database when it has one; a machine
 * without Patchdesk data trusts nobody (and gets no database). A database that cannot be read
 * trusts nobody either: verification fails closed, and the note says why.
 */
function trustedSigners(dataDir: string): { signers: TrustedKey[]; note: string | null } {
  const file = join(dataDir, DATABASE_FILE);
  if (!existsSync(file)) return { signers: [], note: null };
  try {
    const db = openDatabase(file);
    try {
      return { signers: new TrustedSignersRepository(db).list(), note: null };
    } finally {
      db.close();
    }
  } catch (error) {
    return { signers: [], note: `the trusted signers could not be read, so only this installation's key and --key are trusted (${(error as Error).message})` };
  }
}

function printReport(file: string, result: PackVerification, installation: string | null, notes: readonly string[], out: (line: string) => void): void {
  out(`Evidence pack ${file}`);
  const manifest = result.manifest;
  if (manifest) out(`  ${manifest.site.name}, ${manifest.period.from} to ${manifest.period.to} (${manifest.period.timezone}), generated ${manifest.generatedAt} by ${manifest.generatedBy} with ${manifest.generator.name} ${manifest.generator.version}`);
  for (const entry of result.files) out(`${(entry.status === 'ok' ? 'ok' : entry.status.toUpperCase()).padEnd(11)}${entry.path}`);
  for (const problem of result.problems) {
    if (problem.problem === 'changed' || problem.problem === 'missing' || problem.problem === 'unexpected' || problem.problem === 'unknown_signer') continue;
    out(`${problem.problem.toUpperCase().replaceAll('_', ' ').padEnd(11)}${problem.file}: ${problem.detail}`);
  }
  for (const problem of result.problems.filter((each) => each.problem === 'changed')) out(`  ${problem.detail}`);
  for (const line of signerLines(result, installation)) out(line);
  for (const note of notes) out(`Note: ${note}`);
  const fileCount = result.files.filter((entry) => entry.status !== 'unexpected').length;
  const onlyUnknownSigner = result.problems.length > 0 && result.problems.every((problem) => problem.problem === 'unknown_signer');
  if (result.ok) out(`Intact: all ${fileCount} files match the signed manifest, signed by a trusted key.`);
  else if (onlyUnknownSigner) out(`NOT verified: the files match the manifest, but it is signed by an unknown key, so nothing proves who made it.`);
  else out(`NOT intact: ${plural(result.problems.length, 'problem')}.`);
}

/** Who signed it, said prominently: a valid signature proves only that the named key signed it. */
function signerLines(result: PackVerification, installation: string | null): string[] {
  if (result.fingerprint === null || result.trust === null) return ['Signer: unknown (the manifest names no readable key)'];
  const signed = `${result.signatureValid ? 'Signed by' : 'Claims to be signed by'}`;
  switch (result.trust.kind) {
    case 'installation':
      return [`${signed} ${result.fingerprint} (this installation's key)`];
    case 'pinned':
      return [`${signed} ${result.fingerprint} (the pinned key${result.signedByThisInstallation ? ", this installation's key" : ''})`];
    case 'trusted_signer':
      return [`${signed} ${result.fingerprint} (trusted signer "${result.trust.name ?? ''}")`];
    case 'not_pinned':
      return [`${signed} ${result.fingerprint}: NOT the pinned key`];
    case 'unknown':
      return [
        `${signed} an unknown key ${result.fingerprint}: it is neither this installation's key${installation ? ` (${installation})` : ''} nor a trusted signer.`,
        'If the issuer confirms this fingerprint by phone or mail, trust it with',
        `  patchdesk evidence trust add ${result.fingerprint} --name NAME`,
        `or check this one pack with --key ${result.fingerprint}.`,
      ];
  }
}

/** The JSON form: the verdict and what the manifest says, without the full file list twice. */
function summarise(result: PackVerification): Record<string, unknown> {
  const manifest = result.manifest;
  return {
    ok: result.ok,
    fingerprint: result.fingerprint,
    signatureValid: result.signatureValid,
    trust: result.trust,
    ...(result.signedByThisInstallation !== undefined ? { signedByThisInstallation: result.signedByThisInstallation } : {}),
    ...(result.signedByPinnedKey !== undefined ? { signedByPinnedKey: result.signedByPinnedKey } : {}),
    problems: result.problems,
    files: result.files,
    manifest: manifest ? { site: manifest.site, period: manifest.period, generatedAt: manifest.generatedAt, generatedBy: manifest.generatedBy, generator: manifest.generator, auditChainHead: manifest.auditChainHead } : null,
  };
}
