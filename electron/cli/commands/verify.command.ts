/**
 * `patchdesk verify --log`: walks the hash-chained audit log and names the first row that was
 * changed or deleted.
 * `patchdesk verify PACK.zip [--key FINGERPRINT] [--json]`: checks an evidence pack's files
 * against its signed manifest and names every file that changed. Verifying a pack needs no
 * database (an auditor may run it on a fresh install); it only peeks at this installation's key
 * to say whether this installation signed the pack, and never creates one.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { plural } from '../../../shared/domain/text/plural';
import { DEFAULT_ZIP_LIMITS } from '../../services/evidence/pack/zip';
import { verifyEvidencePack, type PackVerification } from '../../services/evidence/pack/verify-pack';
import { InstallationSigningKey } from '../../services/evidence/signing/installation-key';
import type { CliContext } from '../cli-context';
import { CliError, usageError } from '../cli-error';

export const VERIFY_USAGE = `patchdesk verify --log
patchdesk verify PACK.zip [--key FINGERPRINT] [--json]`;

/** Exit 0 when the chain is intact; 1 naming the broken row otherwise. */
export async function runVerifyCommand(context: CliContext, args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { log: { type: 'boolean' } } });
  if (!values.log) throw usageError(`Usage:\n${VERIFY_USAGE}`);
  const broken = context.core.audit.verifyChain();
  if (broken) throw new CliError(`the audit log is NOT intact: row ${broken.brokenAtId}: ${broken.reason}`, 1);
  const count = context.core.db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM audit_log').get()?.n ?? 0;
  context.out(`The audit log is intact: ${count} entries, every hash chained to the one before.`);
}

/** True when the arguments ask for the pack check rather than the log check. */
export function isPackVerification(args: readonly string[]): boolean {
  return !args.includes('--log');
}

/**
 * Verifies a pack file. Prints one line per file and the signer, then returns when the pack is
 * intact (exit 0); throws exit 1 naming each problem otherwise, exit 2 for usage errors and
 * files that cannot be read.
 */
export async function runVerifyPackCommand(args: string[], out: (line: string) => void, dataDir: string): Promise<void> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { key: { type: 'string' }, json: { type: 'boolean' } } });
  if (positionals.length !== 1 || positionals[0] === '') throw usageError(`Usage:\n${VERIFY_USAGE}`);
  if (values.key !== undefined && values.key.trim() === '') throw usageError('--key needs the fingerprint to pin (SHA256:...)');
  const file = positionals[0] as string;
  const bytes = readPack(file);
  const installation = installationFingerprint(dataDir);
  const result = verifyEvidencePack(bytes, {
    packName: basename(file),
    ...(values.key !== undefined ? { trustedFingerprint: values.key } : {}),
    ...(installation.fingerprint ? { installationFingerprint: installation.fingerprint } : {}),
  });
  if (values.json) out(JSON.stringify({ pack: file, ...summarise(result) }, null, 2));
  else printReport(file, result, installation, out);
  if (!result.ok) {
    const named = result.problems.map((problem) => `${problem.file} ${PROBLEM_WORDS[problem.problem]}`);
    throw new CliError(`the evidence pack ${file} is NOT intact: ${named.join('; ')}`, 1);
  }
}

const PROBLEM_WORDS: Record<PackVerification['problems'][number]['problem'], string> = {
  changed: 'changed',
  missing: 'is missing',
  unexpected: 'was added',
  signature: 'signature check failed',
  manifest: 'is not a valid manifest',
  not_a_pack: 'is not an evidence pack',
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

/** This installation's fingerprint if it has a key; a damaged key is reported, not fatal. */
function installationFingerprint(dataDir: string): { fingerprint: string | null; note: string | null } {
  try {
    return { fingerprint: new InstallationSigningKey(dataDir).peekPublicInfo()?.fingerprint ?? null, note: null };
  } catch (error) {
    return { fingerprint: null, note: `this installation's signing key could not be read (${(error as Error).message})` };
  }
}

function printReport(file: string, result: PackVerification, installation: { fingerprint: string | null; note: string | null }, out: (line: string) => void): void {
  out(`Evidence pack ${file}`);
  const manifest = result.manifest;
  if (manifest) out(`  ${manifest.site.name}, ${manifest.period.from} to ${manifest.period.to} (${manifest.period.timezone}), generated ${manifest.generatedAt} by ${manifest.generatedBy} with ${manifest.generator.name} ${manifest.generator.version}`);
  for (const entry of result.files) out(`${(entry.status === 'ok' ? 'ok' : entry.status.toUpperCase()).padEnd(11)}${entry.path}`);
  for (const problem of result.problems) {
    if (problem.problem === 'changed' || problem.problem === 'missing' || problem.problem === 'unexpected') continue;
    out(`${problem.problem.toUpperCase().replaceAll('_', ' ').padEnd(11)}${problem.file}: ${problem.detail}`);
  }
  for (const problem of result.problems.filter((each) => each.problem === 'changed')) out(`  ${problem.detail}`);
  out(signerLine(result, installation));
  if (installation.note) out(`Note: ${installation.note}`);
  const fileCount = result.files.filter((entry) => entry.status !== 'unexpected').length;
  out(result.ok ? `Intact: all ${fileCount} files match the signed manifest.` : `NOT intact: ${plural(result.problems.length, 'problem')}.`);
}

/** Who signed it, said prominently: a valid signature proves only that the named key signed it. */
function signerLine(result: PackVerification, installation: { fingerprint: string | null }): string {
  if (result.fingerprint === null) return 'Signer: unknown (the manifest names no readable key)';
  const whose: string[] = [];
  if (result.signedByPinnedKey === true) whose.push('the pinned key');
  if (result.signedByThisInstallation === true) whose.push("this installation's key");
  const line = `${result.signatureValid ? 'Signed by' : 'Claims to be signed by'} ${result.fingerprint}${whose.length > 0 ? ` (${whose.join(', ')})` : ''}`;
  if (result.signedByPinnedKey !== undefined) return line;
  if (result.signedByThisInstallation === false) return `${line}. WARNING: this is NOT this installation's key (${installation.fingerprint}): compare it with the fingerprint the issuer gave you, or pin that one with --key.`;
  if (result.signedByThisInstallation === undefined) return `${line}. Compare it with the fingerprint the issuer gave you, or pin that one with --key.`;
  return line;
}

/** The JSON form: the verdict and what the manifest says, without the full file list twice. */
function summarise(result: PackVerification): Record<string, unknown> {
  const manifest = result.manifest;
  return {
    ok: result.ok,
    fingerprint: result.fingerprint,
    signatureValid: result.signatureValid,
    ...(result.signedByThisInstallation !== undefined ? { signedByThisInstallation: result.signedByThisInstallation } : {}),
    ...(result.signedByPinnedKey !== undefined ? { signedByPinnedKey: result.signedByPinnedKey } : {}),
    problems: result.problems,
    files: result.files,
    manifest: manifest ? { site: manifest.site, period: manifest.period, generatedAt: manifest.generatedAt, generatedBy: manifest.generatedBy, generator: manifest.generator, auditChainHead: manifest.auditChainHead } : null,
  };
}
