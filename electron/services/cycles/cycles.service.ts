/**
 * Patch cycles. Each site runs a monthly baseline cycle counted from its anchor day (by default
 * the second Tuesday) and opens emergency cycles for a CVE, KB or advisory with a reason and a
 * deadline. A cycle copies its site's checklist template when opened; each item then records who
 * did the work, when, a note and evidence, or why it does not apply. The checklist records work
 * done anywhere (Patchdesk, WSUS, by hand); the verification rescan is judged by the site's
 * patch-status collections during the cycle.
 *
 * Ticking is append-only: an item that is done or not applicable cannot be ticked again; it is
 * reopened with a reason first, and every tick and reopening stays in the item's history. Every
 * change is written with its audit entry (entity type `cycle`) in one transaction.
 */
import type { Asset } from '../../../shared/contract/assets';
import type {
  AssetRing,
  ChecklistTemplate,
  ChecklistTemplateItem,
  CycleDetail,
  CycleSettings,
  CycleSummary,
  ChecklistEvidence,
  LateCycleItem,
  MaintenanceWindows,
  ParsedChecklistEvidenceInput,
} from '../../../shared/contract/cycles';
import { baselineAnchorDate, baselinePeriod, describeBaselineAnchor } from '../../../shared/domain/cycles/baseline-anchor';
import { parseLocalDate } from '../../../shared/domain/cycles/checklist-status';
import { baselineDueDates, defaultTemplate, emergencyDueDates, type CycleKind, type DatedChecklistItem } from '../../../shared/domain/cycles/checklist-template';
import { parseEmergencyTrigger } from '../../../shared/domain/cycles/emergency-trigger';
import { nextWindow, nextWindowForRing } from '../../../shared/domain/cycles/maintenance-window';
import { RINGS, type Ring } from '../../../shared/domain/cycles/rings';
import type { Weekday } from '../../../shared/domain/cycles/weekdays';
import { addMonths, formatYearMonth, parseYearMonth, yearMonthOf } from '../../../shared/domain/cycles/year-month';
import { addLocalDays, DAY_MS, formatInstant, formatLocalDate, localDateOf, parseInstant, startOfLocalDay } from '../../../shared/domain/sla/local-time';
import { AppError, notFound } from '../../platform/app-error';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../db/database';
import type { AuditLogRepository } from '../../db/repositories/audit-log.repository';
import type { CyclesRepository, StoredChecklistItem, StoredCycle } from '../../db/repositories/cycles.repository';
import type { InventoryService } from '../inventory/inventory.service';
import type { SitesService } from '../sites/sites.service';
import type { ChecklistEvidenceStore } from './checklist-evidence-store';
import { assetRingsView, cycleScopeView, rescanSummary } from './cycle-scope';
import { applySettingsChanges, resolveCycleSettings, type CycleSettingsChanges, type ResolvedCycleSettings } from './cycle-settings';
import { checklistItemsView, cycleSummaryView, judgedAt, lateItemsView } from './cycle-view';
import { writeTransaction } from '../../db/write-transaction';
import { actingActor } from '../../platform/request-context';

/** The furthest ahead a baseline cycle may be opened, in months. */
export const MAX_MONTHS_AHEAD = 1;
/** The furthest ahead an emergency deadline may be (a typo in the year is caught). */
export const MAX_EMERGENCY_DAYS = 366;

export interface CyclesServiceDeps {
  db: Db;
  cycles: CyclesRepository;
  sites: SitesService;
  inventory: InventoryService;
  evidence: ChecklistEvidenceStore;
  audit: AuditLogRepository;
  clock: Clock;
  actor: string;
}

/** A tick as the contract delivers it (parsed, defaults applied). */
export interface TickInput {
  cycleId: number;
  key: string;
  state: 'done' | 'not_applicable';
  note: string;
  doneBy?: string | undefined;
  doneAt?: string | undefined;
  evidence: readonly ParsedChecklistEvidenceInput[];
}

/** An emergency as the contract delivers it (parsed, defaults applied). */
export interface OpenEmergencyInput {
  siteId: number;
  trigger: string;
  reason: string;
  deadline: string;
  assetIds: readonly number[];
  title?: string | undefined;
}

/** A maintenance window as the contract delivers it. */
export interface WindowInput {
  ring: Ring | null;
  label: string;
  weekdays: readonly Weekday[];
  start: string;
  durationMinutes: number;
}

export class CyclesService {
  constructor(private readonly deps: CyclesServiceDeps) {}

  // ---- Settings and templates ------------------------------------------------------------------

  /** A site's cycle settings (the defaults until changed). */
  settings(siteId: number): CycleSettings {
    const site = this.deps.sites.get(siteId);
    const stored = this.deps.cycles.settings(site.id);
    const settings = resolveCycleSettings(stored?.settings ?? null);
    const thisMonth = yearMonthOf(this.nowMs(), site.timezone);
    return {
      siteId: site.id,
      ...settings,
      anchorLabel: describeBaselineAnchor(settings.anchor),
      upcomingAnchors: [0, 1, 2].map((ahead) => {
        const month = addMonths(thisMonth, ahead);
        return { month: formatYearMonth(month), anchorDate: formatLocalDate(baselineAnchorDate(month, settings.anchor)) };
      }),
      updatedAt: stored?.settings ? stored.updatedAt : null,
      updatedBy: stored?.settings ? stored.updatedBy : '',
    };
  }

  /** Changes a site's settings. Open cycles keep their anchor and due days; new cycles use the new ones. */
  updateSettings(siteId: number, changes: CycleSettingsChanges): CycleSettings {
    const site = this.deps.sites.get(siteId);
    writeTransaction(this.deps.db, () => {
      const before = this.resolvedSettings(site.id);
      const after = applySettingsChanges(before, changes);
      this.deps.cycles.saveSettings(site.id, after, this.now(), actingActor(this.deps.actor));
      this.audit(site.id, null, 'cycle-settings-changed', { before, after });
    });
    return this.settings(site.id);
  }

  /** A site's checklist template for a kind of cycle. */
  template(siteId: number, kind: CycleKind): ChecklistTemplate {
    const site = this.deps.sites.get(siteId);
    const stored = this.deps.cycles.settings(site.id);
    const own = kind === 'baseline' ? stored?.baselineTemplate : stored?.emergencyTemplate;
    return { siteId: site.id, kind, items: own ?? [...defaultTemplate(kind)], isDefault: own == null, updatedAt: own ? (stored?.updatedAt ?? null) : null, updatedBy: own ? (stored?.updatedBy ?? '') : '' };
  }

  /** Replaces a template (null: back to the built-in one). Open cycles keep the checklist they were opened with. */
  updateTemplate(siteId: number, kind: CycleKind, items: readonly ChecklistTemplateItem[] | null): ChecklistTemplate {
    const site = this.deps.sites.get(siteId);
    writeTransaction(this.deps.db, () => {
      const before = this.template(site.id, kind);
      this.deps.cycles.saveTemplate(site.id, kind, items, this.now(), actingActor(this.deps.actor));
      this.audit(site.id, null, 'cycle-template-changed', { kind, before: before.isDefault ? 'default' : before.items, after: items ?? 'default' });
    });
    return this.template(site.id, kind);
  }

  // ---- Cycles -----------------------------------------------------------------------------------

  /** A site's cycles, newest first, with progress and late counts. */
  list(siteId: number, status?: 'open' | 'closed'): CycleSummary[] {
    const site = this.deps.sites.get(siteId);
    const cycles = this.deps.cycles.list(site.id, status);
    const items = this.deps.cycles.items(cycles.map((cycle) => cycle.id));
    const events = this.deps.cycles.events(items.map((item) => item.id));
    const now = this.nowMs();
    return cycles.map((cycle) => {
      const own = items.filter((item) => item.cycleId === cycle.id);
      return cycleSummaryView(cycle, checklistItemsView(own, events, judgedAt(cycle, now), site.timezone), now, site.timezone);
    });
  }

  /** One cycle with its checklist, scope and what the collections during it show. */
  get(cycleId: number): CycleDetail {
    const cycle = this.requireCycle(cycleId);
    const site = this.deps.sites.get(cycle.siteId);
    const now = this.nowMs();
    const storedItems = this.deps.cycles.items([cycle.id]);
    const items = checklistItemsView(storedItems, this.deps.cycles.events(storedItems.map((item) => item.id)), judgedAt(cycle, now), site.timezone);
    const scope = this.scopeOf(cycle);
    return { ...cycleSummaryView(cycle, items, now, site.timezone), items, scope, rescan: this.rescanOf(cycle, scope) };
  }

  /**
   * Opens a month's baseline cycle (default: the current month in the site's time zone). Refused
   * when that month's cycle exists, or for a month more than {@link MAX_MONTHS_AHEAD} ahead.
   */
  openBaseline(siteId: number, monthText?: string): CycleDetail {
    const site = this.deps.sites.get(siteId);
    const current = yearMonthOf(this.nowMs(), site.timezone);
    const month = monthText ? parseYearMonth(monthText) : current;
    const label = formatYearMonth(month);
    if (label > formatYearMonth(addMonths(current, MAX_MONTHS_AHEAD))) {
      throw new AppError('bad_request', `the ${label} baseline cycle cannot be opened yet: cycles open at most ${MAX_MONTHS_AHEAD} month ahead (it is ${formatYearMonth(current)} in ${site.timezone})`, [{ path: 'month', message: 'too far ahead' }]);
    }
    const settings = this.resolvedSettings(site.id);
    const anchorDate = baselineAnchorDate(month, settings.anchor);
    const period = baselinePeriod(month, settings.anchor, site.timezone);
    const items = baselineDueDates(this.template(site.id, 'baseline').items, anchorDate);
    const duplicate = () => {
      const existing = this.deps.cycles.baselineFor(site.id, label);
      return existing && new AppError('conflict', `the ${label} baseline cycle of "${site.name}" already exists (cycle ${existing.id}, ${existing.status})`);
    };
    const id = () => writeTransaction(this.deps.db, () => {
      const refused = duplicate();
      if (refused) throw refused;
      const now = this.now();
      const newId = this.deps.cycles.insertCycle(
        { siteId: site.id, kind: 'baseline', month: label, title: `Baseline ${label}`, triggerKind: null, triggerRef: '', reason: '', anchorDate: formatLocalDate(anchorDate), deadlineAt: null, periodFrom: period.from, periodTo: period.to, openedAt: now, openedBy: actingActor(this.deps.actor) },
        items.map(toNewItem),
        [],
      );
      this.audit(site.id, newId, 'cycle-opened', { kind: 'baseline', month: label, anchorDate: formatLocalDate(anchorDate), anchor: settings.anchor, items: items.map((item) => ({ key: item.key, dueDate: formatLocalDate(item.dueDate) })) });
      return newId;
    });
    try {
      return this.get(id());
    } catch (error) {
      // Another process (the desktop app beside the CLI) may open the same month between the check and the insert.
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw duplicate() ?? error;
      throw error;
    }
  }

  /**
   * Opens an emergency cycle for a CVE, KB or advisory. The deadline must lie ahead (within
   * {@link MAX_EMERGENCY_DAYS} days); the named assets must belong to the site; a second open
   * cycle for the same trigger is refused.
   */
  openEmergency(request: OpenEmergencyInput): CycleDetail {
    const site = this.deps.sites.get(request.siteId);
    const trigger = parseEmergencyTrigger(request.trigger);
    if (!trigger) {
      throw new AppError('bad_request', `"${request.trigger}" is not a CVE (CVE-2026-1234), a KB (KB5034441) or an advisory id (RHSA-2026:1234)`, [{ path: 'trigger', message: 'not a CVE, KB or advisory id' }]);
    }
    const nowMs = this.nowMs();
    const deadlineMs = toInstantMs(request.deadline, site.timezone, 'deadline');
    if (deadlineMs <= nowMs) throw new AppError('bad_request', `the deadline ${formatInstant(deadlineMs)} has already passed`, [{ path: 'deadline', message: 'in the past' }]);
    if (deadlineMs - nowMs > MAX_EMERGENCY_DAYS * DAY_MS) throw new AppError('bad_request', `the deadline ${formatInstant(deadlineMs)} is more than ${MAX_EMERGENCY_DAYS} days away; an emergency has a near deadline`, [{ path: 'deadline', message: 'too far away' }]);
    const siteAssets = this.deps.inventory.list(site.id);
    const known = new Set(siteAssets.map((asset) => asset.id));
    const strangers = request.assetIds.map((assetId, index) => ({ assetId, index })).filter((each) => !known.has(each.assetId));
    if (strangers.length > 0) {
      throw new AppError('bad_request', `asset${strangers.length > 1 ? 's' : ''} ${strangers.map((each) => each.assetId).join(', ')} ${strangers.length > 1 ? 'are' : 'is'} not in "${site.name}"`, strangers.map((each) => ({ path: `assetIds.${each.index}`, message: 'not an asset of this site' })));
    }
    const openedDate = localDateOf(nowMs, site.timezone);
    // The deadline's own day: an instant at midnight ends the day before.
    const deadlineDate = localDateOf(deadlineMs - 1, site.timezone);
    const items = emergencyDueDates(this.template(site.id, 'emergency').items, openedDate, deadlineDate);
    const id = writeTransaction(this.deps.db, () => {
      const existing = this.deps.cycles.openEmergencyFor(site.id, trigger.ref);
      if (existing) throw new AppError('conflict', `an emergency cycle for ${trigger.ref} is already open in "${site.name}" (cycle ${existing.id})`);
      const now = this.now();
      const title = request.title || `Emergency: ${trigger.ref}`;
      const newId = this.deps.cycles.insertCycle(
        { siteId: site.id, kind: 'emergency', month: null, title, triggerKind: trigger.kind, triggerRef: trigger.ref, reason: request.reason, anchorDate: formatLocalDate(openedDate), deadlineAt: formatInstant(deadlineMs), periodFrom: now, periodTo: null, openedAt: now, openedBy: actingActor(this.deps.actor) },
        items.map(toNewItem),
        request.assetIds,
      );
      this.audit(site.id, newId, 'cycle-opened', { kind: 'emergency', trigger, reason: request.reason, deadline: formatInstant(deadlineMs), assetIds: request.assetIds, items: items.map((item) => ({ key: item.key, dueDate: formatLocalDate(item.dueDate) })) });
      return newId;
    });
    return this.get(id);
  }

  /**
   * Ticks an item done, or marks it not applicable (the reason in `note`). Refused on a closed
   * cycle and on an item already ticked (reopen it first). The verification rescan needs proof:
   * a host collected during the cycle, or attached evidence.
   */
  tick(request: TickInput): CycleDetail {
    const cycle = this.requireOpenCycle(request.cycleId, 'tick its items');
    const site = this.deps.sites.get(cycle.siteId);
    const item = this.requireItem(cycle, request.key);
    if (item.state !== 'pending') {
      const last = this.deps.cycles.events([item.id]).at(-1);
      throw new AppError('conflict', `"${item.title}" is already ${item.state === 'done' ? 'done' : 'marked not applicable'}${last ? ` (by ${last.doneBy || last.actor}, ${last.doneAt ?? last.at})` : ''}; reopen it first to record it again`);
    }
    const nowMs = this.nowMs();
    const doneAtMs = request.doneAt === undefined ? nowMs : parseInstant(request.doneAt);
    if (doneAtMs > nowMs) throw new AppError('bad_request', `the work cannot be done in the future (${formatInstant(doneAtMs)})`, [{ path: 'doneAt', message: 'in the future' }]);
    let rescan = null;
    if (item.kind === 'rescan' && request.state === 'done') {
      rescan = this.rescanOf(cycle, this.scopeOf(cycle));
      if (rescan.hostsCollected === 0 && request.evidence.length === 0) {
        throw new AppError(
          'bad_request',
          `"${item.title}" needs proof: no host of "${site.name}" was collected since ${rescan.from}. Collect patch status, import an offline result, or attach a file or link showing the verification`,
          [{ path: 'evidence', message: 'no collection during the cycle and no evidence attached' }],
        );
      }
    }
    // Files are kept before the transaction: content-addressed, so a failed tick leaves at most an unused copy.
    const evidence: ChecklistEvidence[] = request.evidence.map((each, index) =>
      each.kind === 'link' ? { kind: 'link', url: each.url, name: each.name } : { kind: 'file', ...this.deps.evidence.save(each.name, each.contentBase64, `evidence.${index}`) },
    );
    const doneBy = request.doneBy ?? actingActor(this.deps.actor);
    writeTransaction(this.deps.db, () => {
      const at = this.now();
      this.deps.cycles.appendEvent({ itemId: item.id, at, actor: actingActor(this.deps.actor), action: request.state, doneBy, doneAt: formatInstant(doneAtMs), note: request.note, evidence, rescan });
      this.audit(site.id, cycle.id, request.state === 'done' ? 'cycle-item-done' : 'cycle-item-not-applicable', {
        key: item.key,
        title: item.title,
        doneBy,
        doneAt: formatInstant(doneAtMs),
        note: request.note,
        evidence: evidence.map((each) => (each.kind === 'link' ? { kind: 'link', url: each.url } : { kind: 'file', name: each.name, sha256: each.sha256, size: each.size })),
        ...(rescan ? { rescan: { hostsCollected: rescan.hostsCollected, dueHosts: rescan.dueHosts, dueHostsCollected: rescan.dueHostsCollected, lastCollectedAt: rescan.lastCollectedAt } } : {}),
      });
    });
    return this.get(cycle.id);
  }

  /** Sets a ticked item back to pending; the reason and the earlier tick stay in its history. */
  reopenItem(cycleId: number, key: string, reason: string): CycleDetail {
    const cycle = this.requireOpenCycle(cycleId, 'reopen its items');
    const item = this.requireItem(cycle, key);
    if (item.state === 'pending') throw new AppError('conflict', `"${item.title}" is not ticked; there is nothing to reopen`);
    writeTransaction(this.deps.db, () => {
      const at = this.now();
      this.deps.cycles.appendEvent({ itemId: item.id, at, actor: actingActor(this.deps.actor), action: 'reopened', doneBy: '', doneAt: null, note: reason, evidence: [], rescan: null });
      this.audit(cycle.siteId, cycle.id, 'cycle-item-reopened', { key: item.key, title: item.title, was: item.state, reason });
    });
    return this.get(cycle.id);
  }

  /**
   * Closes a cycle. While items are pending it asks for confirmation (`needs_confirmation`);
   * closing anyway takes `force` and a note saying why, and the pending items are recorded.
   */
  close(cycleId: number, note: string, force: boolean): CycleDetail {
    const cycle = this.requireOpenCycle(cycleId, 'close it again');
    const pending = this.deps.cycles.items([cycle.id]).filter((item) => item.state === 'pending');
    if (pending.length > 0 && !force) {
      throw new AppError('needs_confirmation', `cycle ${cycle.id} still has ${pending.length} pending item${pending.length === 1 ? '' : 's'} (${pending.map((item) => item.key).join(', ')}): tick them, mark them not applicable, or close anyway with a note`);
    }
    if (pending.length > 0 && note === '') throw new AppError('bad_request', 'closing a cycle with pending items needs a note saying why', [{ path: 'note', message: 'say why the cycle closes with pending items' }]);
    writeTransaction(this.deps.db, () => {
      const at = this.now();
      this.deps.cycles.close(cycle.id, at, actingActor(this.deps.actor), note);
      this.audit(cycle.siteId, cycle.id, 'cycle-closed', { note, forced: pending.length > 0, pending: pending.map((item) => item.key) });
    });
    return this.get(cycle.id);
  }

  /** Late items across a site's open cycles at an instant (default now), most overdue first. */
  lateItems(siteId: number, at?: string): LateCycleItem[] {
    const site = this.deps.sites.get(siteId);
    const atMs = at === undefined ? this.nowMs() : parseInstant(at);
    const cycles = this.deps.cycles.list(site.id, 'open');
    const items = this.deps.cycles.items(cycles.map((cycle) => cycle.id));
    return cycles
      .flatMap((cycle) => lateItemsView(cycle, items.filter((item) => item.cycleId === cycle.id), atMs, site.timezone))
      .sort((a, b) => a.dueBy.localeCompare(b.dueBy) || a.cycleId - b.cycleId);
  }

  // ---- Rings and windows ------------------------------------------------------------------------

  /** Every asset of a site that is in the inventory (active), with its ring, class and cadence. */
  rings(siteId: number): AssetRing[] {
    const site = this.deps.sites.get(siteId);
    return assetRingsView(this.deps.inventory.list(site.id, ['active']), this.deps.cycles.rings(site.id), this.resolvedSettings(site.id));
  }

  /** Assigns assets of a site to a ring (null: back to the default, broad). */
  setRings(siteId: number, assetIds: readonly number[], ring: Ring | null): { updated: number } {
    const site = this.deps.sites.get(siteId);
    const assets = new Map(this.deps.inventory.list(site.id).map((asset) => [asset.id, asset]));
    const strangers = assetIds.map((assetId, index) => ({ assetId, index })).filter((each) => !assets.has(each.assetId));
    if (strangers.length > 0) throw new AppError('bad_request', `asset ${strangers.map((each) => each.assetId).join(', ')} not in "${site.name}"`, strangers.map((each) => ({ path: `assetIds.${each.index}`, message: 'not an asset of this site' })));
    const unique = [...new Set(assetIds)];
    writeTransaction(this.deps.db, () => {
      const before = this.deps.cycles.rings(site.id);
      const at = this.now();
      for (const assetId of unique) this.deps.cycles.setRing(assetId, ring, at, actingActor(this.deps.actor));
      this.audit(site.id, null, 'cycle-rings-set', { ring, assets: unique.map((assetId) => ({ assetId, before: before.get(assetId) ?? null })) });
    });
    return { updated: unique.length };
  }

  /** A site's maintenance windows, each with its next occurrence, and each ring's next window. */
  windows(siteId: number): MaintenanceWindows {
    const site = this.deps.sites.get(siteId);
    const now = this.nowMs();
    const windows = this.deps.cycles.windows(site.id);
    return {
      siteId: site.id,
      timezone: site.timezone,
      windows: windows.map((window) => {
        const next = nextWindow(window, now, site.timezone);
        return { ...window, next: next && { from: formatInstant(next.from), to: formatInstant(next.to) } };
      }),
      nextByRing: RINGS.map((ring) => {
        const next = nextWindowForRing(windows, ring, now, site.timezone);
        return { ring, from: next && formatInstant(next.from), to: next && formatInstant(next.to) };
      }),
    };
  }

  /** Replaces a site's maintenance windows. */
  setWindows(siteId: number, windows: readonly WindowInput[]): MaintenanceWindows {
    const site = this.deps.sites.get(siteId);
    writeTransaction(this.deps.db, () => {
      const before = this.deps.cycles.windows(site.id).map(({ id: _id, ...window }) => window);
      const after = windows.map((window) => ({ ...window, weekdays: [...new Set(window.weekdays)] }));
      this.deps.cycles.replaceWindows(site.id, after);
      this.audit(site.id, null, 'cycle-windows-set', { timezone: site.timezone, before, after });
    });
    return this.windows(site.id);
  }

  /** Where an evidence file attached to a checklist item is kept (for the evidence pack). */
  evidenceFilePath(sha256: string): string {
    return this.deps.evidence.pathOf(sha256);
  }

  // ---- Helpers ----------------------------------------------------------------------------------

  private resolvedSettings(siteId: number): ResolvedCycleSettings {
    return resolveCycleSettings(this.deps.cycles.settings(siteId)?.settings ?? null);
  }

  private scopeOf(cycle: StoredCycle) {
    const siteAssets: Asset[] = this.deps.inventory.list(cycle.siteId);
    return cycleScopeView(cycle, siteAssets, this.deps.cycles.rings(cycle.siteId), this.resolvedSettings(cycle.siteId), cycle.kind === 'emergency' ? this.deps.cycles.cycleAssets(cycle.id) : []);
  }

  private rescanOf(cycle: StoredCycle, scope: ReturnType<CyclesService['scopeOf']>) {
    const period = { from: cycle.periodFrom, to: cycle.periodTo };
    return rescanSummary(period, this.deps.cycles.collectionActivity(cycle.siteId, period.from, period.to), scope);
  }

  private requireCycle(cycleId: number): StoredCycle {
    const cycle = this.deps.cycles.cycle(cycleId);
    if (!cycle) throw notFound('cycle', cycleId);
    return cycle;
  }

  private requireOpenCycle(cycleId: number, doing: string): StoredCycle {
    const cycle = this.requireCycle(cycleId);
    if (cycle.status === 'closed') throw new AppError('conflict', `cycle ${cycle.id} ("${cycle.title}") was closed on ${cycle.closedAt ?? '?'}; it is not possible to ${doing}`);
    return cycle;
  }

  private requireItem(cycle: StoredCycle, key: string): StoredChecklistItem {
    const items = this.deps.cycles.items([cycle.id]);
    const item = items.find((each) => each.key === key.trim().toLowerCase());
    if (!item) throw new AppError('not_found', `cycle ${cycle.id} has no item "${key}" (items: ${items.map((each) => each.key).join(', ')})`, [{ path: 'key', message: 'no such item' }]);
    return item;
  }

  private audit(siteId: number, cycleId: number | null, action: string, details: Record<string, unknown>): void {
    this.deps.audit.append({ at: this.now(), actor: actingActor(this.deps.actor), siteId, entityType: 'cycle', entityId: cycleId, action, details });
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  private nowMs(): number {
    return this.deps.clock.now().getTime();
  }
}

function toNewItem(item: DatedChecklistItem) {
  return { key: item.key, kind: item.kind, title: item.title, description: item.description, dueDate: formatLocalDate(item.dueDate) };
}

/** A bare date means the end of that day in the site's time zone; an instant is taken as given. */
function toInstantMs(value: string, timeZone: string, path: string): number {
  try {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return parseInstant(value);
    return startOfLocalDay(addLocalDays(parseLocalDate(value), 1), timeZone);
  } catch (error) {
    throw new AppError('bad_request', `${path}: ${(error as Error).message}`, [{ path, message: (error as Error).message }]);
  }
}
