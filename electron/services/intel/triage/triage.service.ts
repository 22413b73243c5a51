/**
 * Triage of a disclosure in one step (see shared/contract/triage.ts). It reads the CVE links the
 * mapping keeps current, the feeds' word on the CVEs (KEV, EPSS, CVSS, the distributions' fixed
 * versions), the site's SLA context (policy with its KEV rules, exceptions) and each asset's
 * measurement, and answers for every asset in scope: affected and how, fixed and when, or unknown
 * and why. Nothing is written except the mapping it brings up to date.
 */
import type { Asset } from '../../../../shared/contract/assets';
import type { TriageAsset, TriageCve, TriagePackage, TriageResult, TriageState, TriageUnknown } from '../../../../shared/contract/triage';
import { measurementAt } from '../../../../shared/domain/coverage';
import { parseEmergencyTrigger } from '../../../../shared/domain/cycles/emergency-trigger';
import { distributionReleaseOf } from '../../../../shared/domain/intel/distribution';
import { isCveId } from '../../../../shared/domain/intel/package-mapping';
import { comparePriority, fixPriority, type CveIntel, type FixPriority } from '../../../../shared/domain/intel/priority';
import { exposureLevel } from '../../../../shared/domain/risk-tier';
import { exceptionCovers } from '../../../../shared/domain/sla/exception-status';
import { addLocalDays, formatLocalDate, localDateOf } from '../../../../shared/domain/sla/local-time';
import type { KevFixFacts } from '../../../../shared/domain/sla/kev-rule';
import { kevOutcomeNotMeasured, kevOutcomeOf } from '../../../../shared/domain/sla/kev-outcome';
import { SlaEngine } from '../../../../shared/domain/sla/sla-engine';
import { compareDebianVersions, compareRpmVersions } from '../../../../shared/domain/versions';
import { AppError } from '../../../platform/app-error';
import type { Clock } from '../../../platform/clock';
import type { CveLinkResolutionsRepository, FixedBasis } from '../../../db/repositories/cve-link-resolutions.repository';
import type { CveLinksRepository, StoredCveLink } from '../../../db/repositories/cve-links.repository';
import type { PatchStatusRepository } from '../../../db/repositories/patch-status.repository';
import type { SiteSlaClock } from '../../compliance/site-sla-clock';
import type { InventoryService } from '../../inventory/inventory.service';
import type { CveMappingJobs } from '../mapping/cve-mapping-jobs';
import type { CveMappingService } from '../mapping/cve-mapping.service';
import { intelFor, MAPPING_IN_PROGRESS } from './site-vulnerabilities';

/** A feed row as triage cites it (the intel repository's `IntelFeed` fits). */
export interface TriageIntelFeed {
  id: number;
  kind: string;
  scope: string;
  fileName: string;
  feedVersion: string | null;
  feedDate: string | null;
  sha256: string;
}

/** What triage reads from the imported feeds (a subset of the intel repository). */
export interface TriageIntel {
  feeds(): TriageIntelFeed[];
  kev(cveIds: readonly string[]): Map<string, { feedId: number; dateAdded: string; dueDate: string; knownRansomwareCampaignUse: string | null; vulnerabilityName: string; requiredAction: string }>;
  /** Every CVE in the current KEV catalogue. */
  kevCveIds(): Set<string>;
  epss(cveIds: readonly string[]): Map<string, { feedId: number; score: number; percentile: number | null; modelVersion: string | null; scoreDate: string | null }>;
  cvss(cveIds: readonly string[]): Map<string, { feedId: number; version: string; score: number; severity: string | null; source: string }>;
  cvesOfAdvisory(advisoryId: string): string[];
  affectedByCve(cveId: string): { source: string; feedId: number; distribution: string; release: string; package: string; status: string; fixedVersion: string | null }[];
}

export interface TriageServiceDeps {
  mapping: CveMappingService;
  /** How current the links are (the app reads them as they stand; the CLI remaps first). */
  mappingJobs: CveMappingJobs;
  links: CveLinksRepository;
  /** Fixes installed after their link went (migration 0018). */
  resolutions: Pick<CveLinkResolutionsRepository, 'byCves'>;
  patchStatus: PatchStatusRepository;
  inventory: InventoryService;
  slaClock: SiteSlaClock;
  intel: TriageIntel;
  clock: Clock;
}

/** Days an emergency gets when nothing shorter applies (no KEV due date, no SLA deadline sooner). */
export const DEFAULT_EMERGENCY_DAYS = 7;

const STATE_ORDER: Record<TriageState, number> = { fix_pending: 0, fix_not_offered: 1, no_fix: 2, fixed: 3 };

function nameOf(asset: Asset): string {
  return asset.hostname || asset.addresses[0] || `asset ${asset.id}`;
}

export class TriageService {
  constructor(private readonly deps: TriageServiceDeps) {}

  /** Triages a CVE, KB or advisory id across a site's active assets. */
  triage(siteId: number, id: string): TriageResult {
    const query = parseEmergencyTrigger(id);
    if (!query) throw new AppError('bad_request', `"${id}" is not a CVE (CVE-2024-3094), a KB (KB5034441) or an advisory id (DSA-5800-1, RHSA-2024:8709)`, [{ path: 'id', message: 'not a CVE, KB or advisory id' }]);
    const now = this.deps.clock.now();
    const nowMs = now.getTime();
    const fresh = this.deps.mappingJobs.forRead(siteId);
    const context = this.deps.slaClock.context(siteId);
    const assets = this.deps.inventory.list(siteId, ['active']);
    const byId = new Map(assets.map((asset) => [asset.id, asset]));

    // The CVEs the id stands for: itself, or those its advisory names (in the feeds or on the hosts' own updates).
    const advisoryUpdates = query.kind === 'cve' ? [] : this.deps.links.updatesByAdvisory(siteId, query.ref);
    const cveSet = new Set<string>(query.kind === 'cve' ? [query.ref] : this.deps.intel.cvesOfAdvisory(query.ref));
    for (const update of advisoryUpdates) for (const cve of update.cves) if (isCveId(cve.toUpperCase())) cveSet.add(cve.toUpperCase());
    const cves = [...cveSet].sort();
    const known = intelFor(this.deps.intel, cves);
    const intel = cves.map((cve) => known.get(cve) ?? { cve, kev: null, epss: null, cvss: null });

    // Affected: the links of these CVEs, plus the updates that name the advisory itself.
    const perAsset = new Map<number, { packages: TriagePackage[]; links: StoredCveLink[] }>();
    const entry = (assetId: number) => {
      let found = perAsset.get(assetId);
      if (!found) perAsset.set(assetId, (found = { packages: [], links: [] }));
      return found;
    };
    const links = this.deps.links.byCves(siteId, cves).filter((link) => byId.has(link.assetId));
    const pendingRows = this.deps.links.fixRecords([...links.flatMap((link) => (link.pendingUpdateId === null ? [] : [link.pendingUpdateId])), ...advisoryUpdates.map((update) => update.id)]);
    for (const link of links) {
      const row = link.pendingUpdateId === null ? undefined : pendingRows.get(link.pendingUpdateId);
      entry(link.assetId).links.push(link);
      entry(link.assetId).packages.push({
        cve: link.cve,
        package: link.package,
        sourcePackage: link.sourcePackage,
        installedVersion: link.installedVersion,
        fixedVersion: link.fixedVersion,
        update: row ? { id: row.id, name: row.name, availableVersion: row.availableVersion, missingSince: row.firstSeenAt } : null,
        source: link.source,
        feedId: link.feedId,
      });
    }
    for (const update of advisoryUpdates) {
      if (!byId.has(update.assetId)) continue;
      const found = entry(update.assetId);
      if (found.packages.some((item) => item.update?.id === update.id)) continue;
      found.packages.push({ cve: query.ref, package: update.name, sourcePackage: '', installedVersion: update.installedVersion, fixedVersion: update.availableVersion, update: { id: update.id, name: update.name, availableVersion: update.availableVersion, missingSince: update.firstSeenAt }, source: 'package_manager', feedId: null });
    }

    const latest = this.deps.patchStatus.latestBySite(siteId);
    const measurement = (assetId: number) => {
      const facts = latest.get(assetId);
      return measurementAt({ latest: facts ? { at: facts.latestAt, outcome: facts.latestOutcome, errorCode: facts.errorCode, message: facts.errorMessage } : null, lastSuccessAt: facts?.lastSuccessAt ?? null }, nowMs, context.policy.freshnessDays);
    };
    const engine = new SlaEngine(context.policy, context.timeZone, context.exceptions, context.kev);
    const storedExceptions = new Map(context.stored.map((stored) => [stored.id, stored]));
    const kevFacts = earliestKev(intel);

    const rows: (TriageAsset & { order: FixPriority })[] = [];
    for (const [assetId, found] of perAsset) {
      const asset = byId.get(assetId);
      if (!asset) continue;
      const state: TriageState = found.packages.some((item) => item.update !== null) ? 'fix_pending' : found.links.some((link) => link.kind === 'carries') ? 'fix_not_offered' : 'no_fix';
      const internetFacing = asset.classification?.internetFacing === true;
      const identity = { assetId, name: found.packages[0]?.package ?? '', cves, advisories: query.kind === 'cve' ? [] : [query.ref] };
      let sla: TriageAsset['sla'] = null;
      let slaOutcome: TriageAsset['slaOutcome'] = kevOutcomeNotMeasured(state === 'no_fix' ? 'no fix yet: no SLA clock runs' : 'the fix is not offered to this host: no SLA clock runs');
      let exceptionId: number | null = null;
      const updateIds = [...new Set(found.packages.flatMap((item) => (item.update ? [item.update.id] : [])))];
      for (const updateId of updateIds) {
        const row = pendingRows.get(updateId);
        if (!row) continue;
        // The fix's deadline as every other surface shows it: KEV facts from the site's lookup (all the CVEs it closes).
        const fix = engine.prepare({ ...row, severity: row.severity || null }, asset.tier);
        const standing = engine.standing(fix, nowMs);
        if (sla === null || fix.dueDate < sla.dueDate) {
          sla = { state: standing.state, dueDate: fix.dueDate, deadlineRule: fix.deadlineRule };
          slaOutcome = kevOutcomeOf(engine, fix, nowMs);
        }
        if (standing.exception?.id != null) exceptionId = standing.exception.id;
      }
      if (exceptionId === null) exceptionId = context.exceptions.find((exception) => exceptionCovers(exception, identity, now.toISOString()))?.id ?? null;
      const exception = exceptionId === null ? undefined : storedExceptions.get(exceptionId);
      const priority = fixPriority(nameOf(asset), intel, { tier: asset.tier, exposure: asset.classification ? exposureLevel(asset.classification) : null });
      const measured = measurement(assetId);
      rows.push({
        assetId,
        hostname: asset.hostname,
        address: asset.addresses[0] ?? '',
        tier: asset.tier,
        internetFacing,
        state,
        packages: found.packages,
        fixedAt: null,
        fixedBasis: null,
        missingSince: found.packages.flatMap((item) => (item.update ? [item.update.missingSince] : [])).sort()[0] ?? null,
        sla,
        slaOutcome,
        exception: exception ? { id: exception.id, reason: exception.reason, compensatingControls: exception.compensatingControls, owner: exception.owner, expiresAt: exception.expiresAt } : null,
        lastSuccessAt: latest.get(assetId)?.lastSuccessAt ?? null,
        measured: measured.measured,
        priority: { class: priority.class, reasons: priority.reasons },
        order: priority,
      });
    }
    rows.sort((a, b) => STATE_ORDER[a.state] - STATE_ORDER[b.state] || comparePriority(a.order, b.order));

    const fixed = this.fixedAssets(siteId, cves, assets, perAsset, latest, { engine, kev: kevFacts, nowMs });
    const affectedIds = new Set(rows.map((row) => row.assetId));
    const unknown = this.unknownAssets(siteId, assets, affectedIds, fixed, measurement, fresh.pending);
    const assetsOut: TriageAsset[] = [...rows.map(({ order: _order, ...row }) => row), ...fixed];

    const counts = {
      inScope: assets.length,
      affected: rows.length,
      fixPending: rows.filter((row) => row.state === 'fix_pending').length,
      fixNotOffered: rows.filter((row) => row.state === 'fix_not_offered').length,
      noFix: rows.filter((row) => row.state === 'no_fix').length,
      fixed: fixed.length,
      excepted: rows.filter((row) => row.exception !== null).length,
      unknown: unknown.length,
    };
    const usedFeedIds = new Set<number>([...assetsOut.flatMap((row) => row.packages.flatMap((item) => (item.feedId === null ? [] : [item.feedId]))), ...intelFeedIds(this.deps.intel, cves)]);
    const feeds = this.deps.intel
      .feeds()
      .filter((feed) => usedFeedIds.has(feed.id))
      .map((feed) => ({ id: feed.id, kind: feed.kind, fileName: feed.fileName, feedVersion: feed.feedVersion, feedDate: feed.feedDate, sha256: feed.sha256 }));

    const today = localDateOf(nowMs, context.timeZone);
    const tomorrow = formatLocalDate(addLocalDays(today, 1));
    const dueDates = [formatLocalDate(addLocalDays(today, DEFAULT_EMERGENCY_DAYS)), ...rows.flatMap((row) => (row.sla ? [row.sla.dueDate] : [])), ...(kevFacts ? [kevFacts.dueDate] : [])].sort();
    const deadline = (dueDates[0] ?? tomorrow) < tomorrow ? tomorrow : (dueDates[0] ?? tomorrow);
    const kevText = intel.some((item) => item.kev) ? `, known exploited (CISA KEV, due ${kevFacts?.dueDate ?? ''})` : '';
    const summary = summarise(counts);
    return {
      siteId,
      query,
      cves: intel.map(toTriageCve(this.deps.intel, cves)),
      counts,
      assets: assetsOut,
      unknown,
      mapping: fresh.mapping,
      feeds,
      emergency: {
        trigger: query.ref,
        title: `Emergency: ${query.ref}`,
        reason: `${query.ref}${kevText}: ${summary}`.slice(0, 1000),
        deadline,
        assetIds: rows.filter((row) => row.state !== 'fixed').map((row) => row.assetId),
      },
      summary,
      at: now.toISOString(),
    };
  }

  /**
   * Assets not affected now that had the fix: the mapping recorded the fix installed when its link
   * went (migration 0018), their installed source package is at or past a distribution's fixed
   * version, or their package manager's update naming the CVE was resolved. `fixedAt` is when the
   * fix was first measured installed; null when it was already in place when Patchdesk first
   * measured the host. The SLA outcome is judged by the engine from the fixing update's clock, the
   * CVE's KEV dates and the policy, at the fix installed last (the asset is fixed once all are).
   */
  private fixedAssets(
    siteId: number,
    cves: readonly string[],
    assets: readonly Asset[],
    affected: ReadonlyMap<number, unknown>,
    latest: ReturnType<PatchStatusRepository['latestBySite']>,
    judge: { engine: SlaEngine; kev: KevFixFacts | null; nowMs: number },
  ): TriageAsset[] {
    const byId = new Map(assets.map((asset) => [asset.id, asset]));
    const out = new Map<number, TriageAsset & { updateId: number | null }>();
    const add = (asset: Asset, item: TriagePackage, fixedAt: string | null, updateId: number | null, basis: FixedBasis | null) => {
      const existing = out.get(asset.id);
      if (existing) {
        if (existing.packages.some((each) => each.cve === item.cve && each.package === item.package)) return;
        existing.packages.push(item);
        if (fixedAt && (!existing.fixedAt || fixedAt > existing.fixedAt)) Object.assign(existing, { fixedAt, updateId, fixedBasis: basis });
        return;
      }
      out.set(asset.id, {
        assetId: asset.id,
        hostname: asset.hostname,
        address: asset.addresses[0] ?? '',
        tier: asset.tier,
        internetFacing: asset.classification?.internetFacing === true,
        state: 'fixed',
        packages: [item],
        fixedAt,
        fixedBasis: fixedAt ? basis : null,
        missingSince: null,
        sla: null,
        slaOutcome: kevOutcomeNotMeasured(''),
        exception: null,
        lastSuccessAt: latest.get(asset.id)?.lastSuccessAt ?? null,
        measured: true,
        priority: { class: 'has_cve', reasons: [] },
        updateId: fixedAt ? updateId : null,
      });
    };
    // The record the mapping kept first: it has the exact package, versions and the collection that measured the fix.
    for (const resolution of this.deps.resolutions.byCves(siteId, cves)) {
      const asset = byId.get(resolution.assetId);
      if (!asset || affected.has(asset.id)) continue;
      add(asset, { cve: resolution.cve, package: resolution.package, sourcePackage: resolution.sourcePackage, installedVersion: resolution.installedVersion, fixedVersion: resolution.fixedVersion, update: null, source: resolution.source, feedId: resolution.feedId }, resolution.fixedAt, resolution.pendingUpdateId, resolution.fixedBasis);
    }
    for (const cve of cves) {
      for (const resolved of this.deps.links.resolvedWithCve(siteId, cve)) {
        const asset = byId.get(resolved.assetId);
        if (!asset || affected.has(asset.id)) continue;
        add(asset, { cve, package: resolved.name, sourcePackage: '', installedVersion: resolved.availableVersion, fixedVersion: resolved.availableVersion, update: null, source: 'package_manager', feedId: null }, resolved.resolvedAt, resolved.id, 'update_resolved');
      }
      const records = this.deps.intel.affectedByCve(cve).filter((record) => record.status === 'fixed' && record.fixedVersion !== null && record.fixedVersion !== '0');
      if (records.length === 0) continue;
      const installed = this.deps.links.installedBySource(siteId, records.map((record) => record.package));
      const releases = new Map<number, { distribution: string; release: string; family: string } | null>();
      for (const item of installed) {
        const asset = byId.get(item.assetId);
        if (!asset || affected.has(asset.id)) continue;
        if (!releases.has(asset.id)) {
          const os = latest.get(asset.id)?.data?.os;
          releases.set(asset.id, os ? distributionReleaseOf(os) : null);
        }
        const release = releases.get(asset.id);
        if (!release) continue;
        const sourcePackage = item.sourceName || item.name;
        const record = records.find((each) => each.distribution === release.distribution && each.release === release.release && each.package === sourcePackage);
        if (!record?.fixedVersion) continue;
        const compare = release.family === 'rpm' ? compareRpmVersions : compareDebianVersions;
        if (compare(item.sourceVersion || item.version, record.fixedVersion) < 0) continue;
        const resolved = this.deps.links.resolvedUpdates(siteId, [item.name]).find((update) => update.assetId === asset.id && compare(update.availableVersion, record.fixedVersion ?? '') >= 0);
        add(asset, { cve, package: item.name, sourcePackage, installedVersion: item.version, fixedVersion: record.fixedVersion, update: null, source: record.source === 'osv' ? 'osv' : 'debian-tracker', feedId: record.feedId }, resolved?.resolvedAt ?? null, resolved?.id ?? null, 'update_resolved');
      }
    }
    const updates = this.deps.links.fixRecords([...out.values()].flatMap((row) => (row.updateId === null ? [] : [row.updateId])));
    return [...out.values()]
      .map(({ updateId, ...row }) => {
        const update = updateId === null ? undefined : updates.get(updateId);
        const asset = byId.get(row.assetId);
        if (!update || !row.fixedAt || !asset) return { ...row, fixedBasis: null, missingSince: null, slaOutcome: kevOutcomeNotMeasured('already installed when Patchdesk first measured the host: no missing period to judge') };
        // The fixing update's own clock, ended when the fix was first measured installed; KEV dates given, since its link is gone.
        const fix = judge.engine.prepare({ ...update, severity: update.severity || null, resolvedAt: row.fixedAt, kev: judge.kev }, asset.tier, { internetFacing: row.internetFacing });
        return { ...row, missingSince: update.firstSeenAt, slaOutcome: kevOutcomeOf(judge.engine, fix, judge.nowMs) };
      })
      .sort((a, b) => (a.hostname || a.address).localeCompare(b.hostname || b.address));
  }

  /** Assets the answer cannot speak for: not measured now, or measured without vulnerability data for their family. */
  private unknownAssets(siteId: number, assets: readonly Asset[], affected: ReadonlySet<number>, fixed: readonly TriageAsset[], measurement: (assetId: number) => ReturnType<typeof measurementAt>, pending: ReadonlySet<number>): TriageUnknown[] {
    const fixedIds = new Set(fixed.map((row) => row.assetId));
    const states = this.deps.mapping.states(siteId);
    const out: TriageUnknown[] = [];
    for (const asset of assets) {
      if (affected.has(asset.id) || fixedIds.has(asset.id)) continue;
      const measured = measurement(asset.id);
      const base = { assetId: asset.id, hostname: asset.hostname, address: asset.addresses[0] ?? '' };
      if (!measured.measured) {
        const detail =
          measured.reason === 'never_collected'
            ? 'never collected: its packages are unknown'
            : measured.reason === 'last_failed'
              ? `latest collection failed${measured.failure ? ` (${measured.failure.message || measured.failure.errorCode || 'error'})` : ''}`
              : `last collected ${measured.lastSuccessAt ?? ''}, older than the freshness limit`;
        out.push({ ...base, reason: measured.reason, detail });
        continue;
      }
      // Waiting for the mapping job: unknown, never "not affected".
      if (pending.has(asset.id)) {
        out.push({ ...base, reason: 'mapping_in_progress', detail: MAPPING_IN_PROGRESS });
        continue;
      }
      const state = states.get(asset.id);
      if (state && (state.status === 'no_data' || state.status === 'package_manager_only')) out.push({ ...base, reason: state.status, detail: `${state.distribution ? `${state.distribution}: ` : ''}${state.reason}` });
    }
    return out;
  }
}

/** The earliest KEV dates among the CVEs, as the SLA engine's KEV rules take them; null when none is in KEV. */
function earliestKev(intel: readonly CveIntel[]): KevFixFacts | null {
  const entries = intel.flatMap((item) => (item.kev ? [item.kev] : []));
  if (entries.length === 0) return null;
  return { dateAdded: entries.map((kev) => kev.dateAdded).sort()[0] ?? '', dueDate: entries.map((kev) => kev.dueDate).sort()[0] ?? '' };
}

function intelFeedIds(intel: TriageIntel, cves: readonly string[]): number[] {
  return [...[...intel.kev(cves).values()].map((row) => row.feedId), ...[...intel.epss(cves).values()].map((row) => row.feedId), ...[...intel.cvss(cves).values()].map((row) => row.feedId)];
}

function toTriageCve(intel: TriageIntel, cves: readonly string[]): (item: CveIntel) => TriageCve {
  const kev = intel.kev(cves);
  return (item) => {
    const entry = kev.get(item.cve);
    return {
      cve: item.cve,
      kev: item.kev && entry ? { ...item.kev, name: entry.vulnerabilityName.trim(), requiredAction: entry.requiredAction.trim() } : null,
      epss: item.epss,
      cvss: item.cvss,
    };
  };
}

/** "3 of 12 assets affected: 2 fix pending, 1 no fix yet; 4 fixed; 5 unknown". */
export function summarise(counts: TriageResult['counts']): string {
  const parts: string[] = [];
  if (counts.fixPending) parts.push(`${counts.fixPending} fix pending`);
  if (counts.fixNotOffered) parts.push(`${counts.fixNotOffered} fix not offered`);
  if (counts.noFix) parts.push(`${counts.noFix} no fix yet`);
  const head = `${counts.affected} of ${counts.inScope} asset${counts.inScope === 1 ? '' : 's'} affected${parts.length ? `: ${parts.join(', ')}` : ''}`;
  const tail = [counts.excepted ? `${counts.excepted} under an exception` : '', counts.fixed ? `${counts.fixed} fixed` : '', counts.unknown ? `${counts.unknown} not known (not measured or no data)` : ''].filter(Boolean);
  return [head, ...tail].join('; ');
}
