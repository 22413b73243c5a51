/**
 * The evidence report: everything the evidence pack's PDF and data files show, already computed.
 * The PDF and the CSV/JSON writers only lay it out, so the numbers in every file of a pack come
 * from one place and agree. The glue that fills it reads the compliance service, the patch
 * cycles, the exception register, the inventory and the audit log.
 *
 * Plain, JSON-friendly data: instants are ISO-8601 UTC strings (`2026-10-31T23:00:00.000Z`),
 * local calendar days are `YYYY-MM-DD` in the site's time zone, shares are fractions 0-1
 * (unrounded; null when there was nothing to divide), and there are no Dates, Maps or class
 * instances. Lists are in the order they are to be shown.
 */
import type { PatchPolicy, Severity, SlaTable } from '../../../shared/domain/patch-policy';
import type { KevSlaRule } from '../../../shared/domain/sla/kev-rule';
import type { KevSlaOutcomeKind } from '../../../shared/domain/sla/kev-outcome';
import type { Tier } from '../../../shared/domain/risk-tier';
import type { OverdueAgeBand, SlaState } from '../../../shared/domain/sla/sla-rules';
import type { DeadlineRule } from '../../../shared/domain/sla/kev-rule';
import type { ClockBasis } from '../../../shared/domain/sla/clock-start';
import type { CoverageGapReason } from '../../../shared/domain/coverage';
import type { ExceptionScopeKind, ExceptionStatus } from '../../../shared/domain/sla/exception-status';
import { DEFAULT_TIER, DUE_SOON_FRACTION, DUE_SOON_MIN_DAYS } from '../../../shared/domain/sla/sla-rules';
import { DEFAULT_EXPIRING_SOON_DAYS } from '../../../shared/domain/sla/exception-status';
import { plural } from '../../../shared/domain/text/plural';

/** The version of this data model, written into `data/summary.json`. */
export const EVIDENCE_REPORT_FORMAT_VERSION = 2;

/** The whole report. */
export interface EvidenceReport {
  /** Always `EVIDENCE_REPORT_FORMAT_VERSION`. */
  formatVersion: number;
  meta: EvidenceMeta;
  branding: EvidenceBranding;
  signer: EvidenceSigner;
  summary: EvidenceSummary;
  /** Tiers 1-4 then unclassified (`tier: null`), by each asset's own tier; always five rows. */
  byTier: TierComplianceRow[];
  /**
   * Fixes overdue at the end of the period without an exception, by the tier the SLA was applied
   * at and how long overdue. Tiers 1-4 in order; unclassified assets count under `DEFAULT_TIER`
   * (as the SLA clock holds them to it), so this matches `ComplianceReport.overdue.byTier`.
   */
  overdueByTier: OverdueByTierRow[];
  /** Every fix overdue at the end of the period, longest overdue first. */
  overdueItems: OverdueItemRow[];
  /** Twelve monthly points, oldest first, the last one being the period's month. */
  trend: TrendPoint[];
  /** The site's exception register as it stood at the end of the period (closed and renewed entries included). */
  exceptions: ExceptionRow[];
  /** Patch cycles that were open at some time inside the period, oldest first. */
  cycles: CycleRecord[];
  /** Emergency cycles' milestones, one row per emergency cycle, oldest first. */
  emergencyItems: EmergencyItemRow[];
  /** Every host of every rollout that ran inside the period, rollout by rollout, ring by ring. */
  deployments: DeploymentRow[];
  /** Known exploited vulnerabilities (CISA KEV) missing on the site's assets during the period, and the feeds used. */
  knownExploited: KnownExploitedEvidence;
  /** Whether the CVE mapping was current when the pack was built; while not, the summary page and the known-exploited section say so. */
  cveMapping: CveMappingState;
  /** Every asset in scope, by tier then hostname. */
  assets: AssetRow[];
  /**
   * Assets in scope NOT measured at the end of the period (never collected, latest collection
   * failed, or last success older than the freshness limit), in the one gap order
   * (`compareCoverageGaps`). They are left out of the patched shares.
   */
  coverageGaps: CoverageGapRow[];
  /** Collections that failed inside the period, newest first (the latest failure per asset). */
  failedCollections: FailedCollectionRow[];
  /** Assets running an operating system past its vendor's end of support. */
  unsupportedOs: UnsupportedOsRow[];
  audit: AuditExcerpt;
  /** How each number was computed, in the order the PDF prints them. */
  methodology: MethodologyNote[];
}

/** Who, what, when: the facts printed on the cover and in the running header. */
export interface EvidenceMeta {
  siteName: string;
  /** The site's IANA time zone; every local date and time in the report is in it. */
  timezone: string;
  period: ReportPeriod;
  /** When the pack was built (ISO instant). The only value that differs between packs of the same data. */
  generatedAt: string;
  /** The operator who built it (login or display name). */
  generatedBy: string;
  /** Patchdesk's version (`0.1.0`). */
  appVersion: string;
  policy: ReportPolicy;
}

/** The reporting period: the half-open interval [from, to) of instants, and its local days for display. */
export interface ReportPeriod {
  /** First instant (ISO), normally local midnight of the first day. */
  from: string;
  /** First instant after the period (ISO); snapshot figures are taken here. */
  to: string;
  /** First local day of the period (`YYYY-MM-DD`). */
  fromDate: string;
  /** Last local day of the period, inclusive (`YYYY-MM-DD`). */
  toDate: string;
  /** A short human name (`October 2026`, `Q3 2026`). */
  label: string;
}

/** The patch policy in force: SLA days by tier and severity, and the longest exception allowed. */
export interface ReportPolicy {
  slaDays: SlaTable;
  maxExceptionDays: number;
  /** Days a successful collection keeps an asset measured. */
  freshnessDays: number;
  /** The KEV rules in force, tried in order (see shared/domain/sla/kev-rule.ts). */
  kevRules: KevSlaRule[];
}

/** The MSP's branding, shown on the cover and in the footer. */
export interface EvidenceBranding {
  /** The MSP's name (`Northwind IT Services`); empty when the pack is not branded. */
  mspName: string;
  /** One or more lines: phone, email, web site. */
  contact: string;
  /** The MSP's logo; null prints the name as a wordmark instead. */
  logo: ReportLogo | null;
}

/**
 * A logo image. Only PNG and JPEG are drawn; any other type (SVG can reference files and URLs)
 * falls back to the wordmark, as does an image whose bytes do not match its type.
 */
export interface ReportLogo {
  mimeType: string;
  /** The image file's bytes, base64-encoded. Left out of `data/summary.json`. */
  base64: string;
}

/** The installation key that signs the pack's manifest. */
export interface EvidenceSigner {
  /** `Ed25519`. */
  algorithm: string;
  /** The raw public key, base64. */
  publicKeyBase64: string;
  /** The key's fingerprint as the verifier prints it (for instance `SHA256:...`). */
  fingerprint: string;
}

/**
 * The headline figures at the end of the period. The patched counts and shares are over the
 * measured assets only ("of N measured (M in scope)"); a share is null when none was measured.
 */
export interface EvidenceSummary {
  /** Active assets in scope at the end of the period. */
  assetsInScope: number;
  /** Of those, assets with a successful collection within the freshness limit before the period's end. */
  assetsMeasured: number;
  /** assetsMeasured / assetsInScope; null when nothing is in scope. */
  coverageShare: number | null;
  /** Measured assets with no missing fix at all. */
  fullyPatched: number;
  fullyPatchedShare: number | null;
  /** Measured assets with no missing security fix (the figure insurers usually ask for). */
  securityPatched: number;
  securityPatchedShare: number | null;
  missing: MissingFixCounts;
  /** The missing security fix first seen earliest; null when no security fix is missing. */
  oldestMissingSecurity: OldestMissingFix | null;
  /** Assets in scope not measured at the end of the period (`coverageGaps`). */
  coverageGaps: number;
  /** Assets with a collection that failed inside the period (`failedCollections`). */
  failedCollections: number;
  /** Assets on an operating system past end of support. */
  unsupportedOs: number;
  exceptions: ExceptionCounts;
}

/** Fixes missing at the end of the period, by SLA state; the four states add up to `total`. */
export interface MissingFixCounts {
  total: number;
  within: number;
  dueSoon: number;
  /** Past their due date with no exception covering them. */
  overdue: number;
  /** Covered by an active exception (counted as compliant). */
  excepted: number;
  /** (within + dueSoon + excepted) / total; null when nothing is missing. */
  withinSlaShare: number | null;
}

/** The oldest missing security fix (the earliest SLA clock start) and its age. */
export interface OldestMissingFix {
  hostname: string;
  update: string;
  firstSeenAt: string;
  /** Where its SLA clock started (publication or first seen) and from what. */
  clockStartAt: string;
  clockBasis: ClockBasis;
  /** Local days from the clock start to the end of the period. */
  ageDays: number;
}

/** Register entries by status at the end of the period. */
export interface ExceptionCounts {
  /** Active, expiring soon included. */
  active: number;
  /** Active with at most the expiring-soon window left. */
  expiringSoon: number;
  /** Past expiry and neither closed nor renewed: their fixes count as breaches again. */
  expired: number;
}

/** Compliance of the assets of one tier (or of the unclassified ones). */
export interface TierComplianceRow {
  /** The asset's effective tier; null for unclassified assets. */
  tier: Tier | null;
  /** Assets of the tier in scope, and of those measured; the shares are over the measured ones. */
  assetsInScope: number;
  assetsMeasured: number;
  coverageShare: number | null;
  fullyPatched: number;
  fullyPatchedShare: number | null;
  securityPatched: number;
  securityPatchedShare: number | null;
  missing: MissingFixCounts;
}

/** Overdue fixes of one tier by age band. */
export interface OverdueByTierRow {
  tier: Tier;
  bands: Record<OverdueAgeBand, number>;
}

/** One fix overdue at the end of the period. */
export interface OverdueItemRow {
  hostname: string;
  /** The tier the SLA was applied at. */
  tier: Tier;
  /** True when the asset is unclassified and held to `DEFAULT_TIER`. */
  tierDefaulted: boolean;
  /** The update's name (package, or Windows update title). */
  update: string;
  severity: Severity;
  security: boolean;
  firstSeenAt: string;
  /** Where the SLA clock started (an instant) and what from: publication or first seen. */
  clockStartAt: string;
  clockBasis: ClockBasis;
  /** Last allowed local day (`YYYY-MM-DD`). */
  dueDate: string;
  /** Local days past the due date at the end of the period (1 on the first overdue day). */
  overdueDays: number;
  band: OverdueAgeBand;
}

/** One month of the trend, as measured at the end of that month. */
export interface TrendPoint {
  /** `YYYY-MM`. */
  month: string;
  /** Assets in scope and measured at the end of the month; the share is over the measured ones. */
  assetsInScope: number;
  assetsMeasured: number;
  fullyPatchedShare: number | null;
  withinSlaShare: number | null;
  overdue: number;
}

/** One entry of the exception register. */
export interface ExceptionRow {
  id: number;
  scopeKind: ExceptionScopeKind;
  /** What the scope names (CVE, KB, package, update); empty for an asset scope. */
  scopeValue: string;
  /** The asset it is narrowed to; null when it applies to every asset of the site. */
  assetName: string | null;
  reason: string;
  compensatingControls: string;
  owner: string;
  approver: string;
  startsAt: string;
  expiresAt: string;
  /** Set when ended early. */
  closedAt: string | null;
  status: ExceptionStatus;
  /** How many times this exception was renewed before this entry (0 for a first entry). */
  renewals: number;
}

/** A cycle's kind: the monthly baseline or an out-of-band emergency. */
export type CycleKind = 'baseline' | 'emergency';

/** One patch cycle with its checklist. */
export interface CycleRecord {
  id: number;
  kind: CycleKind;
  title: string;
  openedAt: string;
  /** Null while still open at the end of the period. */
  closedAt: string | null;
  /** When the cycle was meant to be finished (ISO); null when it has no deadline. */
  deadline: string | null;
  /** Set for emergency cycles only. */
  emergency: EmergencyTrigger | null;
  checklist: ChecklistEntry[];
}

/** Why an emergency cycle was opened. */
export interface EmergencyTrigger {
  /** The advisory that triggered it (`CVE-2026-40321`, `KEV`, a vendor bulletin id). */
  triggerId: string;
  reason: string;
}

/** What happened to one checklist item. */
export type ChecklistState = 'done' | 'skipped' | 'not_applicable' | 'open';

/** One checklist item of a cycle. */
export interface ChecklistEntry {
  label: string;
  state: ChecklistState;
  /** Who ticked it; null while open. */
  by: string | null;
  /** When it was ticked (ISO); null while open. */
  at: string | null;
  note: string;
  /** Where the proof is (ticket number, file in the pack, URL); empty when none. */
  evidenceRef: string;
  /** Ticked after its due time, or still open past it. */
  late: boolean;
}

/**
 * Known exploited vulnerabilities: one row per asset × KEV CVE × package whose fix was missing at
 * some time in the period, as triage answers it at the time the pack is built (the same answer the
 * triage screen gives), with the SLA standing from the one SLA engine (KEV rules included).
 */
export interface KnownExploitedEvidence {
  /** Null when the section could be judged; else why not ("no KEV catalogue imported"). */
  notMeasured: string | null;
  /** When the answer was taken (the pack's build time). */
  at: string;
  /** The site's local date of `at`: the day open and overdue outcomes are judged on. */
  asOfDate: string;
  rows: KevVulnerabilityRow[];
  /** Assets in scope the answer cannot speak for (not measured, or no vulnerability data for their family): never counted as fixed or unaffected. */
  notJudged: KevNotJudgedRow[];
  /** Every current intel feed, the provenance of the figures. */
  feeds: IntelFeedRow[];
  /**
   * The site policy's feed-age flags when the pack was built (shared/domain/intel/feed-age.ts):
   * each feed older than its limit, and "no KEV feed imported: known-exploited figures not measured".
   */
  feedFlags?: string[];
  /** The section's headline figures, counted from `rows` and `notJudged` (see known-exploited-evidence.ts). */
  figures: KevFigures;
}

/** The CVE mapping when the pack was built (shared/domain/intel/mapping-progress.ts). */
export interface CveMappingState {
  current: boolean;
  pendingAssets: number;
  /** Hostnames of the assets waiting for the mapping job, sorted. */
  assets: string[];
  /** The notice every surface prints while not current; null when current. */
  notice: string | null;
}

/**
 * Headline counts: CVEs, assets, asset × CVE pairs missing / fixed, pairs by SLA outcome (met,
 * missed, open, overdue, not measured; shared/domain/sla/kev-outcome.ts), assets not judged.
 */
export interface KevFigures {
  cves: number;
  assets: number;
  missing: number;
  fixed: number;
  /** Still missing after the due date (an exception covering it included: see the SLA state). */
  overdue: number;
  met: number;
  missed: number;
  open: number;
  outcomeNotMeasured: number;
  notJudged: number;
}

/** Whether a KEV fix was still missing when the pack was built, or was installed inside the period. */
export type KevRowStatus = 'missing' | 'fixed';

/** One asset × KEV CVE × package. */
export interface KevVulnerabilityRow {
  cve: string;
  name: string;
  /** KEV `dateAdded` and CISA's `dueDate` (`YYYY-MM-DD`). */
  kevDateAdded: string;
  kevDueDate: string;
  /** KEV `knownRansomwareCampaignUse` is "Known"; null when the catalogue says nothing. */
  knownRansomware: boolean | null;
  hostname: string;
  /** The asset's risk tier (1-4); null when unclassified. */
  tier: number | null;
  internetFacing: boolean;
  package: string;
  installedVersion: string | null;
  fixedVersion: string | null;
  /** Where the link came from (package manager, Debian tracker, OSV, ...). */
  source: string;
  status: KevRowStatus;
  /** `fix_pending`, `fix_not_offered`, `no_fix` or `fixed` (triage's states). */
  triageState: string;
  /** When Patchdesk first saw the fixing update missing; null when no fix is offered or it was not seen. */
  firstSeenAt: string | null;
  /** When the fixing update was first seen gone; null while still missing. */
  fixedAt: string | null;
  /** The SLA engine's standing of the missing fix at `at`; null when there is no pending fix to judge (fixed, or no fix offered). */
  slaState: SlaState | null;
  slaDueDate: string | null;
  /** Which deadline applied: `policy`, `kev_days` or `kev_cisa_due`. */
  deadlineRule: DeadlineRule | null;
  /** The SLA outcome of the asset's fix (shared/domain/sla/kev-outcome.ts), the same on every surface. */
  slaOutcome: KevSlaOutcomeKind;
  /** The due date the outcome was judged against (fixed fixes too); null when not measured. */
  outcomeDueDate: string | null;
  outcomeDeadlineRule: DeadlineRule | null;
  /** The local day the fix was first measured installed; null while missing. */
  fixedOn: string | null;
  /** Days late (missed), overdue or left (open); 0 when met; null when not measured. */
  outcomeDays: number | null;
  /** Why the outcome is not measured; null otherwise. */
  outcomeReason: string | null;
  /** How `fixedAt` was measured: `package_history` or `update_resolved`; null while missing. */
  fixedBasis: string | null;
}

/** An asset the KEV answer cannot speak for, and why. */
export interface KevNotJudgedRow {
  hostname: string;
  /** `never_collected`, `last_failed`, `stale`, `no_data` or `package_manager_only`. */
  reason: string;
  detail: string;
}

/** One imported vulnerability feed with its provenance. */
export interface IntelFeedRow {
  kind: string;
  scope: string;
  fileName: string;
  sourceUrl: string | null;
  feedVersion: string | null;
  feedDate: string | null;
  retrievedAt: string;
  recordCount: number;
  sha256: string;
  /** Whole days old when the pack was built (from the feed's own date, else its retrieval); null when unreadable. */
  ageDays?: number | null;
  /** The site policy's age limit for the feed's kind. */
  ageLimitDays?: number;
  /** Set when the feed was older than its limit (or its age unknown): what that means for the figures. */
  ageFlag?: string | null;
}

/** The milestones of one emergency cycle. */
/** One host of a rollout: what moved from which version to which, when, who approved it, how it ended. */
export interface DeploymentRow {
  rolloutId: number;
  rolloutName: string;
  rolloutState: string;
  approvedBy: string | null;
  approvedAt: string | null;
  ring: string;
  hostname: string;
  /** `name from → to`, `; `-separated, in the plan's order. */
  packages: string;
  state: string;
  startedAt: string | null;
  finishedAt: string | null;
  rebooted: boolean;
  rolledBack: boolean;
  /** When a fresh collection confirmed the host's versions; null when none did. */
  verifiedAt: string | null;
  message: string;
  /** A network device's manual step and its evidence; null for a host the rollout installed. */
  manual: { note: string | null; fileRef: string | null; sha256: string | null; by: string | null; at: string | null } | null;
}

export interface EmergencyItemRow {
  cycleId: number;
  triggerId: string;
  title: string;
  /** Assets the emergency covers. */
  assetsAffected: number;
  /** Opened = triaged. */
  openedAt: string;
  deadline: string | null;
  /** When the fix was deployed to the last affected asset; null until then. */
  deployedAt: string | null;
  /** When a collection verified the fix on every affected asset; null until then. */
  retestedAt: string | null;
  closedAt: string | null;
  /** Whether re-testing finished by the deadline; null when there is no deadline or it has not finished. */
  deadlineMet: boolean | null;
}

/** One row of the asset inventory appendix. */
export interface AssetRow {
  hostname: string;
  /** The primary address; empty when unknown. */
  ip: string;
  /** OS name and version as collected (`Windows Server 2022 (21H2)`). */
  os: string;
  tier: Tier | null;
  /** The rollout ring (`pilot`, `broad`); null when not assigned. */
  ring: string | null;
  /** The last collection that succeeded (ISO); null when never collected. */
  lastCollectionAt: string | null;
  /** Whether the asset was measured at the end of the period. */
  measured: boolean;
  /** Why not, in the words of `coverageGapPhrase`; null when measured. */
  coverageGap: string | null;
  /** Fixes missing at the end of the period per the last successful collection; null when none ever succeeded (not measured, not 0). */
  pending: number | null;
  /** Of those, security fixes; null as `pending`. */
  securityPending: number | null;
  /** Of those, overdue without an exception; null as `pending`. */
  overdue: number | null;
  /** The OS is past end of support. */
  eol: boolean;
  /** Where the OS the end-of-life verdict used came from; null when the table does not know it. */
  eolOsSource: 'collection' | 'inventory' | null;
}

/** An asset not measured at the end of the period, and why. */
export interface CoverageGapRow {
  hostname: string;
  tier: Tier | null;
  reason: CoverageGapReason;
  /** The reason in words ("never collected", "last collection failed: ...", "stale since 2026-11-03"). */
  reasonText: string;
  /** The latest successful collection (ISO); null when none. */
  lastSuccessAt: string | null;
  /** When that success stopped counting (ISO); null when none. */
  staleSince: string | null;
  /** The failed latest collection (ISO), for `last_failed`. */
  failedAt: string | null;
  errorCode: string | null;
}

/** A collection that failed. */
export interface FailedCollectionRow {
  hostname: string;
  at: string;
  /** The executor's error code (`auth_failed`, `timeout`, `unreachable`...). */
  errorCode: string;
  /** A short message, with no secret in it. */
  message: string;
}

/** An asset whose OS is past end of support. */
export interface UnsupportedOsRow {
  hostname: string;
  os: string;
  /** The vendor's end-of-support day (`YYYY-MM-DD`); null when unknown. */
  eolDate: string | null;
  tier: Tier | null;
  /** `inventory` when no collection has confirmed the OS yet and the inventory's name was matched. */
  osSource: 'collection' | 'inventory';
}

/** The audit log rows of the period and the chain head the pack pins. */
export interface AuditExcerpt {
  entries: AuditExcerptRow[];
  /** The newest row of the whole log when the pack was built; a verifier replays the chain up to it. */
  chainHead: { id: number; hash: string };
}

/** One audit log row, shortened for reading. */
export interface AuditExcerptRow {
  id: number;
  at: string;
  actor: string;
  /** Through which interface the change came (the desktop app, the browser host or the CLI); null on rows written before Patchdesk recorded it. */
  via: 'desktop' | 'browser' | 'cli' | null;
  entityType: string;
  entityId: number | null;
  action: string;
  /** The row as one sentence (`auditSentence`): names instead of ids, files by name only, no secrets. */
  summary: string;
}

/** One paragraph of the methodology page. */
export interface MethodologyNote {
  title: string;
  text: string;
}

/** Everything `standardMethodology` needs. */
export interface MethodologyInput {
  timezone: string;
  policy: Pick<PatchPolicy, 'slaDays' | 'maxExceptionDays' | 'freshnessDays'> & Partial<Pick<PatchPolicy, 'fixAgeBasis'>>;
}

/**
 * The standard methodology notes: how due dates, shares, overdue ages, exceptions and the trend
 * are computed, in words an auditor can check against the data files. The texts follow the
 * domain rules in shared/domain/sla (same constants), so they stay true when those change.
 */
export function standardMethodology(input: MethodologyInput): MethodologyNote[] {
  const t1 = input.policy.slaDays['1'];
  return [
    {
      title: 'Time zone and period',
      text: `Every date and time is in the site's time zone, ${input.timezone}. The period runs from local midnight of its first day to local midnight after its last day. Snapshot figures (patched assets, missing and overdue fixes, exception statuses) are taken at the end of the period.`,
    },
    {
      title: 'SLA due dates',
      text: `A missing fix is due a number of days after its SLA clock starts, set by the asset's tier and the fix's severity (table above; for example ${plural(t1.critical, 'day')} for a critical fix on a tier 1 asset). Days are local calendar days: the day the clock starts is day 0, and the fix is overdue from the start of the day after its due date. Unclassified assets are held to tier ${DEFAULT_TIER}. Severities are normalised from the vendor's rating (MSRC, distribution urgency, CVSS); an unrated security fix counts as high.`,
    },
    {
      title: 'When the SLA clock starts',
      text:
        (input.policy.fixAgeBasis ?? 'publication') === 'publication'
          ? "The site's policy counts from publication. A fix's clock starts on the date its vendor published it when the collection said (\"published\": the advisory's issued date from dnf or yum updateinfo, or its updated date where dnf prints only that; a SUSE patch's issue date; Windows Update's last deployment change, which is later than the release when Microsoft revised the update), or, for apt, on the date of the repository index that offered it (\"in repository by\": the fix was out by then, perhaps earlier). Otherwise, or when that date is later than the day the fix was first seen missing, the clock starts when Patchdesk first saw it missing (\"first seen\"). A host onboarded long after a fix came out can therefore be overdue at its first collection. Breach time is counted only from the day the fix was first seen missing: what happened before Patchdesk measured the host is not reported. Each overdue fix lists its clock start and basis."
          : "The site's policy counts from first seen: a fix's clock starts when Patchdesk first saw it missing (\"first seen\"), even where the vendor's publication date is known. Each overdue fix lists its clock start and basis.",
    },
    {
      title: 'Within SLA, due soon and overdue',
      text: `A fix is due soon when at most ${Math.round(DUE_SOON_FRACTION * 100)} % of its SLA days, or ${plural(DUE_SOON_MIN_DAYS, 'day')}, whichever is more, are left. The within-SLA share is (within + due soon + excepted) / all missing fixes: a fix covered by a documented, active exception counts as compliant. Overdue age bands count local days past the due date: 0-7, 8-30, 31-90 and more than 90.`,
    },
    {
      title: 'Measured assets and coverage',
      text: `Unmeasured is not patched. An asset in scope counts as measured only if a collection of it (over the network or an offline import) succeeded within ${input.policy.freshnessDays} ${input.policy.freshnessDays === 1 ? 'day' : 'days'} (the site's freshness limit) before the end of the period. Coverage is measured assets / assets in scope, for the site and per tier. Every other asset is a coverage gap, for one reason: never collected; its latest collection failed (with the error); or stale, its last success being older than the limit. Gaps are listed by reason in that order, then by tier and name, in this report, in data/coverage-gaps.csv and on the dashboard alike.`,
    },
    {
      title: 'Fully patched and security patched',
      text: 'An asset is fully patched when no available fix was missing at the end of the period, and security patched when no security fix was missing. Both shares are taken over the measured assets only and always state it ("of N measured (M in scope)"); with no measured asset a share is "not measured", never 0 % or 100 %. Missing, overdue and within-SLA figures count every fix known missing from each asset\u2019s most recent successful collection, stale ones included: a fix known missing is not assumed fixed.',
    },
    {
      title: 'End of life',
      text: 'An operating system is past end of life when the bundled end-of-life table gives a date before the end of the period. The OS is the one the latest successful collection reported; while no collection has confirmed one, the OS name and version in the inventory (CSV, nmap, fingerprint or manual entry) are matched against the table instead, and such rows are marked "from inventory".',
    },
    {
      title: 'Exceptions stop the clock only while active',
      text: `An exception suppresses breaches for what it covers only from its start until its expiry or its closing, whichever is first. It may run at most ${plural(input.policy.maxExceptionDays, 'day')} before it must be renewed; it is reported as expiring soon in its last ${plural(DEFAULT_EXPIRING_SOON_DAYS, 'day')}. Its expiry is shown as the last day it covers. An expired exception covers nothing, so its fixes count as overdue again without anyone acting.`,
    },
    {
      title: 'Known exploited vulnerabilities',
      text: "A row is an asset, a CVE in the CISA Known Exploited Vulnerabilities catalogue and a package, as triage answers it when the pack is built: from the CVE links the mapping keeps (the package manager's advisories, the Debian tracker or OSV, with their fixed versions), listed when the fix was still missing, or was installed inside the period. When a fix is installed its link goes, and the mapping keeps a record of it: the fixing update, when it was first seen missing, and when it was first measured installed (the collection whose package history first shows the package at the fixing version or later, 'package_history'; or, for a host without package history, the collection that no longer offered the update, 'update_resolved'). The SLA outcome has one rule for every surface: the due date comes from the one SLA engine (the tier/severity table and the policy's KEV rules, for a fix installed too, from its update's clock and the CVE's KEV dates); a fix installed on or before its due date (local days) met its SLA, after it missed it (by the days shown); a fix still missing is open until its due date and overdue after it, judged on the pack's build day (an exception covering it is named but does not change the outcome); no fix yet, a fix not offered, or a fix already in place when Patchdesk first measured the host is not measured, with the reason. data/vulnerabilities.csv carries the three local dates each outcome is judged from (Outcome Due Date, Fixed On, Outcome As Of), so every outcome and figure can be recomputed. Counts are asset × CVE pairs. An asset not measured (never collected, latest collection failed, or stale), whose family has no vulnerability data, or waiting for the mapping job cannot be judged: it is listed with the reason and counted neither as fixed nor as unaffected. The feeds used are listed with their versions, retrieval times, record counts and SHA-256 hashes.",
    },
    {
      title: 'Trend',
      text: 'Each monthly point of the trend is the same calculation (fully patched share, within-SLA share, overdue fixes) taken at the end of that month.',
    },
    {
      title: 'Audit log and integrity',
      text: "Every change in Patchdesk is appended to a hash-chained audit log: each row's SHA-256 hash covers its content and the previous row's hash, so a changed or removed row breaks the chain. The excerpt lists the period's rows; the chain head is the newest row when the pack was built. The pack's manifest lists the SHA-256 hash of every file and is signed with the installation's Ed25519 key printed below.",
    },
  ];
}
