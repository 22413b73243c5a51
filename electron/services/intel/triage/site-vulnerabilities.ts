/**
 * A site's vulnerability picture for the patch-status table, the asset drawer and the overview:
 * the CVEs, KEV and EPSS of each open pending update (with the priority rule's class and
 * reasons), each asset's mapping state, and the known-exploited fixes still missing.
 */
import type { Asset } from '../../../../shared/contract/assets';
import type { AssetMapping, AssetVulnerabilities, KevMissing, SiteVulnerabilities, UpdateVulnerabilities } from '../../../../shared/contract/triage';
import { fixPriority, type CveIntel } from '../../../../shared/domain/intel/priority';
import { exposureLevel } from '../../../../shared/domain/risk-tier';
import type { CveLinksRepository, MappingState } from '../../../db/repositories/cve-links.repository';
import type { InventoryService } from '../../inventory/inventory.service';
import type { CveMappingService } from '../mapping/cve-mapping.service';
import type { CveMappingJobs } from '../mapping/cve-mapping-jobs';
import type { TriageIntel } from './triage.service';

/** What a read says of an asset whose links wait for the `cve-mapping` job (never "not affected"). */
export const MAPPING_IN_PROGRESS = 'mapping in progress: its CVE links are being recomputed from its latest collection and the current feeds';

export interface SiteVulnerabilitiesDeps {
  mapping: CveMappingService;
  mappingJobs: CveMappingJobs;
  links: CveLinksRepository;
  inventory: InventoryService;
  intel: TriageIntel;
}

/** The vulnerability picture of a site's active assets. */
export function siteVulnerabilities(deps: SiteVulnerabilitiesDeps, siteId: number): SiteVulnerabilities {
  const fresh = deps.mappingJobs.forRead(siteId);
  const assets = new Map(deps.inventory.list(siteId, ['active']).map((asset) => [asset.id, asset]));
  const fixLinks = deps.links.fixLinks(siteId).filter((link) => assets.has(link.assetId));
  const byUpdate = new Map<number, { assetId: number; cves: Set<string> }>();
  for (const link of fixLinks) {
    let found = byUpdate.get(link.updateId);
    if (!found) byUpdate.set(link.updateId, (found = { assetId: link.assetId, cves: new Set() }));
    found.cves.add(link.cve);
  }
  const intel = intelFor(deps.intel, [...new Set(fixLinks.map((link) => link.cve))]);

  const updates: UpdateVulnerabilities[] = [];
  for (const [updateId, found] of byUpdate) {
    const asset = assets.get(found.assetId);
    if (!asset) continue;
    const list = [...found.cves].sort();
    const priority = fixPriority(`${updateId}`, list.map((cve) => intel.get(cve) ?? { cve, kev: null, epss: null, cvss: null }), assetOf(asset));
    updates.push({ updateId, assetId: found.assetId, cves: list, kev: priority.kev, knownRansomware: priority.knownRansomware, kevDueDate: priority.kevDueDate, epss: priority.epss, cvss: priority.cvss, priorityClass: priority.class });
  }
  updates.sort((a, b) => a.updateId - b.updateId);

  const states = deps.mapping.states(siteId);
  const mapping: AssetMapping[] = [...assets.values()].map((asset) => mappingOf(asset.id, states.get(asset.id), fresh.pending.has(asset.id)));

  // Known exploited, still missing: every KEV CVE's links in one query.
  const kevIds = [...deps.intel.kevCveIds()];
  const kev = deps.intel.kev(kevIds);
  const kevMissing = new Map<string, KevMissing>();
  for (const link of deps.links.assetsByCves(siteId, kevIds)) {
    const entry = kev.get(link.cve);
    if (!entry || !assets.has(link.assetId)) continue;
    let item = kevMissing.get(link.cve);
    if (!item) kevMissing.set(link.cve, (item = { cve: link.cve, name: entry.vulnerabilityName.trim(), dueDate: entry.dueDate, knownRansomware: (entry.knownRansomwareCampaignUse ?? '').trim().toLowerCase() === 'known', assetIds: [], withoutFix: [] }));
    if (!item.assetIds.includes(link.assetId)) item.assetIds.push(link.assetId);
    if (!link.fixOffered && !item.withoutFix.includes(link.assetId)) item.withoutFix.push(link.assetId);
  }
  const feeds = deps.intel.feeds();
  return {
    siteId,
    mapping: fresh.mapping,
    updates,
    assets: mapping,
    kevMissing: [...kevMissing.values()].sort((a, b) => Number(b.knownRansomware) - Number(a.knownRansomware) || a.dueDate.localeCompare(b.dueDate) || a.cve.localeCompare(b.cve)),
    feeds: { kev: feeds.some((feed) => feed.kind === 'kev'), epss: feeds.some((feed) => feed.kind === 'epss'), distribution: feeds.some((feed) => feed.kind === 'debian-tracker' || feed.kind === 'osv' || feed.kind === 'msrc') },
  };
}

/** An asset's mapping state as the contract gives it; an asset never mapped reads "not collected", one waiting for the mapping job "pending". */
export function mappingOf(assetId: number, state: MappingState | undefined, pending = false): AssetMapping {
  if (pending) return { assetId, status: 'pending', distribution: state?.distribution ?? '', sources: state?.sources ?? '', reason: MAPPING_IN_PROGRESS, notOffered: state?.notOfferedCount ?? 0, noFix: state?.noFixCount ?? 0 };
  return { assetId, status: state?.status ?? 'not_collected', distribution: state?.distribution ?? '', sources: state?.sources ?? '', reason: state?.reason ?? '', notOffered: state?.notOfferedCount ?? 0, noFix: state?.noFixCount ?? 0 };
}

/** An asset's links with KEV, EPSS and CVSS per CVE (the asset drawer). */
export function assetVulnerabilities(deps: SiteVulnerabilitiesDeps, assetId: number): AssetVulnerabilities {
  const asset = deps.inventory.get(assetId);
  const fresh = deps.mappingJobs.forRead(asset.siteId);
  const links = deps.links.byAsset(assetId);
  const intel = intelFor(deps.intel, [...new Set(links.map((link) => link.cve))]);
  return {
    mapping: mappingOf(assetId, deps.mapping.states(asset.siteId).get(assetId), fresh.pending.has(assetId)),
    links: links.map((link) => {
      const known = intel.get(link.cve);
      return { cve: link.cve, kind: link.kind, package: link.package, sourcePackage: link.sourcePackage, installedVersion: link.installedVersion, fixedVersion: link.fixedVersion, updateId: link.pendingUpdateId, source: link.source, kev: Boolean(known?.kev), epss: known?.epss?.score ?? null, cvss: known?.cvss?.baseScore ?? null };
    }),
  };
}

function assetOf(asset: Asset): { tier: Asset['tier']; exposure: ReturnType<typeof exposureLevel> | null } {
  return { tier: asset.tier, exposure: asset.classification ? exposureLevel(asset.classification) : null };
}

/** KEV, EPSS and CVSS of many CVEs, three bulk queries. */
export function intelFor(intel: TriageIntel, cves: readonly string[]): Map<string, CveIntel> {
  const kev = intel.kev(cves);
  const epss = intel.epss(cves);
  const cvss = intel.cvss(cves);
  return new Map(
    cves.map((cve) => {
      const k = kev.get(cve);
      const e = epss.get(cve);
      const c = cvss.get(cve);
      return [
        cve,
        {
          cve,
          kev: k ? { dateAdded: k.dateAdded, dueDate: k.dueDate, knownRansomware: k.knownRansomwareCampaignUse === null ? null : k.knownRansomwareCampaignUse.trim().toLowerCase() === 'known' } : null,
          epss: e ? { score: e.score, percentile: e.percentile, modelVersion: e.modelVersion, scoreDate: e.scoreDate } : null,
          cvss: c ? { baseScore: c.score, severity: c.severity ?? '', source: c.source, version: c.version } : null,
        },
      ];
    }),
  );
}
