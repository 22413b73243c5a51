/** `patchdesk exception add|list`: the exception register from the command line. */
import { parseArgs } from 'node:util';
import { formatExpiry, parseInstant } from '../../../shared/domain/sla/local-time';
import { resolveAsset, resolveSite, type CliContext } from '../cli-context';
import { usageError } from '../cli-error';
import { formatTable } from '../table';

export const EXCEPTION_USAGE = `patchdesk exception add --site NAME --reason TEXT --owner NAME --expires DATE
    (--asset HOST | --package NAME | --cve ID | --kb KB | --update NAME) [--asset HOST]
    [--controls TEXT] [--approver NAME] [--starts DATE] [--remediation DATE] [--json]
patchdesk exception list --site NAME [--json]`;

/** Runs an `exception` subcommand. */
export async function runExceptionCommand(context: CliContext, args: string[]): Promise<void> {
  const [action, ...rest] = args;
  if (action === 'add') return addException(context, rest);
  if (action === 'list') return listExceptions(context, rest);
  throw usageError(`Usage:\n${EXCEPTION_USAGE}`);
}

async function addException(context: CliContext, args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      site: { type: 'string' },
      asset: { type: 'string' },
      package: { type: 'string' },
      cve: { type: 'string' },
      kb: { type: 'string' },
      update: { type: 'string' },
      reason: { type: 'string' },
      owner: { type: 'string' },
      approver: { type: 'string' },
      controls: { type: 'string' },
      expires: { type: 'string' },
      starts: { type: 'string' },
      remediation: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  if (!values.expires) throw usageError('an exception needs --expires DATE: temporary must never become permanent silently');
  if (!values.owner) throw usageError('an exception needs --owner NAME: someone must answer for it');
  if (!values.reason) throw usageError('an exception needs --reason TEXT');
  const site = await resolveSite(context, values.site);
  const kinds = (['package', 'cve', 'kb', 'update'] as const).filter((kind) => values[kind] !== undefined);
  if (kinds.length > 1) throw usageError(`give one of --package, --cve, --kb or --update (got ${kinds.map((kind) => `--${kind}`).join(' and ')})`);
  const kind = kinds[0] ?? 'asset';
  let assetId: number | null = null;
  if (values.asset) assetId = (await resolveAsset(context, site, values.asset, '--asset')).id;
  else if (kind === 'asset') throw usageError('say what the exception covers: --asset HOST, or --package/--cve/--kb/--update VALUE');
  const created = await context.call('exceptions:create', {
    siteId: site.id,
    scope: { kind, assetId, value: kind === 'asset' ? '' : (values[kind] ?? '') },
    reason: values.reason,
    owner: values.owner,
    expiresAt: values.expires,
    ...(values.approver ? { approver: values.approver } : {}),
    ...(values.controls ? { compensatingControls: values.controls } : {}),
    ...(values.starts ? { startsAt: values.starts } : {}),
    ...(values.remediation ? { remediationDate: values.remediation } : {}),
  });
  if (values.json) context.out(JSON.stringify(created, null, 2));
  else context.out(`Exception ${created.id} added (${created.status}), owned by ${created.owner}, covers up to and including ${formatExpiry(parseInstant(created.expiresAt), site.timezone)} (${site.timezone}).`);
}

async function listExceptions(context: CliContext, args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { site: { type: 'string' }, json: { type: 'boolean' } } });
  const site = await resolveSite(context, values.site);
  const entries = await context.call('exceptions:list', { siteId: site.id });
  if (values.json) return context.out(JSON.stringify(entries, null, 2));
  if (entries.length === 0) return context.out(`No exceptions in "${site.name}".`);
  context.out(
    formatTable(
      ['ID', 'STATUS', 'SCOPE', 'ASSET', 'OWNER', 'APPROVER', `LAST DAY (${site.timezone})`, 'REASON'],
      entries.map((entry) => [String(entry.id), entry.status.replace('_', ' '), entry.scope.kind === 'asset' ? 'whole asset' : `${entry.scope.kind} ${entry.scope.value}`, entry.assetName || (entry.scope.assetId === null ? 'all assets' : ''), entry.owner, entry.approver, formatExpiry(parseInstant(entry.expiresAt), site.timezone), entry.reason.slice(0, 60)]),
    ),
  );
}
