/**
 * `patchdesk evidence --site NAME [--from DATE --to DATE] --out FILE.zip` builds a signed
 * evidence pack (PDF, CSV/JSON data, manifest and signature in one ZIP), the same pack the app
 * exports; `patchdesk evidence key` shows the installation's signing key (created on first use)
 * so the fingerprint can be handed to clients and auditors by a channel other than the pack;
 * `patchdesk evidence trust ...` manages the other keys whose packs verify here.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { EvidencePackRecord } from '../../../shared/contract/evidence';
import { EvidenceExportJobProgress, type JobProgressEvent } from '../../../shared/contract/jobs';
import { parseArgs } from 'node:util';
import { resolveSite, type CliContext } from '../cli-context';
import { CliError, usageError } from '../cli-error';
import { waitForJob } from '../job-wait';
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
  const period = values.from && values.to ? { from: values.from, to: values.to } : await context.call('evidence:defaultPeriod', { siteId: site.id });
  // The export runs as a job of the folder's owner (this process or another): it lands in the pack
  // library like one made in the app, and this command copies it to --out.
  const phases = { reading: 'reading the figures', pdf: 'laying out the PDF', data: 'writing the data files', writing: 'signing and writing the pack' } as const;
  let jobId: string | undefined;
  let lastPhase: string | undefined;
  const unsubscribe = context.subscribe((event, payload) => {
    if (event !== 'job:progress' || !context.interactive) return;
    const job = payload as JobProgressEvent;
    const progress = EvidenceExportJobProgress.safeParse(job.progress);
    if (job.jobId !== jobId || !progress.success || progress.data.phase === lastPhase) return;
    lastPhase = progress.data.phase;
    context.err(`evidence: ${phases[progress.data.phase]} (${Math.round(progress.data.fraction * 100)}%)`);
  });
  let job;
  try {
    jobId = (await context.call('evidence:export', { siteId: site.id, from: period.from, to: period.to })).jobId;
    job = await waitForJob(context, jobId);
  } finally {
    unsubscribe();
  }
  if (job.state !== 'succeeded') throw new CliError(`the evidence export ${job.state}${job.error ? `: ${job.error}` : ''}`, 1);
  const record = EvidencePackRecord.parse(job.result);
  const download = await context.call('evidence:download', { id: record.id });
  const outPath = resolve(values.out);
  writeFileSync(outPath, Buffer.from(download.base64, 'base64'));
  if (values.json) return context.out(JSON.stringify({ ...record, copiedTo: outPath }, null, 2));
  context.out(`Wrote ${outPath} (${(record.sizeBytes / 1024).toFixed(0)} KB): evidence for "${site.name}", ${record.periodFrom} to ${record.periodTo}.`);
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
