/**
 * The checklist template editor as plain data: rows that can be moved, renamed, added and
 * removed, checked with the domain's own template rules before saving. A row keeps its key once
 * saved (cycles and the evidence pack refer to items by key); a new row's key follows its title
 * until it is saved.
 */
import type { ChecklistTemplateItem } from '../../../../shared/contract';
import { MAX_DUE_OFFSET_DAYS, MAX_TEMPLATE_ITEMS, templateProblems, type ChecklistItemKind, type CycleKind, type DueFrom } from '../../../../shared/domain/cycles/checklist-template';

/** One row of the editor. */
export interface TemplateDraftItem {
  /** A React key that survives moves and renames. */
  uid: string;
  key: string;
  title: string;
  description: string;
  kind: ChecklistItemKind;
  dueFrom: DueFrom;
  /** As typed, so a half-typed "-" is not lost. */
  offset: string;
  /** Added in this editing session: its key still follows the title. */
  isNew: boolean;
}

let uidCounter = 0;
function nextUid(): string {
  uidCounter += 1;
  return `row-${uidCounter}`;
}

/** Editor rows from a stored template. */
export function draftFromTemplate(items: readonly ChecklistTemplateItem[]): TemplateDraftItem[] {
  return items.map((item) => ({ uid: nextUid(), key: item.key, title: item.title, description: item.description, kind: item.kind, dueFrom: item.dueFrom, offset: String(item.dueOffsetDays), isNew: false }));
}

/** A key from a title: lower case, dashes, at most 40 characters, unique among `taken`. */
export function keyFromTitle(title: string, taken: ReadonlySet<string>): string {
  const base =
    title
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 36)
      .replace(/-+$/, '') || 'item';
  if (!taken.has(base)) return base;
  for (let suffix = 2; ; suffix++) {
    const candidate = `${base}-${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

function keysExcept(items: readonly TemplateDraftItem[], index: number): Set<string> {
  return new Set(items.filter((_, each) => each !== index).map((item) => item.key));
}

/** Moves a row up (`-1`) or down (`1`); out-of-range moves change nothing. */
export function moveItem(items: readonly TemplateDraftItem[], index: number, delta: -1 | 1): TemplateDraftItem[] {
  const target = index + delta;
  if (index < 0 || index >= items.length || target < 0 || target >= items.length) return [...items];
  const next = [...items];
  [next[index], next[target]] = [next[target] as TemplateDraftItem, next[index] as TemplateDraftItem];
  return next;
}

/** Adds a task at the end, due a day after the last row's offset (a natural next step). */
export function addItem(items: readonly TemplateDraftItem[], kind: CycleKind): TemplateDraftItem[] {
  const last = items.at(-1);
  const lastOffset = Number(last?.offset);
  const offset = Number.isInteger(lastOffset) ? Math.min(MAX_DUE_OFFSET_DAYS, lastOffset + 1) : 0;
  const title = 'New step';
  return [
    ...items,
    { uid: nextUid(), key: keyFromTitle(title, new Set(items.map((item) => item.key))), title, description: '', kind: 'task', dueFrom: kind === 'emergency' ? (last?.dueFrom ?? 'anchor') : 'anchor', offset: String(offset), isNew: true },
  ];
}

/** Removes a row. */
export function removeItem(items: readonly TemplateDraftItem[], index: number): TemplateDraftItem[] {
  return items.filter((_, each) => each !== index);
}

/** Changes a row; a new row's key follows its title. */
export function updateItem(items: readonly TemplateDraftItem[], index: number, patch: Partial<Omit<TemplateDraftItem, 'uid' | 'isNew' | 'key'>>): TemplateDraftItem[] {
  return items.map((item, each) => {
    if (each !== index) return item;
    const next = { ...item, ...patch };
    if (item.isNew && patch.title !== undefined) next.key = keyFromTitle(patch.title, keysExcept(items, index));
    return next;
  });
}

function parseOffset(text: string): number | null {
  return /^[-+]?\d+$/.test(text.trim()) ? Number(text.trim()) : null;
}

/** The rows as template items; offsets that do not parse become NaN (and are flagged). */
export function toTemplateItems(items: readonly TemplateDraftItem[]): ChecklistTemplateItem[] {
  return items.map((item) => ({ key: item.key, title: item.title.trim(), description: item.description.trim(), kind: item.kind, dueFrom: item.dueFrom, dueOffsetDays: parseOffset(item.offset) ?? Number.NaN }));
}

/** Problems keyed `<row>.<field>` (`3.title`), or `items` for the list as a whole. */
export type TemplateDraftProblems = Record<string, string>;

/** Every problem with the rows, by the domain's rules plus what the editor alone can get wrong. */
export function draftProblems(items: readonly TemplateDraftItem[], kind: CycleKind): TemplateDraftProblems {
  const problems: TemplateDraftProblems = {};
  items.forEach((item, index) => {
    if (parseOffset(item.offset) === null) problems[`${index}.offset`] = 'A whole number of days, such as 3 or -1.';
    if (item.title.trim().length > 200) problems[`${index}.title`] = 'At most 200 characters.';
    if (item.description.trim().length > 2000) problems[`${index}.description`] = 'At most 2000 characters.';
  });
  for (const problem of templateProblems(toTemplateItems(items).map((item) => ({ ...item, dueOffsetDays: Number.isNaN(item.dueOffsetDays) ? 0 : item.dueOffsetDays })), kind)) {
    const match = /^items\.(\d+)\.(\w+)$/.exec(problem.path);
    const key = match ? `${match[1]}.${match[2] === 'dueOffsetDays' ? 'offset' : match[2]}` : 'items';
    problems[key] ??= problem.message;
  }
  return problems;
}

/** Whether the rows differ from the stored template. */
export function isDirty(items: readonly TemplateDraftItem[], stored: readonly ChecklistTemplateItem[]): boolean {
  return JSON.stringify(toTemplateItems(items)) !== JSON.stringify(stored.map((item) => ({ key: item.key, title: item.title, description: item.description, kind: item.kind, dueFrom: item.dueFrom, dueOffsetDays: item.dueOffsetDays })));
}

/** Whether another row may be added. */
export function canAdd(items: readonly TemplateDraftItem[]): boolean {
  return items.length < MAX_TEMPLATE_ITEMS;
}

/**
 * When a row is due, in words: "anchor day", "1 day before the anchor", "3 days after the
 * anchor"; for emergencies "opening day", "2 days after opening", "on the deadline".
 */
export function describeOffset(offsetText: string, dueFrom: DueFrom, kind: CycleKind): string {
  const offset = parseOffset(offsetText);
  if (offset === null) return '';
  const base = dueFrom === 'deadline' ? 'the deadline' : kind === 'emergency' ? 'opening' : 'the anchor';
  if (offset === 0) return dueFrom === 'deadline' ? 'on the deadline' : kind === 'emergency' ? 'opening day' : 'anchor day';
  const days = `${Math.abs(offset)} ${Math.abs(offset) === 1 ? 'day' : 'days'}`;
  return `${days} ${offset > 0 ? 'after' : 'before'} ${base}`;
}

