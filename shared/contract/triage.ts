/**
 * Triage of one disclosure in one step: given a CVE, KB or advisory id, which of a site's assets
 * are affected, through which package and version, whether the fix is pending, installed (and
 * when) or not there yet, which exceptions cover them with what compensating controls, and what
 * is unknown (assets not measured, families without data). It also carries a ready-to-open
 * emergency cycle (scope and trigger filled in) for `cycles:openEmergency`.
 */
import { z } from 'zod';
import { COVERAGE_GAP_REASONS } from '../domain/coverage';
import { PRIORITY_CLASSES } from '../domain/intel/priority';
import { CVE_LINK_SOURCES } from '../domain/intel/package-mapping';
import { DEADLINE_RULES } from '../domain/sla/kev-rule';
import { KEV_SLA_OUTCOMES } from '../domain/sla/kev-outcome';
import { SLA_STATES } from '../domain/sla/sla-rules';
import { TRIGGER_KINDS } from '../domain/cycles/emergency-trigger';
import { Id, IsoDate, IsoTimestamp } from './common';

/** Triage one id in one site. */
export const TriageRequest = z.object({
  siteId: Id,
  id: z.string().trim().min(1, 'give a CVE, KB or advisory id').max(100, 'an id is at most 100 characters'),
});
export type TriageRequest = z.input<typeof TriageRequest>;

/** Why a reason is shown, as data; the text is what every surface prints. */
export const TriageReason = z.object({ code: z.string(), text: z.string() });

/** What the feeds say about one CVE the id stands for. */
export const TriageCve = z.object({
  cve: z.string(),
  kev: z.object({ dateAdded: IsoDate, dueDate: IsoDate, knownRansomware: z.boolean().nullable(), name: z.string(), requiredAction: z.string() }).nullable(),
  epss: z.object({ score: z.number(), percentile: z.number().nullable(), modelVersion: z.string().nullable(), scoreDate: z.string().nullable() }).nullable(),
  cvss: z.object({ baseScore: z.number(), severity: z.string(), source: z.string(), version: z.string().nullable() }).nullable(),
});
export type TriageCve = z.infer<typeof TriageCve>;

/** Where one affected asset stands. */
export const TRIAGE_STATES = ['fix_pending', 'fix_not_offered', 'no_fix', 'fixed'] as const;
export const TriageState = z.enum(TRIAGE_STATES);
export type TriageState = z.infer<typeof TriageState>;

/** Labels for the states, shared by the UI, the CLI and reports. */
export const TRIAGE_STATE_LABELS: Record<TriageState, string> = {
  fix_pending: 'Fix available, pending',
  fix_not_offered: 'Fix exists, not offered to this host',
  no_fix: 'No fix yet',
  fixed: 'Fixed',
};

/** One package through which an asset is (or was) affected. */
export const TriagePackage = z.object({
  cve: z.string(),
  package: z.string(),
  sourcePackage: z.string(),
  installedVersion: z.string().nullable(),
  fixedVersion: z.string().nullable(),
  /** The pending update that fixes it, when one is offered. */
  update: z.object({ id: Id, name: z.string(), availableVersion: z.string(), missingSince: IsoTimestamp }).nullable(),
  source: z.enum(CVE_LINK_SOURCES),
  feedId: z.number().int().nullable(),
});
export type TriagePackage = z.infer<typeof TriagePackage>;

/** The SLA outcome of a fix (shared/domain/sla/kev-outcome.ts): met, missed, open, overdue, or not measured and why. */
export const SlaOutcome = z.object({
  outcome: z.enum(KEV_SLA_OUTCOMES),
  dueDate: IsoDate.nullable(),
  deadlineRule: z.enum(DEADLINE_RULES).nullable(),
  fixedOn: IsoDate.nullable(),
  days: z.number().int().nonnegative().nullable(),
  reason: z.string().nullable(),
});
export type SlaOutcome = z.infer<typeof SlaOutcome>;

/** One affected (or fixed) asset. */
export const TriageAsset = z.object({
  assetId: Id,
  hostname: z.string(),
  address: z.string(),
  tier: z.number().int().nullable(),
  internetFacing: z.boolean(),
  state: TriageState,
  packages: z.array(TriagePackage),
  /** When the fix was seen installed: the first collection that no longer saw it missing; null when it was already installed when first measured. */
  fixedAt: IsoTimestamp.nullable(),
  /** The SLA clock of the pending fix (KEV rules applied); null without a pending fix. */
  sla: z.object({ state: z.enum(SLA_STATES), dueDate: IsoDate, deadlineRule: z.enum(DEADLINE_RULES) }).nullable(),
  /** The fix's SLA outcome: of the pending fix (open or overdue), of the fix installed (met or missed, from when it was first measured installed), or not measured and why. */
  slaOutcome: SlaOutcome,
  /** When the fix was first seen missing: the earliest pending fixing update's first seen, or the installed fix's; null when unknown. */
  missingSince: IsoTimestamp.nullable(),
  /** How `fixedAt` was measured: the package-history interval of the fixing version, the update's resolution, or null (not fixed, or no missing period). */
  fixedBasis: z.enum(['package_history', 'update_resolved']).nullable(),
  /** The exception covering it now, with its compensating controls. */
  exception: z.object({ id: Id, reason: z.string(), compensatingControls: z.string(), owner: z.string(), expiresAt: IsoTimestamp }).nullable(),
  /** The last successful collection the answer comes from; `measured` false when older than the freshness limit. */
  lastSuccessAt: IsoTimestamp.nullable(),
  measured: z.boolean(),
  priority: z.object({ class: z.enum(PRIORITY_CLASSES), reasons: z.array(TriageReason) }),
});
export type TriageAsset = z.infer<typeof TriageAsset>;

/** An asset the answer cannot speak for, and why ("not measured", never "not affected"). */
export const TriageUnknown = z.object({
  assetId: Id,
  hostname: z.string(),
  address: z.string(),
  reason: z.enum([...COVERAGE_GAP_REASONS, 'no_data', 'package_manager_only', 'mapping_in_progress']),
  detail: z.string(),
});
export type TriageUnknown = z.infer<typeof TriageUnknown>;

/** Whether a site's CVE links are current: remapping runs as a job, reads use the links as they stand. */
export const MappingFreshness = z.object({ current: z.boolean(), pendingAssets: z.number().int().nonnegative() });
export type MappingFreshness = z.infer<typeof MappingFreshness>;

/** The same with the waiting assets' ids (shared/domain/intel/mapping-progress.ts): compliance, the fleet and the evidence pack flag them. */
export const MappingProgress = MappingFreshness.extend({ assetIds: z.array(Id) });
export type MappingProgress = z.infer<typeof MappingProgress>;

/** A feed the answer drew on, with its provenance. */
export const TriageFeed = z.object({ id: Id, kind: z.string(), fileName: z.string(), feedVersion: z.string().nullable(), feedDate: z.string().nullable(), sha256: z.string() });

/** The triage answer. */
export const TriageResult = z.object({
  siteId: Id,
  query: z.object({ kind: z.enum(TRIGGER_KINDS), ref: z.string() }),
  cves: z.array(TriageCve),
  /** Per-state counts of `assets`, and of the unknowns. */
  counts: z.object({ inScope: z.number().int(), affected: z.number().int(), fixPending: z.number().int(), fixNotOffered: z.number().int(), noFix: z.number().int(), fixed: z.number().int(), excepted: z.number().int(), unknown: z.number().int() }),
  /** Affected assets first (most urgent first, by the priority rule), then fixed ones. */
  assets: z.array(TriageAsset),
  unknown: z.array(TriageUnknown),
  /** Not current: `pendingAssets` assets wait for the mapping job and are listed as unknown ("mapping in progress"). */
  mapping: MappingFreshness,
  feeds: z.array(TriageFeed),
  /** What `cycles:openEmergency` needs: the trigger, a reason naming the figures, a deadline and the affected assets. */
  emergency: z.object({ trigger: z.string(), reason: z.string(), deadline: IsoDate, assetIds: z.array(Id), title: z.string() }),
  /** One sentence: "3 of 12 assets affected; 2 fixes pending; ...". */
  summary: z.string(),
  at: IsoTimestamp,
});
export type TriageResult = z.infer<typeof TriageResult>;

/** What is known about one open pending update's vulnerabilities (patch status, asset drawer). */
export const UpdateVulnerabilities = z.object({
  updateId: Id,
  assetId: Id,
  /** The CVEs this update fixes, from the package manager or the distribution's feed. */
  cves: z.array(z.string()),
  kev: z.boolean(),
  knownRansomware: z.boolean(),
  kevDueDate: IsoDate.nullable(),
  /** Highest EPSS score and CVSS base score among its CVEs; null when no feed scores them. */
  epss: z.number().nullable(),
  cvss: z.number().nullable(),
  /** The priority rule's class; its reasons are in the triage view and the drawer (a site has tens of thousands of updates). */
  priorityClass: z.enum(PRIORITY_CLASSES),
});
export type UpdateVulnerabilities = z.infer<typeof UpdateVulnerabilities>;

/** Per asset: how its CVE links were found, or why it is not mapped. */
export const AssetMapping = z.object({
  assetId: Id,
  /** `pending`: waiting for the mapping job; its links are those of its previous mapping, if any. */
  status: z.enum(['mapped', 'package_manager_only', 'no_data', 'not_collected', 'pending']),
  distribution: z.string(),
  sources: z.string(),
  reason: z.string(),
  /** Distinct CVEs carried with a fix not offered to the host, and with no fix yet (`triage:asset` lists them). */
  notOffered: z.number().int().nonnegative(),
  noFix: z.number().int().nonnegative(),
});
export type AssetMapping = z.infer<typeof AssetMapping>;

/** One known-exploited fix still missing somewhere ("Known exploited, still missing"). */
export const KevMissing = z.object({
  cve: z.string(),
  name: z.string(),
  dueDate: IsoDate,
  knownRansomware: z.boolean(),
  assetIds: z.array(Id),
  /** Assets on which it is missing with no fix offered (no fix yet, or not offered). */
  withoutFix: z.array(Id),
});
export type KevMissing = z.infer<typeof KevMissing>;

/** A site's vulnerability picture: per update, per asset, and the KEV headline. */
export const SiteVulnerabilities = z.object({
  siteId: Id,
  /** Not current: `pendingAssets` assets wait for the mapping job (their `assets` status is `pending`). */
  mapping: MappingFreshness,
  updates: z.array(UpdateVulnerabilities),
  assets: z.array(AssetMapping),
  kevMissing: z.array(KevMissing),
  /** Whether any KEV, EPSS or distribution feed is imported at all: without, every figure here is "not measured". */
  feeds: z.object({ kev: z.boolean(), epss: z.boolean(), distribution: z.boolean() }),
});
export type SiteVulnerabilities = z.infer<typeof SiteVulnerabilities>;

/** One link of an asset's package to a CVE, with what the feeds say about the CVE (the asset drawer). */
export const AssetCveLink = z.object({
  cve: z.string(),
  kind: z.enum(['fixes', 'carries', 'no_fix']),
  package: z.string(),
  sourcePackage: z.string(),
  installedVersion: z.string().nullable(),
  fixedVersion: z.string().nullable(),
  updateId: Id.nullable(),
  source: z.enum(CVE_LINK_SOURCES),
  kev: z.boolean(),
  epss: z.number().nullable(),
  cvss: z.number().nullable(),
});
export type AssetCveLink = z.infer<typeof AssetCveLink>;

/** An asset's CVE links and mapping state. */
export const AssetVulnerabilities = z.object({ mapping: AssetMapping, links: z.array(AssetCveLink) });
export type AssetVulnerabilities = z.infer<typeof AssetVulnerabilities>;
