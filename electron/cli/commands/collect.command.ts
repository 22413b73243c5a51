/** `patchdesk collect` and `patchdesk status`: patch status over SSH/WinRM, and the fleet overview. */
import { parseArgs } from 'node:util';
import type { z } from 'zod';
import type { AssetPatchStatus, CollectHostEvent } from '../../../shared/contract/patch-status';

type HostEvent = z.infer<typeof CollectHostEvent>;
import { coverageGapPhrase } from '../../../shared/domain/coverage';
import { resolveAsset, resolveSite, type CliContext } from '../cli-context';
import { CliError, usageError } from '../cli-error';
import { waitForJob } from '../job-wait';
import type { SecretReader } from '../secret-input';
import { formatTable } from '../table';
import { ensureVaultUnlocked } from '../vault-unlock';
import { osLabel } from '../../../shared/domain/os-label';
import { plural } from '../../../shared/domain/text/plural';
import { siteInstant } from '../site-time';

export const COLLECT_USAGE = 'patchdesk collect [--site NAME] [--asset HOST]... [--concurrency N] [--json]\npatchdesk status [--site NAME] [--json]';

/** Collects and prints one line per host; exit 1 when any host failed. */
export async function runCollectCommand(context: CliContext, args: string[], secrets: SecretReader): Promise<void> {
  const { values } = parseArgs({ args, options: { site: { type: 'string' }, asset: { type: 'string', multiple: true }, concurrency: { type: 'string' }, json: { type: 'boolean' } } });
  const site = await resolveSite(context, values.site);
  await ensureVaultUnlocked(context, secrets);
  const assetIds: number[] = [];
  for (const name of values.asset ?? []) assetIds.push((await resolveAsset(context, site, name, '--asset', ['active'])).id);
  const concurrency = values.concurrency === undefined ? undefined : Number(values.concurrency);
  if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency > 0)) throw usageError('--concurrency must be a positive whole number');

  // Subscribed before the start (the owner may be another process that answers after its first
  // hosts are done); lines of other jobs are dropped once this job's id is known.
  let jobId: string | undefined;
  const early: HostEvent[] = [];
  const show = (payload: HostEvent) => {
    if (payload.jobId !== jobId || values.json) return;
    if (payload.phase === 'done') context.err(`${payload.hostname}: ${payload.pendingCount ?? 0} pending (${payload.securityCount ?? 0} security)`);
    if (payload.phase === 'failed') context.err(`${payload.hostname}: FAILED ${payload.errorCode}: ${payload.message}`);
  };
  const unsubscribe = context.subscribe((event, payload) => {
    if (event !== 'collect:host' || !('phase' in payload)) return;
    if (jobId === undefined) early.push(payload as HostEvent);
    else show(payload as HostEvent);
  });
  let started;
  try {
    started = await context.call('collect:start', { siteId: site.id, assetIds, ...(concurrency ? { concurrency } : {}) });
  } catch (error) {
    unsubscribe();
    throw error;
  }
  jobId = started.jobId;
  for (const payload of early.splice(0)) show(payload);
  const cancel = () => void context.invoke('collect:cancel', { jobId: started.jobId });
  process.once('SIGINT', cancel);
  await waitForJob(context, started.jobId).finally(() => {
    unsubscribe();
    process.removeListener('SIGINT', cancel);
  });
  const summary = (await context.call('collect:list', { siteId: site.id })).find((run) => run.id === started.runId);
  if (!summary) throw new CliError(`collection run ${started.runId} is missing after its job ended`, 1);
  if (values.json) {
    const fleet = await context.call('status:fleet', { siteId: site.id });
    context.out(JSON.stringify({ run: summary, hosts: fleet.assets.filter((asset) => assetIds.length === 0 || assetIds.includes(asset.assetId)) }, null, 2));
  } else context.out(`Collection ${summary.id} ${summary.status}: ${summary.hostsOk} of ${summary.hostsTotal} hosts collected, ${summary.hostsFailed} failed.`);
  if (summary.hostsFailed > 0) process.exitCode = 1;
}

/** Prints the fleet overview. */
export async function runStatusCommand(context: CliContext, args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { site: { type: 'string' }, json: { type: 'boolean' } } });
  const site = await resolveSite(context, values.site);
  const fleet = await context.call('status:fleet', { siteId: site.id });
  if (values.json) return context.out(JSON.stringify(fleet, null, 2));
  const counts = Object.entries(fleet.counts).filter(([, count]) => count > 0).map(([state, count]) => `${state.replace(/_/g, ' ')}: ${count}`);
  const measured = fleet.assets.filter((asset) => asset.notMeasured === null).length;
  context.out(`${site.name}: ${plural(fleet.assets.length, 'active asset')}, ${measured} measured now. ${counts.join(', ') || 'nothing collected yet'}.`);
  if (fleet.assets.length === 0) return;
  context.out(
    formatTable(
      ['HOST', 'STATE', 'OS', 'PENDING', 'SECURITY', 'OLDEST SEC (DAYS)', 'REBOOT', `LAST SUCCESS (${site.timezone})`, 'LAST ERROR'],
      fleet.assets.map((asset: AssetPatchStatus) => [
        asset.hostname || asset.address,
        // Unmeasured is not patched: say so, and why, in the evidence pack's words.
        asset.notMeasured ? `not measured: ${coverageGapPhrase(asset.notMeasured, site.timezone)}${asset.state === 'never_collected' || asset.state === 'unreachable' || asset.state === 'not_measured' ? '' : ` (${asset.state.replace(/_/g, ' ')})`}` : asset.state.replace(/_/g, ' '),
        `${osLabel(asset.osName, asset.osVersion)}${asset.endOfLife?.unsupported ? (asset.endOfLife.osSource === 'inventory' ? ' (END OF LIFE, from inventory)' : ' (END OF LIFE)') : ''}`,
        asset.lastSuccessAt === null ? 'not measured' : String(asset.pendingCount),
        asset.lastSuccessAt === null ? '-' : String(asset.securityCount),
        asset.oldestSecurityAgeDays === null ? '-' : String(asset.oldestSecurityAgeDays),
        asset.rebootRequired === null ? '?' : asset.rebootRequired ? 'yes' : 'no',
        asset.lastSuccessAt ? siteInstant(asset.lastSuccessAt, site.timezone) : 'never',
        asset.lastError ? `${asset.lastError.code}: ${asset.lastError.message}` : '',
      ]),
    ),
  );
}
