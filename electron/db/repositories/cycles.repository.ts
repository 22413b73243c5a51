/**
 * SQL for patch cycles: per-site settings and templates, cycles and their checklist items, the
 * append-only history of every tick and reopening, emergency scopes, rings, maintenance windows,
 * and the read of patch-status collections a verification rescan is judged by.
 */
import type { ChecklistTemplateItem, ChecklistEvidence, RescanSummary } from '../../../shared/contract/cycles';
import type { ChecklistItemKind, CycleKind } from '../../../shared/domain/cycles/checklist-template';
import type { ChecklistItemState } from '../../../shared/domain/cycles/checklist-status';
import type { TriggerKind } from '../../../shared/domain/cycles/emergency-trigger';
import type { Ring } from '../../../shared/domain/cycles/rings';
import type { Weekday } from '../../../shared/domain/cycles/weekdays';
import { addLocalDays, formatLocalDate } from '../../../shared/domain/sla/local-time';
import type { Db } from '../database';

/** A site's stored settings row; null columns mean "the built-in default". */
export interface StoredCycleSettings {
  settings: unknown;
  baselineTemplate: ChecklistTemplateItem[] | null;
  emergencyTemplate: ChecklistTemplateItem[] | null;
  updatedAt: string;
  updatedBy: string;
}

/** A cycle as stored. */
export interface StoredCycle {
  id: number;
  siteId: number;
  kind: CycleKind;
  month: string | null;
  title: string;
  triggerKind: TriggerKind | null;
  triggerRef: string;
  reason: string;
  anchorDate: string;
  deadlineAt: string | null;
  periodFrom: string;
  periodTo: string | null;
  status: 'open' | 'closed';
  openedAt: string;
  openedBy: string;
  closedAt: string | null;
  closedBy: string;
  closeNote: string;
}

/** A new cycle. */
export type NewCycle = Omit<StoredCycle, 'id' | 'status' | 'closedAt' | 'closedBy' | 'closeNote'>;

/** A new checklist item. */
export interface NewChecklistItem {
  key: string;
  kind: ChecklistItemKind;
  title: string;
  description: string;
  dueDate: string;
}

/** A checklist item as stored. */
export interface StoredChecklistItem extends NewChecklistItem {
  id: number;
  cycleId: number;
  position: number;
  state: ChecklistItemState;
}

/** One recorded action on an item. */
export interface StoredItemEvent {
  id: number;
  itemId: number;
  at: string;
  actor: string;
  action: 'done' | 'not_applicable' | 'reopened';
  doneBy: string;
  doneAt: string | null;
  note: string;
  evidence: ChecklistEvidence[];
  rescan: RescanSummary | null;
}

/** A maintenance window as stored. */
export interface StoredWindow {
  id: number;
  ring: Ring | null;
  label: string;
  weekdays: Weekday[];
  start: string;
  durationMinutes: number;
}

/** What the patch-status collections of a site recorded in a period. */
export interface CollectionActivity {
  /** Per asset: whether any collection succeeded, and the latest collection instant. */
  assets: Map<number, { ok: boolean; lastAt: string }>;
  runs: RescanSummary['runs'];
}

interface CycleRow {
  id: number;
  site_id: number;
  kind: CycleKind;
  month: string | null;
  title: string;
  trigger_kind: TriggerKind | null;
  trigger_ref: string;
  reason: string;
  anchor_date: string;
  deadline_at: string | null;
  period_from: string;
  period_to: string | null;
  status: 'open' | 'closed';
  opened_at: string;
  opened_by: string;
  closed_at: string | null;
  closed_by: string;
  close_note: string;
}

interface ItemRow {
  id: number;
  cycle_id: number;
  key: string;
  position: number;
  kind: ChecklistItemKind;
  title: string;
  description: string;
  due_date: string;
  state: ChecklistItemState;
}

interface EventRow {
  id: number;
  item_id: number;
  at: string;
  actor: string;
  action: StoredItemEvent['action'];
  done_by: string;
  done_at: string | null;
  note: string;
  evidence_json: string;
  rescan_json: string | null;
}

// Arrays are bound as one JSON parameter and expanded with json_each, so a statement never
// grows with the number of ids.
const IDS = 'SELECT value FROM json_each(?)';

export class CyclesRepository {
  constructor(private readonly db: Db) {}

  /** A site's settings row, if it ever changed anything. */
  settings(siteId: number): StoredCycleSettings | undefined {
    const row = this.db
      .prepare<[number], { settings_json: string | null; baseline_template_json: string | null; emergency_template_json: string | null; updated_at: string; updated_by: string }>('SELECT * FROM cycle_settings WHERE site_id = ?')
      .get(siteId);
    if (!row) return undefined;
    return {
      settings: row.settings_json === null ? null : JSON.parse(row.settings_json),
      baselineTemplate: row.baseline_template_json === null ? null : (JSON.parse(row.baseline_template_json) as ChecklistTemplateItem[]),
      emergencyTemplate: row.emergency_template_json === null ? null : (JSON.parse(row.emergency_template_json) as ChecklistTemplateItem[]),
      updatedAt: row.updated_at,
      updatedBy: row.updated_by,
    };
  }

  /** Stores a site's settings (null: the defaults). */
  saveSettings(siteId: number, settings: object | null, at: string, by: string): void {
    this.db
      .prepare(
        `INSERT INTO cycle_settings (site_id, settings_json, updated_at, updated_by) VALUES (?, ?, ?, ?)
         ON CONFLICT (site_id) DO UPDATE SET settings_json = excluded.settings_json, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      )
      .run(siteId, settings === null ? null : JSON.stringify(settings), at, by);
  }

  /** Stores a site's template for a kind of cycle (null: the built-in one). */
  saveTemplate(siteId: number, kind: CycleKind, items: readonly ChecklistTemplateItem[] | null, at: string, by: string): void {
    const column = kind === 'baseline' ? 'baseline_template_json' : 'emergency_template_json';
    this.db
      .prepare(
        `INSERT INTO cycle_settings (site_id, ${column}, updated_at, updated_by) VALUES (?, ?, ?, ?)
         ON CONFLICT (site_id) DO UPDATE SET ${column} = excluded.${column}, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      )
      .run(siteId, items === null ? null : JSON.stringify(items), at, by);
  }

  /** Inserts a cycle with its checklist and (emergency) affected assets; returns its id. Call inside a transaction. */
  insertCycle(cycle: NewCycle, items: readonly NewChecklistItem[], assetIds: readonly number[]): number {
    const id = Number(
      this.db
        .prepare(
          `INSERT INTO cycles (site_id, kind, month, title, trigger_kind, trigger_ref, reason, anchor_date, deadline_at, period_from, period_to, status, opened_at, opened_by)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?)`,
        )
        .run(cycle.siteId, cycle.kind, cycle.month, cycle.title, cycle.triggerKind, cycle.triggerRef, cycle.reason, cycle.anchorDate, cycle.deadlineAt, cycle.periodFrom, cycle.periodTo, cycle.openedAt, cycle.openedBy).lastInsertRowid,
    );
    const insertItem = this.db.prepare('INSERT INTO cycle_items (cycle_id, key, position, kind, title, description, due_date) VALUES (?, ?, ?, ?, ?, ?, ?)');
    items.forEach((item, position) => insertItem.run(id, item.key, position, item.kind, item.title, item.description, item.dueDate));
    const insertAsset = this.db.prepare('INSERT OR IGNORE INTO cycle_assets (cycle_id, asset_id) VALUES (?, ?)');
    for (const assetId of assetIds) insertAsset.run(id, assetId);
    return id;
  }

  /** One cycle. */
  cycle(id: number): StoredCycle | undefined {
    const row = this.db.prepare<[number], CycleRow>('SELECT * FROM cycles WHERE id = ?').get(id);
    return row ? toCycle(row) : undefined;
  }

  /** A site's cycles, newest first (open and closed, or one status). */
  list(siteId: number, status?: 'open' | 'closed'): StoredCycle[] {
    const rows = status
      ? this.db.prepare<[number, string], CycleRow>('SELECT * FROM cycles WHERE site_id = ? AND status = ? ORDER BY opened_at DESC, id DESC').all(siteId, status)
      : this.db.prepare<[number], CycleRow>('SELECT * FROM cycles WHERE site_id = ? ORDER BY opened_at DESC, id DESC').all(siteId);
    return rows.map(toCycle);
  }

  /** The baseline cycle of a site's month, if opened. */
  baselineFor(siteId: number, month: string): StoredCycle | undefined {
    const row = this.db.prepare<[number, string], CycleRow>("SELECT * FROM cycles WHERE site_id = ? AND kind = 'baseline' AND month = ?").get(siteId, month);
    return row ? toCycle(row) : undefined;
  }

  /** An open emergency cycle of a site for a trigger, if any. */
  openEmergencyFor(siteId: number, triggerRef: string): StoredCycle | undefined {
    const row = this.db.prepare<[number, string], CycleRow>("SELECT * FROM cycles WHERE site_id = ? AND kind = 'emergency' AND status = 'open' AND trigger_ref = ? COLLATE NOCASE").get(siteId, triggerRef);
    return row ? toCycle(row) : undefined;
  }

  /** The assets an emergency cycle was opened for (empty: the whole site). */
  cycleAssets(cycleId: number): number[] {
    return this.db.prepare<[number], { asset_id: number }>('SELECT asset_id FROM cycle_assets WHERE cycle_id = ? ORDER BY asset_id').all(cycleId).map((row) => row.asset_id);
  }

  /** The checklist items of some cycles, in checklist order. */
  items(cycleIds: readonly number[]): StoredChecklistItem[] {
    if (cycleIds.length === 0) return [];
    return this.db.prepare<[string], ItemRow>(`SELECT * FROM cycle_items WHERE cycle_id IN (${IDS}) ORDER BY cycle_id, position`).all(JSON.stringify(cycleIds)).map(toItem);
  }

  /** The history of some items, oldest first. */
  events(itemIds: readonly number[]): StoredItemEvent[] {
    if (itemIds.length === 0) return [];
    return this.db.prepare<[string], EventRow>(`SELECT * FROM cycle_item_events WHERE item_id IN (${IDS}) ORDER BY id`).all(JSON.stringify(itemIds)).map(toEvent);
  }

  /** Records an action on an item and sets its state accordingly. Call inside a transaction. */
  appendEvent(event: Omit<StoredItemEvent, 'id'>): number {
    const id = Number(
      this.db
        .prepare('INSERT INTO cycle_item_events (item_id, at, actor, action, done_by, done_at, note, evidence_json, rescan_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(event.itemId, event.at, event.actor, event.action, event.doneBy, event.doneAt, event.note, JSON.stringify(event.evidence), event.rescan === null ? null : JSON.stringify(event.rescan)).lastInsertRowid,
    );
    this.db.prepare('UPDATE cycle_items SET state = ? WHERE id = ?').run(event.action === 'reopened' ? 'pending' : event.action, event.itemId);
    return id;
  }

  /** Closes a cycle; an emergency's period ends with it. */
  close(id: number, at: string, by: string, note: string): void {
    this.db.prepare("UPDATE cycles SET status = 'closed', closed_at = ?, closed_by = ?, close_note = ?, period_to = COALESCE(period_to, ?) WHERE id = ? AND status = 'open'").run(at, by, note, at, id);
  }

  /** Explicit ring assignments of a site's assets. */
  rings(siteId: number): Map<number, Ring> {
    const rows = this.db.prepare<[number], { asset_id: number; ring: Ring }>('SELECT r.asset_id, r.ring FROM asset_rings r JOIN assets a ON a.id = r.asset_id WHERE a.site_id = ?').all(siteId);
    return new Map(rows.map((row) => [row.asset_id, row.ring]));
  }

  /** Assigns an asset to a ring, or removes its assignment (null). */
  setRing(assetId: number, ring: Ring | null, at: string, by: string): void {
    if (ring === null) this.db.prepare('DELETE FROM asset_rings WHERE asset_id = ?').run(assetId);
    else this.db.prepare('INSERT INTO asset_rings (asset_id, ring, updated_at, updated_by) VALUES (?, ?, ?, ?) ON CONFLICT (asset_id) DO UPDATE SET ring = excluded.ring, updated_at = excluded.updated_at, updated_by = excluded.updated_by').run(assetId, ring, at, by);
  }

  /** A site's maintenance windows, in the order they were given. */
  windows(siteId: number): StoredWindow[] {
    return this.db
      .prepare<[number], { id: number; ring: Ring | null; label: string; weekdays: string; start_time: string; duration_minutes: number }>('SELECT * FROM maintenance_windows WHERE site_id = ? ORDER BY position, id')
      .all(siteId)
      .map((row) => ({ id: row.id, ring: row.ring, label: row.label, weekdays: row.weekdays === '' ? [] : (row.weekdays.split(',') as Weekday[]), start: row.start_time, durationMinutes: row.duration_minutes }));
  }

  /** Replaces a site's maintenance windows. Call inside a transaction. */
  replaceWindows(siteId: number, windows: readonly Omit<StoredWindow, 'id'>[]): void {
    this.db.prepare('DELETE FROM maintenance_windows WHERE site_id = ?').run(siteId);
    const insert = this.db.prepare('INSERT INTO maintenance_windows (site_id, ring, label, weekdays, start_time, duration_minutes, position) VALUES (?, ?, ?, ?, ?, ?, ?)');
    windows.forEach((window, position) => insert.run(siteId, window.ring, window.label, window.weekdays.join(','), window.start, window.durationMinutes, position));
  }

  /**
   * What the patch-status collections of a site recorded in [from, to) (to null: open-ended):
   * per asset, whether a collection succeeded and when the last one was, and the runs started.
   * Collections imported from offline files count too: they have no run.
   */
  collectionActivity(siteId: number, from: string, to: string | null): CollectionActivity {
    const fromMs = Date.parse(from);
    const toMs = to === null ? Number.POSITIVE_INFINITY : Date.parse(to);
    const inPeriod = (value: string) => {
      const ms = Date.parse(value);
      return ms >= fromMs && ms < toMs;
    };
    // Stored instants may carry an offset (offline files keep the host's), so the SQL bound is a
    // day wider than the period and the exact test is made on parsed instants.
    const lower = formatLocalDate(addLocalDays(dayOf(from), -1));
    const upper = to === null ? '9999-12-31' : formatLocalDate(addLocalDays(dayOf(to), 2));
    const assets = new Map<number, { ok: boolean; lastAt: string }>();
    const collections = this.db
      .prepare<[number, string, string], { asset_id: number; collected_at: string; outcome: 'ok' | 'failed' }>(
        'SELECT h.asset_id, h.collected_at, h.outcome FROM host_collections h JOIN assets a ON a.id = h.asset_id WHERE a.site_id = ? AND h.collected_at >= ? AND h.collected_at < ?',
      )
      .all(siteId, lower, upper);
    for (const row of collections) {
      if (!inPeriod(row.collected_at)) continue;
      const seen = assets.get(row.asset_id);
      const later = !seen || Date.parse(row.collected_at) > Date.parse(seen.lastAt);
      assets.set(row.asset_id, { ok: (seen?.ok ?? false) || row.outcome === 'ok', lastAt: later ? row.collected_at : (seen?.lastAt ?? row.collected_at) });
    }
    const runs = this.db
      .prepare<[number, string, string], { id: number; status: string; started_at: string; finished_at: string | null; hosts_total: number; hosts_ok: number; hosts_failed: number }>(
        'SELECT * FROM collection_runs WHERE site_id = ? AND started_at >= ? AND started_at < ? ORDER BY id DESC',
      )
      .all(siteId, lower, upper)
      .filter((row) => inPeriod(row.started_at))
      .map((row) => ({ id: row.id, status: row.status, startedAt: row.started_at, finishedAt: row.finished_at, hostsTotal: row.hosts_total, hostsOk: row.hosts_ok, hostsFailed: row.hosts_failed }));
    return { assets, runs };
  }
}

function dayOf(instant: string): { year: number; month: number; day: number } {
  const date = new Date(Date.parse(instant));
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

function toCycle(row: CycleRow): StoredCycle {
  return {
    id: row.id,
    siteId: row.site_id,
    kind: row.kind,
    month: row.month,
    title: row.title,
    triggerKind: row.trigger_kind,
    triggerRef: row.trigger_ref,
    reason: row.reason,
    anchorDate: row.anchor_date,
    deadlineAt: row.deadline_at,
    periodFrom: row.period_from,
    periodTo: row.period_to,
    status: row.status,
    openedAt: row.opened_at,
    openedBy: row.opened_by,
    closedAt: row.closed_at,
    closedBy: row.closed_by,
    closeNote: row.close_note,
  };
}

function toItem(row: ItemRow): StoredChecklistItem {
  return { id: row.id, cycleId: row.cycle_id, key: row.key, position: row.position, kind: row.kind, title: row.title, description: row.description, dueDate: row.due_date, state: row.state };
}

function toEvent(row: EventRow): StoredItemEvent {
  return {
    id: row.id,
    itemId: row.item_id,
    at: row.at,
    actor: row.actor,
    action: row.action,
    doneBy: row.done_by,
    doneAt: row.done_at,
    note: row.note,
    evidence: JSON.parse(row.evidence_json) as ChecklistEvidence[],
    rescan: row.rescan_json === null ? null : (JSON.parse(row.rescan_json) as RescanSummary),
  };
}
