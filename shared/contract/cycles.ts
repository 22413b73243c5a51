/**
 * Patch cycles: each site's monthly baseline cycle (anchored by default on the second Tuesday) and
 * out-of-band emergency cycles, their checklists with who did what, when, with which evidence,
 * deployment rings, maintenance windows and cadence rules. Dates (`YYYY-MM-DD`) are the site's
 * local days; instants are ISO-8601 UTC. The pure rules behind every computed field are in
 * shared/domain/cycles/.
 */
import { z } from 'zod';
import { ASSET_CLASSES, CADENCES, DEFAULT_CADENCES, type AssetClass } from '../domain/cycles/cadence';
import { MAX_ANCHOR_OFFSET_DAYS, WEEKDAY_OCCURRENCES } from '../domain/cycles/baseline-anchor';
import { CHECKLIST_ITEM_KINDS, CYCLE_KINDS, DUE_FROM, templateProblems } from '../domain/cycles/checklist-template';
import { CHECKLIST_ITEM_STATES } from '../domain/cycles/checklist-status';
import { TRIGGER_KINDS } from '../domain/cycles/emergency-trigger';
import { isLocalTime, MAX_WINDOW_MINUTES } from '../domain/cycles/maintenance-window';
import { RINGS } from '../domain/cycles/rings';
import { WEEKDAYS } from '../domain/cycles/weekdays';
import { isYearMonth } from '../domain/cycles/year-month';
import { isInstant } from '../domain/sla/local-time';
import { checkedString, Id, IsoDate, IsoTimestamp, NonEmptyText } from './common';

/** `sun` ... `sat`. */
export const WeekdaySchema = z.enum(WEEKDAYS);
/** `test`, `pilot` or `broad` (the default for an asset nobody assigned). */
export const RingSchema = z.enum(RINGS);
/** `baseline` (monthly) or `emergency` (out of band). */
export const CycleKindSchema = z.enum(CYCLE_KINDS);
/** `os-and-apps`, `appliance`, `hypervisor` or `firmware`. */
export const AssetClassSchema = z.enum(ASSET_CLASSES);
/** `monthly`, `quarterly` or `semiannual`. */
export const CadenceSchema = z.enum(CADENCES);
/** `pending`, `done` or `not_applicable`. */
export const ChecklistItemStateSchema = z.enum(CHECKLIST_ITEM_STATES);
/** `task`, `triage` (its time is the triage timestamp), `deploy` (the deployment timestamp) or `rescan` (verification by collection; the verification timestamp). */
export const ChecklistItemKindSchema = z.enum(CHECKLIST_ITEM_KINDS);

/** A month as `YYYY-MM`. */
export const YearMonthText = checkedString(isYearMonth, (value) => `"${value}" is not a month as YYYY-MM (such as 2026-11)`);

/** A day (`2026-11-20`: the end of that day in the site's time zone) or an instant with an offset. */
export const DeadlineText = checkedString(
  (value) => /^\d{4}-\d{2}-\d{2}$/.test(value) || isInstant(value),
  (value) => `"${value}" is not a date (YYYY-MM-DD) or an ISO timestamp with an offset (2026-11-20T18:00:00Z)`,
);

// ---- Settings ---------------------------------------------------------------------------------

/** The day each month's baseline is counted from: `nth` `weekday` of the month, plus `offsetDays`. */
export const BaselineAnchorSchema = z.object({
  weekday: WeekdaySchema,
  /** 1-4, or -1 for the last such weekday of the month. */
  nth: z.union(WEEKDAY_OCCURRENCES.map((nth) => z.literal(nth)) as [z.ZodLiteral<1>, z.ZodLiteral<2>, z.ZodLiteral<3>, z.ZodLiteral<4>, z.ZodLiteral<-1>]),
  offsetDays: z.number().int().min(-MAX_ANCHOR_OFFSET_DAYS, `at least -${MAX_ANCHOR_OFFSET_DAYS} days`).max(MAX_ANCHOR_OFFSET_DAYS, `at most ${MAX_ANCHOR_OFFSET_DAYS} days`),
});

const cadenceShape = Object.fromEntries(ASSET_CLASSES.map((assetClass) => [assetClass, CadenceSchema])) as Record<AssetClass, typeof CadenceSchema>;

/** How often each asset class is patched in the baseline. */
export const CadenceRulesSchema = z.object(cadenceShape);

/** A site's cycle settings. */
export const CycleSettings = z.object({
  siteId: Id,
  anchor: BaselineAnchorSchema,
  /** "second Tuesday", "second Tuesday + 4 days". */
  anchorLabel: z.string(),
  cadences: CadenceRulesSchema,
  /** The month (1-12) quarterly and half-yearly cadences count from: 1 = Jan/Apr/Jul/Oct and Jan/Jul. */
  cadenceStartMonth: z.number().int().min(1).max(12),
  /** The anchor days of this month and the next two, for the settings screen. */
  upcomingAnchors: z.array(z.object({ month: z.string(), anchorDate: IsoDate })),
  /** null while the site uses the defaults. */
  updatedAt: IsoTimestamp.nullable(),
  updatedBy: z.string(),
});
export type CycleSettings = z.infer<typeof CycleSettings>;

/** Changes to a site's cycle settings: only what is named changes (no defaults here). */
export const CycleSettingsUpdate = z.object({
  siteId: Id,
  changes: z
    .object({
      anchor: BaselineAnchorSchema,
      cadences: CadenceRulesSchema.partial(),
      cadenceStartMonth: z.number().int().min(1, 'a month from 1 to 12').max(12, 'a month from 1 to 12'),
    })
    .partial(),
});
export type CycleSettingsUpdate = z.input<typeof CycleSettingsUpdate>;

/** The built-in cadences, for the UI's "reset" button. */
export const DEFAULT_CADENCE_RULES = DEFAULT_CADENCES;

// ---- Templates --------------------------------------------------------------------------------

/** One step of a checklist template, as edited. */
export const ChecklistTemplateItemInput = z.object({
  key: z.string().trim(),
  title: NonEmptyText(200),
  description: z.string().trim().max(2000, 'must be at most 2000 characters').default(''),
  kind: ChecklistItemKindSchema.default('task'),
  /** `anchor`: the baseline anchor day, or an emergency's opening day. `deadline`: an emergency's deadline day. */
  dueFrom: z.enum(DUE_FROM).default('anchor'),
  /** Days after (negative: before) the day named by `dueFrom`. */
  dueOffsetDays: z.number().int('a whole number of days'),
});

/** One step of a checklist template, as stored. */
export const ChecklistTemplateItem = z.object({
  key: z.string(),
  title: z.string(),
  description: z.string(),
  kind: ChecklistItemKindSchema,
  dueFrom: z.enum(DUE_FROM),
  dueOffsetDays: z.number().int(),
});
export type ChecklistTemplateItem = z.infer<typeof ChecklistTemplateItem>;

/** A site's checklist template for one kind of cycle. New cycles copy it; open cycles keep theirs. */
export const ChecklistTemplate = z.object({
  siteId: Id,
  kind: CycleKindSchema,
  items: z.array(ChecklistTemplateItem),
  /** True while the site uses the built-in template. */
  isDefault: z.boolean(),
  updatedAt: IsoTimestamp.nullable(),
  updatedBy: z.string(),
});
export type ChecklistTemplate = z.infer<typeof ChecklistTemplate>;

export const TemplateRequest = z.object({ siteId: Id, kind: CycleKindSchema });

/** Replaces a template; `items: null` goes back to the built-in one. */
export const TemplateUpdate = z
  .object({ siteId: Id, kind: CycleKindSchema, items: z.array(ChecklistTemplateItemInput).nullable() })
  .superRefine((request, context) => {
    if (request.items === null) return;
    for (const problem of templateProblems(request.items, request.kind)) context.addIssue({ code: 'custom', path: problem.path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part)), message: problem.message });
  });
export type TemplateUpdate = z.input<typeof TemplateUpdate>;

// ---- Evidence ---------------------------------------------------------------------------------

/** The largest file that may be attached as evidence. */
export const MAX_CHECKLIST_EVIDENCE_BYTES = 20 * 1024 * 1024;

// shared/ has neither the DOM's nor Node's URL class: an http(s) scheme, a host, then no spaces.
const HTTP_LINK = /^https?:\/\/[^\s/?#]+(?:[/?#]\S*)?$/i;
const WITH_USERINFO = /^[a-z]+:\/\/[^/?#]*@/i;

const EvidenceLinkUrl = checkedString(
  (value) => HTTP_LINK.test(value) && !WITH_USERINFO.test(value),
  (value) => (WITH_USERINFO.test(value) ? 'a link must not carry a user name or password' : `"${value.slice(0, 200)}" is not an http(s) link`),
);

/** Evidence attached when ticking an item: a link (ticket, report, WSUS console page) or a file's bytes. */
export const ChecklistEvidenceInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('link'), url: EvidenceLinkUrl, name: z.string().trim().max(200).default('') }),
  z.object({
    kind: z.literal('file'),
    name: NonEmptyText(255),
    /** The file's bytes, base64. Kept under the data folder, identified by its SHA-256. */
    contentBase64: z.string().max(Math.ceil(MAX_CHECKLIST_EVIDENCE_BYTES / 3) * 4 + 4, `a file attached as evidence may be at most ${MAX_CHECKLIST_EVIDENCE_BYTES / 1024 / 1024} MB`),
  }),
]);
export type ChecklistEvidenceInput = z.input<typeof ChecklistEvidenceInput>;
/** Evidence input as a service receives it (defaults applied). */
export type ParsedChecklistEvidenceInput = z.output<typeof ChecklistEvidenceInput>;

/** Evidence as recorded: a link, or a file by name, size and SHA-256 (the bytes are kept in the data folder). */
export const ChecklistEvidence = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('link'), url: z.string(), name: z.string() }),
  z.object({ kind: z.literal('file'), name: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/), size: z.number().int().nonnegative() }),
]);
export type ChecklistEvidence = z.infer<typeof ChecklistEvidence>;

// ---- Cycles -----------------------------------------------------------------------------------

/** Counts of a checklist; `percent` counts done and not-applicable items as finished. */
export const ChecklistProgressSchema = z.object({
  total: z.number().int().nonnegative(),
  done: z.number().int().nonnegative(),
  notApplicable: z.number().int().nonnegative(),
  pending: z.number().int().nonnegative(),
  late: z.number().int().nonnegative(),
  percent: z.number().int().min(0).max(100),
});

/** What an emergency cycle was opened for. */
export const EmergencyTriggerSchema = z.object({ kind: z.enum(TRIGGER_KINDS), ref: z.string() });

/** A cycle as listed. */
export const CycleSummary = z.object({
  id: Id,
  siteId: Id,
  kind: CycleKindSchema,
  status: z.enum(['open', 'closed']),
  title: z.string(),
  /** Baseline: `YYYY-MM`; emergency: null. */
  month: z.string().nullable(),
  /** Baseline: the anchor day (Patch Tuesday); emergency: the day it was opened. */
  anchorDate: IsoDate,
  /** Emergency only. */
  trigger: EmergencyTriggerSchema.nullable(),
  /** Why an emergency cycle was opened ('' for baseline cycles). */
  reason: z.string(),
  /** Emergency only: when the fix must be in place. */
  deadline: IsoTimestamp.nullable(),
  /** Emergency, open, and past its deadline. */
  overdue: z.boolean(),
  /** The span verification rescans are counted in: baseline, anchor day to the next anchor day; emergency, opening to closing (to null while open). */
  period: z.object({ from: IsoTimestamp, to: IsoTimestamp.nullable() }),
  openedAt: IsoTimestamp,
  openedBy: z.string(),
  closedAt: IsoTimestamp.nullable(),
  closedBy: z.string(),
  closeNote: z.string(),
  /** Counts as of now (as of the closing for a closed cycle). */
  progress: ChecklistProgressSchema,
  /** The first pending item by due day, or null when none is pending. */
  nextDue: z.object({ key: z.string(), title: z.string(), dueDate: IsoDate }).nullable(),
  /** When the `triage` item's work was done (the emergency's triage timestamp). */
  triagedAt: IsoTimestamp.nullable(),
  /** When the `deploy` item's work was done (the deployment timestamp). */
  deployedAt: IsoTimestamp.nullable(),
  /** When the `rescan` item's work was done (the verification / re-test timestamp). */
  verifiedAt: IsoTimestamp.nullable(),
});
export type CycleSummary = z.infer<typeof CycleSummary>;

/** What the patch-status collections saw during a cycle: the basis of the verification rescan. */
export const RescanSummary = z.object({
  from: IsoTimestamp,
  to: IsoTimestamp.nullable(),
  /** Distinct assets of the site collected successfully in the period (SSH, WinRM or an imported offline file). */
  hostsCollected: z.number().int().nonnegative(),
  /** Distinct assets whose collections in the period all failed. */
  hostsFailed: z.number().int().nonnegative(),
  /** Assets in the cycle's scope and due, and how many of them were collected. */
  dueHosts: z.number().int().nonnegative(),
  dueHostsCollected: z.number().int().nonnegative(),
  lastCollectedAt: IsoTimestamp.nullable(),
  /** Collection runs started in the period, newest first (offline imports have no run). */
  runs: z.array(z.object({ id: Id, status: z.string(), startedAt: IsoTimestamp, finishedAt: IsoTimestamp.nullable(), hostsTotal: z.number().int(), hostsOk: z.number().int(), hostsFailed: z.number().int() })),
});
export type RescanSummary = z.infer<typeof RescanSummary>;

/** One recorded action on an item, oldest first: the item's history. */
export const ChecklistItemEvent = z.object({
  at: IsoTimestamp,
  /** Who recorded it (the Patchdesk user). */
  actor: z.string(),
  action: z.enum(['done', 'not_applicable', 'reopened']),
  /** Who did the work, and when (may differ from who recorded it). */
  doneBy: z.string(),
  doneAt: IsoTimestamp.nullable(),
  /** The note, the not-applicable reason, or the reopening reason. */
  note: z.string(),
  evidence: z.array(ChecklistEvidence),
  /** For a `rescan` item marked done: what the collections showed at that moment. */
  rescan: RescanSummary.nullable(),
});
export type ChecklistItemEvent = z.infer<typeof ChecklistItemEvent>;

/** One checklist item of a cycle. */
export const ChecklistItem = z.object({
  key: z.string(),
  position: z.number().int().nonnegative(),
  title: z.string(),
  description: z.string(),
  kind: ChecklistItemKindSchema,
  dueDate: IsoDate,
  /** The end of the due day in the site's time zone: late from this instant on. */
  dueBy: IsoTimestamp,
  state: ChecklistItemStateSchema,
  /** Pending after its due day (as of the closing for a closed cycle). */
  late: z.boolean(),
  /** Done, but after its due day. */
  doneLate: z.boolean(),
  doneBy: z.string(),
  doneAt: IsoTimestamp.nullable(),
  recordedBy: z.string(),
  recordedAt: IsoTimestamp.nullable(),
  /** The note, or the not-applicable reason. */
  note: z.string(),
  evidence: z.array(ChecklistEvidence),
  /** For a done `rescan` item: what the collections showed when it was ticked. */
  rescan: RescanSummary.nullable(),
  history: z.array(ChecklistItemEvent),
});
export type ChecklistItem = z.infer<typeof ChecklistItem>;

/** An asset in a cycle's scope, with its class, cadence and ring. */
export const CycleScopeAsset = z.object({
  assetId: Id,
  name: z.string(),
  assetClass: AssetClassSchema,
  cadence: CadenceSchema,
  ring: RingSchema,
  /** Due in this cycle under its cadence (always true in an emergency cycle). */
  due: z.boolean(),
});
export type CycleScopeAsset = z.infer<typeof CycleScopeAsset>;

/** A cycle with its checklist, scope and verification data. */
export const CycleDetail = CycleSummary.extend({
  items: z.array(ChecklistItem),
  /** Baseline: the site's active assets (as of now); emergency: the assets named when opening, or every active asset. */
  scope: z.array(CycleScopeAsset),
  rescan: RescanSummary,
});
export type CycleDetail = z.infer<typeof CycleDetail>;

export const CycleListRequest = z.object({ siteId: Id, status: z.enum(['open', 'closed']).optional() });

/** Opens a month's baseline cycle; the month defaults to the current one in the site's time zone. */
export const OpenBaselineRequest = z.object({ siteId: Id, month: YearMonthText.optional() });
export type OpenBaselineRequest = z.input<typeof OpenBaselineRequest>;

/** Opens an emergency cycle for a CVE, KB or advisory. */
export const OpenEmergencyRequest = z.object({
  siteId: Id,
  /** `CVE-2026-1234`, `KB5034441`, `RHSA-2026:1234` ... */
  trigger: NonEmptyText(100),
  reason: NonEmptyText(2000),
  /** A day (the end of it, site time) or an instant; must be in the future. */
  deadline: DeadlineText,
  /** The affected assets; empty: every active asset of the site. */
  assetIds: z.array(Id).max(10_000).default([]),
  /** Defaults to "Emergency: <trigger>". */
  title: z.string().trim().max(200).optional(),
});
export type OpenEmergencyRequest = z.input<typeof OpenEmergencyRequest>;

/** Ticks an item done, or marks it not applicable (which needs a reason in `note`). */
export const TickRequest = z
  .object({
    cycleId: Id,
    key: NonEmptyText(40),
    state: z.enum(['done', 'not_applicable']),
    note: z.string().trim().max(4000, 'must be at most 4000 characters').default(''),
    /** Who did the work; defaults to the current user. */
    doneBy: NonEmptyText(200).optional(),
    /** When the work was done, if not now (for work done outside Patchdesk); never in the future. */
    doneAt: IsoTimestamp.optional(),
    evidence: z.array(ChecklistEvidenceInput).max(10, 'at most 10 pieces of evidence per tick').default([]),
  })
  .superRefine((request, context) => {
    if (request.state === 'not_applicable' && request.note === '') context.addIssue({ code: 'custom', path: ['note'], message: 'say why the item does not apply' });
  });
export type TickRequest = z.input<typeof TickRequest>;

/** Sets a done or not-applicable item back to pending; the reason is kept in its history. */
export const ReopenItemRequest = z.object({ cycleId: Id, key: NonEmptyText(40), reason: NonEmptyText(1000) });

/** Closes a cycle. With items still pending it is refused unless `force` is set with a note. */
export const CloseCycleRequest = z.object({ cycleId: Id, note: z.string().trim().max(2000).default(''), force: z.boolean().default(false) });

/** A pending item past its due day, for the dashboard. */
export const LateCycleItem = z.object({
  cycleId: Id,
  cycleTitle: z.string(),
  cycleKind: CycleKindSchema,
  key: z.string(),
  title: z.string(),
  dueDate: IsoDate,
  dueBy: IsoTimestamp,
  /** Whole days since the due day ended (0 on the first late day). */
  daysLate: z.number().int().nonnegative(),
});
export type LateCycleItem = z.infer<typeof LateCycleItem>;

/** Late items across a site's open cycles, as of `at` (default now). */
export const LateItemsRequest = z.object({ siteId: Id, at: IsoTimestamp.optional() });

// ---- Rings and windows ------------------------------------------------------------------------

/** An asset's ring, class and cadence. */
export const AssetRing = z.object({
  assetId: Id,
  name: z.string(),
  ring: RingSchema,
  /** False when the asset has no assignment and is in the broad ring by default. */
  assigned: z.boolean(),
  assetClass: AssetClassSchema,
  cadence: CadenceSchema,
});
export type AssetRing = z.infer<typeof AssetRing>;

/** Assigns assets of a site to a ring; `ring: null` removes the assignment (back to broad). */
export const SetRingsRequest = z.object({ siteId: Id, assetIds: z.array(Id).min(1, 'select at least one asset').max(10_000), ring: RingSchema.nullable() });

/** A local time, `HH:MM` (24-hour). */
export const LocalTimeText = checkedString(isLocalTime, (value) => `"${value}" is not a time as HH:MM (24-hour)`);

/** A maintenance window as edited: weekdays, a local start and a length, for the site or one ring. */
export const MaintenanceWindowInput = z.object({
  /** null: the whole site (rings without windows of their own). */
  ring: RingSchema.nullable().default(null),
  label: z.string().trim().max(100).default(''),
  weekdays: z.array(WeekdaySchema).min(1, 'pick at least one weekday').max(7),
  start: LocalTimeText,
  durationMinutes: z.number().int().min(1, 'at least 1 minute').max(MAX_WINDOW_MINUTES, 'at most 7 days'),
});

/** A stored window with its next (or current) occurrence. */
export const MaintenanceWindowRecord = z.object({
  id: Id,
  ring: RingSchema.nullable(),
  label: z.string(),
  weekdays: z.array(WeekdaySchema),
  start: z.string(),
  durationMinutes: z.number().int(),
  next: z.object({ from: IsoTimestamp, to: IsoTimestamp }).nullable(),
});
export type MaintenanceWindowRecord = z.infer<typeof MaintenanceWindowRecord>;

/** A site's windows, in its time zone, and each ring's next window (its own, else the site's). */
export const MaintenanceWindows = z.object({
  siteId: Id,
  timezone: z.string(),
  windows: z.array(MaintenanceWindowRecord),
  nextByRing: z.array(z.object({ ring: RingSchema, from: IsoTimestamp.nullable(), to: IsoTimestamp.nullable() })),
});
export type MaintenanceWindows = z.infer<typeof MaintenanceWindows>;

/** Replaces a site's windows. */
export const SetWindowsRequest = z.object({ siteId: Id, windows: z.array(MaintenanceWindowInput).max(50, 'at most 50 windows per site') });
export type SetWindowsRequest = z.input<typeof SetWindowsRequest>;
