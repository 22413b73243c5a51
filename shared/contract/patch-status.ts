import { z } from 'zod';
import { COVERAGE_GAP_REASONS } from '../domain/coverage';
import { SEVERITIES } from '../domain/patch-policy';
import { CLOCK_BASES, PUBLICATION_BASES } from '../domain/sla/clock-start';
import { SLA_STATES } from '../domain/sla/sla-rules';
import { DEADLINE_RULES } from '../domain/sla/kev-rule';
import { TierSchema } from './assets';
import { Id, IsoDate, IsoTimestamp } from './common';
import { MappingProgress } from './triage';

/** How Patchdesk learned a host's state. */
export const CollectionMethod = z.enum(['ssh', 'winrm', 'ssh-powershell', 'offline-file']);
export type CollectionMethod = z.infer<typeof CollectionMethod>;

/** Why a host could not be collected; the codes of the executors plus the collector's own. */
export const CollectionErrorCode = z.enum([
  'no_credential',
  'no_address',
  'vault_locked',
  'auth_failed',
  'host_key_unknown',
  'host_key_changed',
  'untrusted_certificate',
  'timeout',
  'unreachable',
  'connection_lost',
  'sudo_failed',
  'sudo_requires_tty',
  'output_limit',
  'unparseable',
  'unsupported_platform',
  'soap_fault',
  'cancelled',
  'internal',
]);
export type CollectionErrorCode = z.infer<typeof CollectionErrorCode>;

/** One pending update as collected (see electron/services/collect/parsers/types.ts). */
export const PendingUpdateSchema = z.object({
  name: z.string(),
  arch: z.string().optional(),
  installedVersion: z.string().nullable(),
  availableVersion: z.string(),
  repository: z.string(),
  /** null: the source cannot tell (yum without updateinfo, for example). */
  security: z.boolean().nullable(),
  cves: z.array(z.string()),
  advisories: z.array(z.string()),
  severity: z.string().optional(),
  kind: z.enum(['upgrade', 'new', 'remove', 'patch', 'firmware']),
  /** When the vendor published the fix, if the source said (see shared/domain/sla/clock-start.ts). */
  publishedAt: IsoTimestamp.optional(),
  /** How `publishedAt` was obtained; set exactly when it is. */
  publishedBasis: z.enum(PUBLICATION_BASES).optional(),
});
export type PendingUpdateData = z.infer<typeof PendingUpdateSchema>;

export const InstalledPackageSchema = z.object({
  name: z.string(),
  version: z.string(),
  arch: z.string(),
  sourceName: z.string().optional(),
  sourceVersion: z.string().optional(),
  status: z.string(),
});

/**
 * Everything one collection learned about one host. Collectors (SSH, WinRM, an offline file)
 * produce it; the patch-status service stores it and derives first-seen dates and history.
 */
export const HostCollection = z.object({
  collectedAt: IsoTimestamp,
  method: CollectionMethod,
  platform: z.enum(['linux', 'windows', 'network-device']),
  hostname: z.string(),
  os: z.object({
    /** e.g. debian, ubuntu, rhel, rocky, windows, cisco-ios. */
    id: z.string(),
    name: z.string(),
    version: z.string(),
    /** Kernel release, Windows build (10.0.20348.2340) or firmware version. */
    build: z.string(),
  }),
  packageManager: z.string(),
  uptimeSeconds: z.number().nonnegative().nullable(),
  rebootRequired: z.boolean().nullable(),
  rebootReason: z.string(),
  lastPatchedAt: IsoTimestamp.nullable(),
  installedCount: z.number().int().nonnegative(),
  installed: z.array(InstalledPackageSchema),
  pending: z.array(PendingUpdateSchema),
  /** Installed Windows KBs (`KB5034441`). */
  installedKbs: z.array(z.string()),
  device: z
    .object({ vendor: z.string(), model: z.string(), serial: z.string(), osName: z.string(), osVersion: z.string() })
    .nullable(),
  warnings: z.array(z.string()),
});
export type HostCollection = z.infer<typeof HostCollection>;

/**
 * The fleet-overview buckets, most urgent first. `not_measured`: the last successful collection
 * is older than the policy's freshness limit (a never-collected host is `never_collected`, one
 * whose latest collection failed `unreachable`); such a host is never `up_to_date`.
 */
export const PatchState = z.enum(['unreachable', 'not_measured', 'unsupported_os', 'security_pending', 'reboot_pending', 'updates_pending', 'up_to_date', 'never_collected']);
export type PatchState = z.infer<typeof PatchState>;

/**
 * Why an asset is not measured now or at a period's end (see shared/domain/coverage.ts): never
 * collected, its latest collection failed, or its last success is older than the freshness limit.
 */
export const NotMeasured = z.object({
  reason: z.enum(COVERAGE_GAP_REASONS),
  lastSuccessAt: IsoTimestamp.nullable(),
  /** When the last success stopped counting; null without one. */
  staleSince: IsoTimestamp.nullable(),
  failure: z.object({ at: IsoTimestamp, errorCode: z.string().nullable(), message: z.string() }).nullable(),
});
export type NotMeasured = z.infer<typeof NotMeasured>;

/** One asset's line in the fleet overview. */
export const AssetPatchStatus = z.object({
  assetId: Id,
  hostname: z.string(),
  address: z.string(),
  tier: z.number().int().nullable(),
  state: PatchState,
  osName: z.string(),
  osVersion: z.string(),
  /** `osSource: 'inventory'` when no collection has confirmed the OS yet and the inventory's name was matched. */
  endOfLife: z.object({ date: z.string().nullable(), unsupported: z.boolean(), source: z.string(), osSource: z.enum(['collection', 'inventory']).optional() }).nullable(),
  pendingCount: z.number().int(),
  securityCount: z.number().int(),
  rebootRequired: z.boolean().nullable(),
  /** Local days since the SLA clock of the oldest still-missing security fix started (publication or first seen, as the policy says; shared/domain/sla/oldest-fix.ts). */
  oldestSecurityAgeDays: z.number().nullable(),
  /** That fix and where its clock started. Always set by the service; optional only so that fixtures written before stay valid. */
  oldestSecurity: z.object({ updateName: z.string(), clockStartAt: IsoTimestamp, clockBasis: z.enum(CLOCK_BASES), ageDays: z.number().int().nonnegative() }).nullable().optional(),
  lastCollectedAt: IsoTimestamp.nullable(),
  lastSuccessAt: IsoTimestamp.nullable(),
  lastError: z.object({ code: CollectionErrorCode, message: z.string(), at: IsoTimestamp }).nullable(),
  /**
   * Missing fixes past their SLA due date without an exception, and those an active exception
   * covers. Always set by the service; optional only so that fixtures written before stay valid.
   */
  overdue: z.number().int().nonnegative().optional(),
  excepted: z.number().int().nonnegative().optional(),
  /**
   * Null when measured now (a collection succeeded within the policy's freshness limit); else
   * why not. Pending counts of an unmeasured host are those of its last success, or 0 without
   * one: show "Not measured", never "Nothing pending". Optional only for older fixtures.
   */
  notMeasured: NotMeasured.nullable().optional(),
});
export type AssetPatchStatus = z.infer<typeof AssetPatchStatus>;

export const FleetStatus = z.object({
  siteId: Id,
  counts: z.record(PatchState, z.number().int()),
  assets: z.array(AssetPatchStatus),
  /** Whether the CVE mapping is current; the assets waiting for it are flagged in the table. */
  mapping: MappingProgress,
});
export type FleetStatus = z.infer<typeof FleetStatus>;

/** The SLA clock of one missing fix now (see shared/domain/sla/sla-clock.ts). */
export const PendingSla = z.object({
  state: z.enum(SLA_STATES),
  /** The last allowed local day in the site's time zone. */
  dueDate: IsoDate,
  /** Local days past the due date (1 on the first overdue day); 0 when not overdue. */
  overdueDays: z.number().int().nonnegative(),
  /** Local days until the due date (0 on the last allowed day); 0 when overdue. */
  remainingDays: z.number().int().nonnegative(),
  /** The normalised severity the SLA was chosen by. */
  severity: z.enum(SEVERITIES),
  /** The tier applied: the asset's, or the default tier for an unclassified asset. */
  tier: TierSchema,
  tierDefaulted: z.boolean(),
  /** The exception covering the fix now (state `excepted`); null otherwise. */
  exceptionId: Id.nullable(),
  /** The local day the SLA clock started (day 0) and what it started from. */
  clockStartDate: IsoDate.optional(),
  clockBasis: z.enum(CLOCK_BASES).optional(),
  /** What set the deadline: the tier/severity table, or a KEV rule of the policy that shortened it. */
  deadlineRule: z.enum(DEADLINE_RULES).optional(),
});
export type PendingSla = z.infer<typeof PendingSla>;

/** A pending update as the per-asset detail shows it, with its age and SLA clock. */
export const PendingUpdateRow = PendingUpdateSchema.extend({
  firstSeenAt: IsoTimestamp,
  ageDays: z.number(),
  /** Always set by the service; optional only so that fixtures written before stay valid. */
  sla: PendingSla.optional(),
});

export const AssetPatchDetail = z.object({
  status: AssetPatchStatus,
  latest: HostCollection.omit({ installed: true }).nullable(),
  pending: z.array(PendingUpdateRow),
  installed: z.array(InstalledPackageSchema),
  history: z.array(
    z.object({
      at: IsoTimestamp,
      runId: Id.nullable(),
      outcome: z.enum(['ok', 'failed']),
      pendingCount: z.number().int(),
      securityCount: z.number().int(),
      errorCode: CollectionErrorCode.nullable(),
      message: z.string(),
    }),
  ),
});
export type AssetPatchDetail = z.infer<typeof AssetPatchDetail>;

/** A host key seen for an asset, pinned or waiting for the admin's approval. */
export const HostKeyRecord = z.object({
  assetId: Id,
  hostname: z.string(),
  endpoint: z.string(),
  algorithm: z.string(),
  fingerprint: z.string(),
  state: z.enum(['pinned', 'changed']),
  /** For a changed key: the key pinned before, to compare with. */
  previousFingerprint: z.string().nullable(),
  seenAt: IsoTimestamp,
  approvedBy: z.string(),
});
export type HostKeyRecord = z.infer<typeof HostKeyRecord>;

export const CollectStartRequest = z.object({
  siteId: Id,
  /** Empty: every active asset with an access method. */
  assetIds: z.array(Id).default([]),
  concurrency: z.number().int().min(1).max(200).default(25),
  connectTimeoutMs: z.number().int().min(500).max(120_000).default(10_000),
  commandTimeoutMs: z.number().int().min(1000).max(3_600_000).default(300_000),
});

export const CollectionRunSummary = z.object({
  id: Id,
  siteId: Id,
  status: z.enum(['running', 'completed', 'cancelled', 'failed', 'interrupted']),
  startedAt: IsoTimestamp,
  finishedAt: IsoTimestamp.nullable(),
  hostsTotal: z.number().int(),
  hostsOk: z.number().int(),
  hostsFailed: z.number().int(),
});
export type CollectionRunSummary = z.infer<typeof CollectionRunSummary>;

export const CollectHostEvent = z.object({
  jobId: z.string(),
  runId: Id,
  assetId: Id,
  hostname: z.string(),
  phase: z.enum(['queued', 'connecting', 'collecting', 'done', 'failed']),
  errorCode: CollectionErrorCode.optional(),
  message: z.string().optional(),
  pendingCount: z.number().int().optional(),
  securityCount: z.number().int().optional(),
});

/** A run ended, as the status screen follows it (the `collect` job's final `job:progress`, its result the summary). */
export const CollectFinishedEvent = z.object({ jobId: z.string(), summary: CollectionRunSummary });
export type CollectFinishedEvent = z.infer<typeof CollectFinishedEvent>;
