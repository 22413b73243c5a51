/** `patchdesk cycle list|open|show|tick|reopen|close|late`: patch cycles and their checklists from the command line. */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import type { CycleDetail, CycleSummary } from '../../../shared/contract/cycles';
import type { Site } from '../../../shared/contract/sites';
import { plural } from '../../../shared/domain/text/plural';
import { resolveAsset, resolveSite, type CliContext } from '../cli-context';
import { usageError } from '../cli-error';
import { siteInstant, siteTime } from '../site-time';
import { formatTable } from '../table';

export const CYCLE_USAGE = `patchdesk cycle list --site NAME [--open | --closed] [--json]
patchdesk cycle open --site NAME [--month YYYY-MM]
patchdesk cycle open --site NAME --emergency --trigger CVE|KB|ADVISORY --reason TEXT --deadline DATE
    [--asset HOST]... [--title TEXT]
patchdesk cycle show --site NAME [--cycle ID] [--json]
patchdesk cycle tick --site NAME [--cycle ID] --item KEY [--note TEXT] [--link URL]... [--file PATH]...
    [--na REASON] [--by NAME] [--at TIMESTAMP]
patchdesk cycle reopen --site NAME [--cycle ID] --item KEY --reason TEXT
patchdesk cycle close --site NAME [--cycle ID] [--note TEXT] [--force]
patchdesk cycle late --site NAME [--json]`;

/** Runs a `cycle` subcommand. */
export async function runCycleCommand(context: CliContext, args: string[]): Promise<void> {
  const [action, ...rest] = args;
  if (action === 'list') return listCycles(context, rest);
  if (action === 'open') return openCycle(context, rest);
  if (action === 'show') return showCycle(context, rest);
  if (action === 'tick') return tickItem(context, rest);
  if (action === 'reopen') return reopenItem(context, rest);
  if (action === 'close') return closeCycle(context, rest);
  if (action === 'late') return listLate(context, rest);
  throw usageError(`unknown cycle command "${action ?? ''}". Usage:\n${CYCLE_USAGE}`);
}

async function listCycles(context: CliContext, args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { site: { type: 'string' }, open: { type: 'boolean' }, closed: { type: 'boolean' }, json: { type: 'boolean' } } });
  if (values.open && values.closed) throw usageError('give --open or --closed, not both');
  const site = await resolveSite(context, values.site);
  const cycles = await context.call('cycles:list', { siteId: site.id, ...(values.open ? { status: 'open' as const } : values.closed ? { status: 'closed' as const } : {}) });
  if (values.json) return context.out(JSON.stringify(cycles, null, 2));
  if (cycles.length === 0) return context.out(`No cycles in "${site.name}". Open this month's with: patchdesk cycle open --site "${site.name}"`);
  context.out(
    formatTable(
      ['ID', 'KIND', 'TITLE', 'STATUS', 'ANCHOR', 'DEADLINE', 'DONE', 'LATE', 'NEXT DUE'],
      cycles.map((cycle) => [
        String(cycle.id),
        cycle.kind,
        cycle.title.slice(0, 50),
        cycle.overdue ? 'open, overdue' : cycle.status,
        cycle.anchorDate,
        siteTime(cycle.deadline, site.timezone),
        `${cycle.progress.done + cycle.progress.notApplicable}/${cycle.progress.total}`,
        String(cycle.progress.late),
        cycle.nextDue ? `${cycle.nextDue.key} ${cycle.nextDue.dueDate}` : '',
      ]),
    ),
  );
}

async function openCycle(context: CliContext, args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      site: { type: 'string' },
      month: { type: 'string' },
      emergency: { type: 'boolean' },
      trigger: { type: 'string' },
      reason: { type: 'string' },
      deadline: { type: 'string' },
      asset: { type: 'string', multiple: true },
      title: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const site = await resolveSite(context, values.site);
  let cycle: CycleDetail;
  if (values.emergency) {
    if (values.month) throw usageError('--month is for baseline cycles; an emergency cycle has --deadline');
    if (!values.trigger) throw usageError('an emergency cycle needs --trigger (a CVE, KB or advisory id)');
    if (!values.reason) throw usageError('an emergency cycle needs --reason TEXT: why it cannot wait for the monthly cycle');
    if (!values.deadline) throw usageError('an emergency cycle needs --deadline DATE');
    const assetIds: number[] = [];
    for (const name of values.asset ?? []) assetIds.push((await resolveAsset(context, site, name, '--asset')).id);
    cycle = await context.call('cycles:openEmergency', { siteId: site.id, trigger: values.trigger, reason: values.reason, deadline: values.deadline, assetIds, ...(values.title ? { title: values.title } : {}) });
  } else {
    const stray = (['trigger', 'reason', 'deadline', 'asset', 'title'] as const).filter((name) => values[name] !== undefined);
    if (stray.length > 0) throw usageError(`${stray.map((name) => `--${name}`).join(', ')} need${stray.length === 1 ? 's' : ''} --emergency`);
    cycle = await context.call('cycles:openBaseline', { siteId: site.id, ...(values.month ? { month: values.month } : {}) });
  }
  if (values.json) return context.out(JSON.stringify(cycle, null, 2));
  const when = cycle.kind === 'baseline' ? `anchored on ${cycle.anchorDate}` : `deadline ${siteTime(cycle.deadline, site.timezone)} (${site.timezone})`;
  context.out(`Opened cycle ${cycle.id} "${cycle.title}" in "${site.name}", ${when}, ${cycle.items.length} checklist items (first due: ${cycle.nextDue ? `${cycle.nextDue.key} on ${cycle.nextDue.dueDate}` : 'none'}).`);
}

async function showCycle(context: CliContext, args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { site: { type: 'string' }, cycle: { type: 'string' }, json: { type: 'boolean' } } });
  const site = await resolveSite(context, values.site);
  const cycle = await chooseCycle(context, site, values.cycle, null);
  if (values.json) return context.out(JSON.stringify(cycle, null, 2));
  context.out(describeCycle(cycle, site.timezone));
}

async function tickItem(context: CliContext, args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      site: { type: 'string' },
      cycle: { type: 'string' },
      item: { type: 'string' },
      note: { type: 'string' },
      link: { type: 'string', multiple: true },
      file: { type: 'string', multiple: true },
      na: { type: 'string' },
      by: { type: 'string' },
      at: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  if (!values.item) throw usageError('say which item: --item KEY (see patchdesk cycle show)');
  if (values.na !== undefined && values.note !== undefined) throw usageError('--na REASON is the note of a not-applicable item: give --na or --note, not both');
  const site = await resolveSite(context, values.site);
  const cycle = await chooseCycle(context, site, values.cycle, values.item);
  const evidence = [
    ...(values.link ?? []).map((url) => ({ kind: 'link' as const, url })),
    ...(values.file ?? []).map((path) => ({ kind: 'file' as const, name: basename(path), contentBase64: readEvidenceFile(path) })),
  ];
  const updated = await context.call('cycles:tick', {
    cycleId: cycle.id,
    key: values.item,
    state: values.na !== undefined ? 'not_applicable' : 'done',
    note: values.na ?? values.note ?? '',
    evidence,
    ...(values.by ? { doneBy: values.by } : {}),
    ...(values.at ? { doneAt: values.at } : {}),
  });
  if (values.json) return context.out(JSON.stringify(updated, null, 2));
  const item = updated.items.find((each) => each.key === values.item?.toLowerCase());
  const state = item?.state === 'not_applicable' ? 'marked not applicable' : `done${item?.doneLate ? ' (late)' : ''}`;
  context.out(`"${item?.title ?? values.item}" ${state} in cycle ${updated.id}; ${updated.progress.done + updated.progress.notApplicable} of ${plural(updated.progress.total, 'item')} finished${updated.progress.late > 0 ? `, ${updated.progress.late} late` : ''}.`);
}

async function reopenItem(context: CliContext, args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { site: { type: 'string' }, cycle: { type: 'string' }, item: { type: 'string' }, reason: { type: 'string' } } });
  if (!values.item) throw usageError('say which item: --item KEY');
  if (!values.reason) throw usageError('reopening needs --reason TEXT; it stays in the item history');
  const site = await resolveSite(context, values.site);
  const cycle = await chooseCycle(context, site, values.cycle, values.item);
  const updated = await context.call('cycles:reopenItem', { cycleId: cycle.id, key: values.item, reason: values.reason });
  context.out(`Reopened "${updated.items.find((each) => each.key === values.item?.toLowerCase())?.title ?? values.item}" in cycle ${updated.id}.`);
}

async function closeCycle(context: CliContext, args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { site: { type: 'string' }, cycle: { type: 'string' }, note: { type: 'string' }, force: { type: 'boolean' } } });
  const site = await resolveSite(context, values.site);
  const cycle = await chooseCycle(context, site, values.cycle, null);
  const pending = cycle.items.filter((item) => item.state === 'pending');
  if (pending.length > 0 && !values.force) {
    throw usageError(`cycle ${cycle.id} still has ${plural(pending.length, 'pending item')} (${pending.map((item) => item.key).join(', ')}): tick them, mark them --na REASON, or close anyway with --force --note TEXT`);
  }
  const closed = await context.call('cycles:close', { cycleId: cycle.id, note: values.note ?? '', force: values.force ?? false });
  context.out(`Closed cycle ${closed.id} "${closed.title}" (${closed.progress.done} done, ${closed.progress.notApplicable} not applicable, ${closed.progress.pending} pending).`);
}

async function listLate(context: CliContext, args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { site: { type: 'string' }, json: { type: 'boolean' } } });
  const site = await resolveSite(context, values.site);
  const late = await context.call('cycles:late', { siteId: site.id });
  if (values.json) return context.out(JSON.stringify(late, null, 2));
  if (late.length === 0) return context.out(`No late checklist items in "${site.name}".`);
  context.out(formatTable(['CYCLE', 'TITLE', 'ITEM', 'DUE', 'DAYS LATE'], late.map((item) => [String(item.cycleId), item.cycleTitle, item.key, item.dueDate, String(item.daysLate)])));
}

/**
 * The cycle a command works on: `--cycle ID` (of this site), else the open cycle that has the
 * item (when an item is named and only one open cycle has it), else the latest open cycle, else
 * (for show) the latest cycle.
 */
async function chooseCycle(context: CliContext, site: Site, id: string | undefined, itemKey: string | null): Promise<CycleDetail> {
  if (id !== undefined) {
    if (!/^\d+$/.test(id)) throw usageError(`--cycle: "${id}" is not a cycle id (see patchdesk cycle list)`);
    const cycle = await context.call('cycles:get', { cycleId: Number(id) });
    if (cycle.siteId !== site.id) throw usageError(`--cycle: cycle ${id} is not in "${site.name}"`);
    return cycle;
  }
  const all = await context.call('cycles:list', { siteId: site.id });
  const open = all.filter((cycle) => cycle.status === 'open');
  let chosen: CycleSummary | undefined = open[0];
  if (itemKey !== null && open.length > 1) {
    const details = await Promise.all(open.map((cycle) => context.call('cycles:get', { cycleId: cycle.id })));
    const having = details.filter((cycle) => cycle.items.some((item) => item.key === itemKey.toLowerCase()));
    if (having.length > 1) throw usageError(`open cycles ${having.map((cycle) => cycle.id).join(' and ')} both have "${itemKey}": choose one with --cycle ID`);
    if (having[0]) return having[0];
  }
  if (!chosen && itemKey === null) chosen = all[0];
  if (!chosen) throw usageError(`no open cycle in "${site.name}": open one with patchdesk cycle open --site "${site.name}"`);
  return context.call('cycles:get', { cycleId: chosen.id });
}

function readEvidenceFile(path: string): string {
  try {
    return readFileSync(path).toString('base64');
  } catch (error) {
    throw usageError(`--file: cannot read "${path}": ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/** A cycle as text: header, checklist table, and what the collections during it show. */
function describeCycle(cycle: CycleDetail, timeZone: string): string {
  const at = (iso: string | null | undefined) => siteTime(iso, timeZone);
  const when = (iso: string | null | undefined) => siteInstant(iso, timeZone);
  const lines = [`Cycle ${cycle.id}: ${cycle.title} (${cycle.kind}, ${cycle.status}${cycle.overdue ? ', overdue' : ''})`];
  if (cycle.kind === 'baseline') lines.push(`Anchor ${cycle.anchorDate}; period ${at(cycle.period.from)} to ${cycle.period.to ? at(cycle.period.to) : 'open'} (${timeZone})`);
  else lines.push(`Trigger ${cycle.trigger?.ref ?? ''}: ${cycle.reason}`, `Deadline ${at(cycle.deadline)} (${timeZone}); triaged ${when(cycle.triagedAt) || 'not yet'}; re-tested ${when(cycle.verifiedAt) || 'not yet'}`);
  lines.push(`Opened ${when(cycle.openedAt)} by ${cycle.openedBy}${cycle.closedAt ? `; closed ${when(cycle.closedAt)} by ${cycle.closedBy}${cycle.closeNote ? ` (${cycle.closeNote})` : ''}` : ''}`);
  lines.push(`Progress ${cycle.progress.percent}%: ${cycle.progress.done} done, ${cycle.progress.notApplicable} not applicable, ${cycle.progress.pending} pending, ${cycle.progress.late} late`, '');
  lines.push(
    formatTable(
      ['KEY', 'DUE', 'STATE', 'BY', 'AT', 'NOTE / EVIDENCE'],
      cycle.items.map((item) => [
        item.key,
        item.dueDate,
        item.late ? 'LATE' : item.state === 'not_applicable' ? 'n/a' : item.state === 'done' && item.doneLate ? 'done (late)' : item.state,
        item.doneBy,
        at(item.doneAt),
        [item.note.slice(0, 60), ...item.evidence.map((each) => (each.kind === 'link' ? each.url : `${each.name} (sha256 ${each.sha256.slice(0, 12)}…)`))].filter(Boolean).join('; '),
      ]),
    ),
  );
  const due = cycle.scope.filter((asset) => asset.due).length;
  lines.push('', `Scope: ${plural(cycle.scope.length, 'asset')}, ${due} due this cycle. Verification: ${plural(cycle.rescan.hostsCollected, 'host')} collected during the cycle (${cycle.rescan.dueHostsCollected} of ${cycle.rescan.dueHosts} due)${cycle.rescan.lastCollectedAt ? `, last at ${at(cycle.rescan.lastCollectedAt)}` : ''}.`);
  return lines.join('\n');
}
