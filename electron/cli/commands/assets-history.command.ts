/** `patchdesk assets history HOST`: what a host had installed at an instant, or one package's versions over time. */
import { parseArgs } from 'node:util';
import type { PackageHistoryResponse } from '../../../shared/contract/package-history';
import { resolveAsset, resolveSite, type CliContext } from '../cli-context';
import { usageError } from '../cli-error';
import { siteInstant } from '../site-time';
import { formatTable } from '../table';

export const ASSETS_HISTORY_USAGE = 'patchdesk assets history HOST [--site NAME] [--package NAME] [--at ISO] [--json]';

/**
 * Prints the packages installed at `--at` (default: now, as last collected) or every version
 * interval of `--package`. Exits 1 when the packages were not measured at that time: an empty
 * answer there would read as "nothing installed".
 */
export async function runAssetsHistoryCommand(context: CliContext, args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { site: { type: 'string' }, package: { type: 'string' }, at: { type: 'string' }, json: { type: 'boolean' } } });
  const [hostName, ...extra] = positionals;
  if (hostName === undefined || extra.length > 0) throw usageError(`name one host: ${ASSETS_HISTORY_USAGE}`);
  if (values.package !== undefined && values.at !== undefined) throw usageError('choose one of --package and --at');
  if (values.at !== undefined && Number.isNaN(Date.parse(values.at))) throw usageError(`--at: "${values.at}" is not an ISO date and time (2026-11-02T09:00:00Z)`);
  const site = await resolveSite(context, values.site);
  const asset = await resolveAsset(context, site, hostName, 'HOST');
  const answer = await context.call(
    'assets:packageHistory',
    values.package !== undefined ? { query: 'since', assetId: asset.id, package: values.package } : { query: 'installedAt', assetId: asset.id, at: values.at ?? new Date().toISOString() },
  );
  if (!answer.measured) process.exitCode = 1;
  if (values.json) return context.out(JSON.stringify(answer, null, 2));
  context.out(describe(answer, asset.hostname || hostName, site.timezone));
}

function describe(answer: PackageHistoryResponse, host: string, timeZone: string): string {
  const when = (iso: string | null) => (iso ? siteInstant(iso, timeZone) : '-');
  if (!answer.measured) return `${host}: not measured: ${answer.message}.`;
  const start = `history since ${when(answer.span.historyStartsAt)}${answer.span.startsWithBackfill ? ' (first dates there are when history began, not install dates)' : ''}`;
  const since = (interval: { firstSeenAt: string; backfilled: boolean }) => (interval.backfilled ? `<= ${when(interval.firstSeenAt)}` : when(interval.firstSeenAt));
  switch (answer.query) {
    case 'installedAt':
      return [
        `${host}: ${answer.packages.length} packages as collected ${when(answer.asOf.collectedAt)} (${timeZone}); ${start}.`,
        formatTable(['NAME', 'ARCH', 'VERSION', 'STATUS', 'SINCE'], answer.packages.map((item) => [item.name, item.arch, item.version, item.status, since(item)])),
      ].join('\n');
    case 'since':
      if (answer.intervals.length === 0) return `${host}: ${answer.package} was not installed in any collection since ${when(answer.span.historyStartsAt)} (last confirmed ${when(answer.span.lastConfirmedAt)}).`;
      return [
        `${host}: ${answer.package}, ${start}; last confirmed ${when(answer.span.lastConfirmedAt)} (${timeZone}).`,
        formatTable(
          ['ARCH', 'VERSION', 'STATUS', 'FIRST SEEN', 'LAST CONFIRMED', 'ENDED'],
          answer.intervals.map((item) => [item.arch, item.version, item.status, since(item), when(item.lastConfirmedAt), item.endedAt ? `${when(item.endedAt)} (${item.endReason ?? ''})` : 'installed']),
        ),
      ].join('\n');
    case 'changes':
      return `${host}: ${answer.changes.length} changes from ${when(answer.from)} to ${when(answer.to)}.`;
  }
}
