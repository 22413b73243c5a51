/**
 * `patchdesk evidence --site NAME [--from DATE --to DATE] --out FILE.zip` builds a signed
 * evidence pack (PDF, CSV/JSON data, manifest and signature in one ZIP), the same pack the app
 * exports; `patchdesk evidence key` shows the installation's signing key (created on first use)
 * so the fingerprint can be handed to clients and auditors by a channel other than the pack;
 * `patchdesk evidence trust ...` manages the other keys whose packs verify here.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { resolveSite, type CliContext } from '../cli-context';
import { usageError } from '../cli-error';
import { EVIDENCE_TRUST_USAGE, runEvidenceTrustCommand } from './evidence-trust.command';

export const EVIDENCE_USAGE = `patchdesk evidence --site NAME [--from YYYY-MM-DD --to YYYY-MM-DD] --out FILE.zip [--json]
    (default period: last calendar month in the site's time zone)
patchdesk evidence key [--json]
${EVIDENCE_TRUST_USAGE}`;

/** Runs an `evidence` subcommand. */
export async function runEvidenceCommand(context: CliContext, args: string[]): Promise<void> {
  const [action, ...rest] = args;
  if (action === 'key') return showSigningKey(context, rest);
  if (action === 'trust') return runEvidenceTrustCommand(context, rest);
  if (action === undefined || action.startsWith('--')) return exportPack(context, args);
  throw usageError(`Usage:\n${EVIDENCE_USAGE}`);
}

async function exportPack(context: CliContext, args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { site: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' } } });
  if (!values.out) throw usageError(`evidence needs --out FILE.zip (where to write the pack)\nUsage:\n${EVIDENCE_USAGE}`);
  if ((values.from === undefined) !== (values.to === undefined)) throw usageError('give both --from and --to, or neither for the default period (the last whole month, or the month so far for a site younger than that)');
  for (const [flag, value] of [['--from', values.from], ['--to', values.to]] as const) {
    if (value !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw usageError(`${flag} "${value}" is not a date as YYYY-MM-DD`);
  }
  const site = await resolveSite(context, values.site);
  const evidence = context.core.services.evidence;
  const period = values.from && values.to ? { from: values.from, to: values.to } : evidence.defaultPeriod(site.id);
  // Synchronous for the CLI; a big site takes a while, so a terminal sees each phase as it starts.
  const phases = { reading: 'reading the figures', pdf: 'laying out the PDF', data: 'writing the data files', writing: 'signing and writing the pack' } as const;
  const record = await evidence.export(site.id, period.from, period.to, resolve(values.out), context.interactive ? { onProgress: (phase, fraction) => context.err(`evidence: ${phases[phase]} (${Math.round(fraction * 100)}%)`) } : {});
  if (values.json) return context.out(JSON.stringify(record, null, 2));
  context.out(`Wrote ${record.filePath} (${(record.sizeBytes / 1024).toFixed(0)} KB): evidence for "${site.name}", ${record.periodFrom} to ${record.periodTo}.`);
  context.out(`Signed by ${record.signerFingerprint}; check it with: patchdesk verify ${values.out} --key ${record.signerFingerprint}`);
}

async function showSigningKey(context: CliContext, args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' } } });
  const key = await context.call('evidence:signingKey', {});
  if (values.json) return context.out(JSON.stringify(key, null, 2));
  context.out(`This installation signs evidence packs with an ${key.algorithm} key.`);
  context.out(`Fingerprint: ${key.fingerprint}`);
  context.out(`Public key:  ${key.publicKey}`);
  context.out('');
  context.out('Give the fingerprint to clients and auditors by mail or phone, not inside a pack; they check a pack with');
  context.out(`  patchdesk verify PACK.zip --key ${key.fingerprint}`);
  context.out('');
  context.out(key.publicKeyPem.trimEnd());
}
