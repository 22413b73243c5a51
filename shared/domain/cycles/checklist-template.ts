/**
 * Checklist templates: the steps of a cycle, in order, each with a stable key and a due day. A
 * baseline cycle follows the monthly practice (inventory, review and approval, test ring, pilot
 * ring, broad deployment, verification rescan, compliance report, weekly review); an emergency
 * cycle the short path (triage, test, deploy, re-test, close-out). Sites edit their templates;
 * a cycle copies its template when opened, so editing a template never rewrites history.
 */
import { addLocalDays, localDaysBetween, type LocalDate } from '../sla/local-time';

/** The two kinds of cycle. */
export const CYCLE_KINDS = ['baseline', 'emergency'] as const;
/** One of `CYCLE_KINDS`. */
export type CycleKind = (typeof CYCLE_KINDS)[number];

/**
 * What an item is for. `task`: done by hand. `triage`: the emergency's assessment; its time is the
 * triage timestamp of the evidence pack. `deploy`: the (last) deployment; its time is the
 * deployment timestamp. `rescan`: verification by collection; the cycle shows the patch-status
 * collections made during the cycle next to it, and its time is the re-test (verification)
 * timestamp. A template has at most one item of each kind but `task`.
 */
export const CHECKLIST_ITEM_KINDS = ['task', 'triage', 'deploy', 'rescan'] as const;
/** One of `CHECKLIST_ITEM_KINDS`. */
export type ChecklistItemKind = (typeof CHECKLIST_ITEM_KINDS)[number];

/**
 * What an item's due day counts from. `anchor`: the baseline anchor day (Patch Tuesday), or an
 * emergency's opening day. `deadline`: an emergency's deadline day (emergency templates only).
 */
export const DUE_FROM = ['anchor', 'deadline'] as const;
/** One of `DUE_FROM`. */
export type DueFrom = (typeof DUE_FROM)[number];

/** One step of a template. */
export interface ChecklistTemplateItem {
  /** Stable identifier, lower-case letters, digits and dashes (`verification-rescan`). */
  key: string;
  title: string;
  description: string;
  kind: ChecklistItemKind;
  dueFrom: DueFrom;
  /** Calendar days after (or before, if negative) the day named by `dueFrom`. */
  dueOffsetDays: number;
}

/** A key as templates spell them. */
export const CHECKLIST_KEY_PATTERN = /^[a-z0-9][a-z0-9-]{0,39}$/;
/** The most items a template may have. */
export const MAX_TEMPLATE_ITEMS = 30;
/** The largest due offset, either way. */
export const MAX_DUE_OFFSET_DAYS = 62;

/** The monthly baseline practice, due days counted from the anchor (Patch Tuesday = day 0). */
export const DEFAULT_BASELINE_TEMPLATE: readonly ChecklistTemplateItem[] = [
  { key: 'inventory-refresh', title: 'Inventory refreshed', description: 'Scan or import the site so new, moved and retired hosts are known before the release.', kind: 'task', dueFrom: 'anchor', dueOffsetDays: -1 },
  { key: 'review-approve', title: 'Updates reviewed and approved', description: "Read the month's release notes and known issues; approve the updates to deploy and note any held back.", kind: 'task', dueFrom: 'anchor', dueOffsetDays: 0 },
  { key: 'test-ring', title: 'Test ring patched', description: 'Deploy to the test ring and check that the key applications still work.', kind: 'task', dueFrom: 'anchor', dueOffsetDays: 1 },
  { key: 'pilot-ring', title: 'Pilot ring patched', description: 'Deploy to the pilot ring; collect feedback from its users before going broad.', kind: 'task', dueFrom: 'anchor', dueOffsetDays: 3 },
  { key: 'broad-deployment', title: 'Broad deployment done', description: 'Deploy to every remaining asset due this cycle, within the maintenance windows.', kind: 'deploy', dueFrom: 'anchor', dueOffsetDays: 7 },
  { key: 'verification-rescan', title: 'Verification rescan', description: 'Collect patch status again (or import offline results) and confirm the updates are installed.', kind: 'rescan', dueFrom: 'anchor', dueOffsetDays: 8 },
  { key: 'compliance-report', title: 'Compliance report produced', description: 'Produce the compliance report for the cycle and file it with the evidence.', kind: 'task', dueFrom: 'anchor', dueOffsetDays: 10 },
  { key: 'weekly-review', title: 'Weekly review of failures and exceptions', description: 'Each week, review failed installs, hosts not reporting and exceptions expiring; tick once the cycle is reviewed.', kind: 'task', dueFrom: 'anchor', dueOffsetDays: 14 },
];

/** The emergency path: triage at once, test, deploy and re-test by the deadline, then close out. */
export const DEFAULT_EMERGENCY_TEMPLATE: readonly ChecklistTemplateItem[] = [
  { key: 'triage', title: 'Triage', description: 'Confirm which assets are exposed, the severity and whether it is exploited; decide the response.', kind: 'triage', dueFrom: 'anchor', dueOffsetDays: 0 },
  { key: 'test', title: 'Fix tested', description: 'Apply the fix or mitigation on the test ring and check that the affected service still works.', kind: 'task', dueFrom: 'anchor', dueOffsetDays: 1 },
  { key: 'deploy', title: 'Fix deployed', description: 'Deploy the fix or mitigation to every affected asset.', kind: 'deploy', dueFrom: 'deadline', dueOffsetDays: 0 },
  { key: 'retest', title: 'Verification re-test', description: 'Collect patch status again (or re-test by hand) and confirm every affected asset is fixed.', kind: 'rescan', dueFrom: 'deadline', dueOffsetDays: 0 },
  { key: 'close-out', title: 'Close-out', description: 'Record the outcome, raise exceptions for assets left unfixed, and inform whoever must know.', kind: 'task', dueFrom: 'deadline', dueOffsetDays: 2 },
];

/** The default template of a cycle kind. */
export function defaultTemplate(kind: CycleKind): readonly ChecklistTemplateItem[] {
  return kind === 'baseline' ? DEFAULT_BASELINE_TEMPLATE : DEFAULT_EMERGENCY_TEMPLATE;
}

/** One problem with a template: where (`items.3.key`) and what. */
export interface TemplateProblem {
  path: string;
  message: string;
}

/**
 * Every problem with a template for a cycle kind: an empty or oversized list, malformed or
 * repeated keys, empty titles, offsets out of range, `deadline` in a baseline template (baseline
 * cycles have no deadline), and more than one `triage`, `deploy` or `rescan` item (their times are
 * reported as the cycle's triage, deployment and verification timestamps, which must be unambiguous).
 */
export function templateProblems(items: readonly ChecklistTemplateItem[], kind: CycleKind): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  if (items.length === 0) problems.push({ path: 'items', message: 'a checklist needs at least one item' });
  if (items.length > MAX_TEMPLATE_ITEMS) problems.push({ path: 'items', message: `a checklist has at most ${MAX_TEMPLATE_ITEMS} items` });
  const seen = new Set<string>();
  const special: Record<Exclude<ChecklistItemKind, 'task'>, number> = { triage: 0, deploy: 0, rescan: 0 };
  items.forEach((item, index) => {
    const at = `items.${index}`;
    if (!CHECKLIST_KEY_PATTERN.test(item.key)) problems.push({ path: `${at}.key`, message: `"${item.key}" is not a key (lower-case letters, digits and dashes, at most 40)` });
    else if (seen.has(item.key)) problems.push({ path: `${at}.key`, message: `the key "${item.key}" is used twice` });
    seen.add(item.key);
    if (item.title.trim() === '') problems.push({ path: `${at}.title`, message: 'an item needs a title' });
    if (!Number.isInteger(item.dueOffsetDays) || Math.abs(item.dueOffsetDays) > MAX_DUE_OFFSET_DAYS) problems.push({ path: `${at}.dueOffsetDays`, message: `the due offset must be a whole number of days from -${MAX_DUE_OFFSET_DAYS} to ${MAX_DUE_OFFSET_DAYS}` });
    if (kind === 'baseline' && item.dueFrom === 'deadline') problems.push({ path: `${at}.dueFrom`, message: 'baseline cycles have no deadline: count from the anchor' });
    if (item.kind !== 'task') {
      special[item.kind] += 1;
      if (special[item.kind] === 2) problems.push({ path: `${at}.kind`, message: `only one item may be of kind "${item.kind}"` });
    }
  });
  return problems;
}

/** An item with its due day. */
export interface DatedChecklistItem extends ChecklistTemplateItem {
  dueDate: LocalDate;
}

/** A baseline checklist's due days, counted from the anchor day. */
export function baselineDueDates(template: readonly ChecklistTemplateItem[], anchorDate: LocalDate): DatedChecklistItem[] {
  return template.map((item) => ({ ...item, dueDate: addLocalDays(anchorDate, item.dueOffsetDays) }));
}

/**
 * An emergency checklist's due days. Items counted from the opening day are due no later than the
 * deadline day; no item is due before the opening day (a deadline two days out moves "three days
 * before the deadline" to the opening day rather than into the past).
 */
export function emergencyDueDates(template: readonly ChecklistTemplateItem[], openedDate: LocalDate, deadlineDate: LocalDate): DatedChecklistItem[] {
  return template.map((item) => {
    let due = addLocalDays(item.dueFrom === 'anchor' ? openedDate : deadlineDate, item.dueOffsetDays);
    if (item.dueFrom === 'anchor' && localDaysBetween(deadlineDate, due) > 0) due = deadlineDate;
    if (localDaysBetween(openedDate, due) < 0) due = openedDate;
    return { ...item, dueDate: due };
  });
}
