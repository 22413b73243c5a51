/**
 * What a site's SLA clock runs on (its patch policy, time zone and exception register), and the
 * SLA standing of the fixes missing now, for the patch-status views and the compliance figures.
 */
import type { Site } from '../../../shared/contract/sites';
import type { PatchPolicy } from '../../../shared/domain/patch-policy';
import type { Tier } from '../../../shared/domain/risk-tier';
import type { PatchException } from '../../../shared/domain/sla/exception-status';
import type { SlaState } from '../../../shared/domain/sla/sla-rules';
import { formatInstant } from '../../../shared/domain/sla/local-time';
import type { ComplianceRepository } from '../../db/repositories/compliance.repository';
import type { ExceptionsRepository, StoredException } from '../../db/repositories/exceptions.repository';
import type { SitesService } from '../sites/sites.service';
import { exceptionsAffecting, needsFixLists, SlaEngine, type PreparedFix } from '../../../shared/domain/sla/sla-engine';
import { fixAgeDays, olderFix } from '../../../shared/domain/sla/oldest-fix';
import type { ClockBasis } from '../../../shared/domain/sla/clock-start';
import { NO_KEV, type KevLookup } from '../../../shared/domain/sla/kev-rule';
import { MAPPING_CURRENT, type MappingProgress } from '../../../shared/domain/intel/mapping-progress';

/** A site with its policy and register, ready for the SLA maths. */
export interface SlaContext {
  site: Site;
  policy: PatchPolicy;
  timeZone: string;
  /** The register as the domain reads it (ids kept), with the stored entries for display. */
  exceptions: PatchException[];
  stored: StoredException[];
  /** What KEV says about the site's missing fixes, for the policy's KEV rules (`NO_KEV` without a catalogue). */
  kev: KevLookup;
  /** Whether the CVE links the KEV lookup read are current; the assets waiting for the mapping job are flagged, never counted clean. */
  mapping: MappingProgress;
}

/** Per asset: how many of its missing fixes are in each SLA state. */
export type SlaCounts = Record<SlaState, number>;

/** One asset's missing fixes now: counts by SLA state and its oldest missing security fix (see oldest-fix.ts). */
export interface AssetSlaStanding {
  counts: SlaCounts;
  oldestSecurity: { updateName: string; clockStartAt: string; clockBasis: ClockBasis; ageDays: number } | null;
}

/** Where the SLA context comes from. */
export interface SiteSlaClockDeps {
  sites: SitesService;
  exceptions: ExceptionsRepository;
  compliance: ComplianceRepository;
  /** The site's KEV lookup (electron/services/intel/mapping/kev-lookup.ts); absent: no fix is known exploited. */
  kev?: (siteId: number) => KevLookup;
  /** The site's CVE mapping progress (the `cve-mapping` job); absent: current. */
  mapping?: (siteId: number) => MappingProgress;
}

/** A stored register entry as the domain's `PatchException`. */
export function toPatchException(entry: StoredException): PatchException {
  return { id: entry.id, scope: { kind: entry.scope.kind, assetId: entry.scope.assetId, value: entry.scope.value }, startsAt: entry.startsAt, expiresAt: entry.expiresAt, closedAt: entry.closedAt, renewedById: entry.renewedById };
}

/** Loads a site's SLA context and evaluates the standing of its missing fixes. */
export class SiteSlaClock {
  constructor(private readonly deps: SiteSlaClockDeps) {}

  /**
   * The site, its policy, zone and register.
   *
   * @throws AppError (not_found) for an unknown site.
   */
  context(siteId: number): SlaContext {
    const site = this.deps.sites.get(siteId);
    const stored = this.deps.exceptions.list(siteId);
    return { site, policy: this.deps.sites.getPolicy(siteId), timeZone: site.timezone, exceptions: stored.map(toPatchException), stored, kev: this.deps.kev?.(siteId) ?? NO_KEV, mapping: this.deps.mapping?.(siteId) ?? MAPPING_CURRENT };
  }

  /**
   * Per asset of `tiers` (the site's, or one), how many fixes missing at `at` are within SLA, due
   * soon, overdue or excepted, and its oldest missing security fix by the shared rule (earliest
   * clock start, aged in local days), the one the compliance figures pick. Assets with nothing
   * missing are left out.
   */
  standings(context: SlaContext, tiers: ReadonlyMap<number, Tier | null>, at: Date, assetId: number | null = null): Map<number, AssetSlaStanding> {
    const atIso = formatInstant(at.getTime());
    const exceptions = exceptionsAffecting(context.exceptions, at.getTime(), at.getTime());
    const engine = new SlaEngine(context.policy, context.timeZone, exceptions, context.kev);
    const atDay = engine.localDay(at.getTime());
    const counts = new Map<number, SlaCounts>();
    const oldest = new Map<number, PreparedFix>();
    for (const row of this.deps.compliance.fixesOverlapping(context.site.id, atIso, atIso, { assetId, withLists: needsFixLists(exceptions) })) {
      if (!tiers.has(row.assetId)) continue;
      const fix = engine.prepare(row, tiers.get(row.assetId) ?? null);
      if (!engine.missingAt(fix, at.getTime())) continue;
      let own = counts.get(row.assetId);
      if (!own) {
        own = { within: 0, due_soon: 0, overdue: 0, excepted: 0 };
        counts.set(row.assetId, own);
      }
      own[engine.standing(fix, at.getTime(), atDay).state]++;
      if (fix.security) oldest.set(row.assetId, olderFix(oldest.get(row.assetId) ?? null, fix));
    }
    return new Map(
      [...counts].map(([id, own]) => {
        const fix = oldest.get(id);
        const oldestSecurity = fix ? { updateName: fix.record.name, clockStartAt: formatInstant(fix.clockStartMs), clockBasis: fix.clockBasis, ageDays: fixAgeDays(engine, fix, atDay) } : null;
        return [id, { counts: own, oldestSecurity }];
      }),
    );
  }
}
