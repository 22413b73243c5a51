/** `patchdesk site add|list`. */
import { parseArgs } from 'node:util';
import { plural } from '../../../shared/domain/text/plural';
import { resolveTimeZone } from '../time-zone';
import { type CliContext } from '../cli-context';
import { usageError } from '../cli-error';
import { formatTable } from '../table';

export const SITE_USAGE = `patchdesk site add NAME [--network CIDR]... [--timezone TZ] [--contact-name NAME] [--contact-email EMAIL] [--contact-phone PHONE]
patchdesk site list [--json]`;

/** Runs a `site` subcommand. */
export async function runSiteCommand(context: CliContext, args: string[]): Promise<void> {
  const [action, ...rest] = args;
  if (action === 'add') return addSite(context, rest);
  if (action === 'list') return listSites(context, rest);
  throw usageError(`unknown site command "${action ?? ''}". Usage:\n${SITE_USAGE}`);
}

async function addSite(context: CliContext, args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      network: { type: 'string', multiple: true },
      timezone: { type: 'string' },
      'contact-name': { type: 'string' },
      'contact-email': { type: 'string' },
      'contact-phone': { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const name = positionals.join(' ').trim();
  if (name === '') throw usageError(`site add needs a NAME. Usage:\n${SITE_USAGE}`);
  const site = await context.call('sites:create', {
    name,
    networks: values.network ?? [],
    timezone: values.timezone ?? resolveTimeZone(),
    contact: { name: values['contact-name'] ?? '', email: values['contact-email'] ?? '', phone: values['contact-phone'] ?? '' },
  });
  if (values.json) context.out(JSON.stringify(site, null, 2));
  else context.out(`Added site "${site.name}" (id ${site.id}, ${plural(site.networks.length, 'network')}, time zone ${site.timezone}).`);
}

async function listSites(context: CliContext, args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' } } });
  const sites = await context.call('sites:list', {});
  if (values.json) return context.out(JSON.stringify(sites, null, 2));
  if (sites.length === 0) return context.out('No sites yet. Add one with: patchdesk site add NAME --network 192.0.2.0/24');
  context.out(
    formatTable(
      ['ID', 'NAME', 'NETWORKS', 'TIME ZONE', 'ASSETS', 'UNREVIEWED', 'STALE', 'LAST SCAN'],
      sites.map((site) => [String(site.id), site.name, site.networks.join(' '), site.timezone, String(site.assetCount), String(site.unreviewedCount), String(site.staleCount), site.lastScanAt ?? 'never']),
    ),
  );
}
