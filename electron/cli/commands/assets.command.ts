/** `patchdesk assets`: a site's inventory as a table, JSON or CSV. */
import { parseArgs } from 'node:util';
import { resolveSite, type CliContext } from '../cli-context';
import { usageError } from '../cli-error';
import { formatTable } from '../table';
import { osLabel } from '../../../shared/domain/os-label';
import { siteInstant } from '../site-time';
import { ASSETS_HISTORY_USAGE, runAssetsHistoryCommand } from './assets-history.command';

export const ASSETS_USAGE = `patchdesk assets [--site NAME] [--json|--csv] [--all]\n${ASSETS_HISTORY_USAGE}`;

/** Prints the site's assets (active and unreviewed by default; --all adds dismissed and retired). */
export async function runAssetsCommand(context: CliContext, args: string[]): Promise<void> {
  if (args[0] === 'history') return runAssetsHistoryCommand(context, args.slice(1));
  const { values } = parseArgs({ args, options: { site: { type: 'string' }, json: { type: 'boolean' }, csv: { type: 'boolean' }, all: { type: 'boolean' } } });
  if (values.json && values.csv) throw usageError('choose one of --json and --csv');
  const site = await resolveSite(context, values.site);
  if (values.csv || values.json) {
    const file = await context.call('export:assets', { siteId: site.id, format: values.csv ? 'csv' : 'json', includeRetired: values.all ?? false });
    context.out(file.content.replace(/\r?\n$/, ''));
    return;
  }
  const assets = await context.call('assets:list', { siteId: site.id, ...(values.all ? {} : { statuses: ['active', 'unreviewed'] }) });
  if (assets.length === 0) return context.out(`No assets in "${site.name}" yet. Run "patchdesk scan --site '${site.name}'" or import a CSV.`);
  context.out(
    formatTable(
      ['ID', 'HOSTNAME', 'ADDRESSES', 'OS', 'TYPE', 'TIER', 'STATUS', `LAST SEEN (${site.timezone})`],
      assets.map((asset) => [
        String(asset.id),
        asset.hostname,
        asset.addresses.join(' '),
        osLabel(asset.osName, asset.osVersion) || asset.osFamily,
        asset.deviceType,
        asset.tier === null ? '-' : String(asset.tier),
        asset.status + (asset.stale ? ',stale' : ''),
        asset.lastSeenAt ? siteInstant(asset.lastSeenAt, site.timezone) : '-',
      ]),
    ),
  );
}
