/**
 * A site's vulnerability picture for the patch-status table, the asset drawer and the overview:
 * the CVEs, KEV and EPSS of each open pending update (with the priority rule's class and
 * reasons), each asset's mapping state, and the known-exploited fixes still missing.
 */
import type { Asset } from '../../../../shared/contract/assets';
import type { AssetMapping, KevMissing, SiteVulnerabilities, UpdateVulnerabilities } from '../../../../shared/contract/triage';
import { fixPriority, type CveIntel } from '../../../../shared/domain/intel/priority';
import { exposureLevel } from '../../../../shared/domain/risk-tier';
import type { CveLinksRepository } from '../../../db/repositories/cve-links.repository';
import type { InventoryService } from '../../inventory/inventory.service';
import type { CveMappingService } from '../mapping/cve-mapping.service';
import type { TriageIntel } from './triage.service';

export interface SiteVulnerabilitiesDeps {
  mapping: CveMappingService;
  links: CveLinksRepository;
  inventory: InventoryService;
  intel: TriageIntel;
}

/** The vulnerability picture of a site's active assets. */
export function siteVulnerabilities(deps: SiteVulnerabilitiesDeps, siteId: number): SiteVulnerabilities {
  deps.mapping.ensureCurrent(siteId);
  const assets = new Map(deps.inventory.list(siteId, ['active']).map((asset) => [asset.id, asset]));
  const links = deps.links.bySite(siteId).filter((link) => assets.has(link.assetId));
  const cves = [...new Set(links.map((link) => link.cve))];
  const intel = intelFor(deps.intel, cves);

  const byUpdate = new Map<number, { assetId: number; cves: Set<string> }>();
  const notOffered = new Map<number, Set<string>>();
  const noFix = new Map<number, Set<string>>();
  for (const link of links) {
    if (link.kind === 'fixes' && link.pendingUpdateId !== null) {
      let found = byUpdate.get(link.pendingUpdateId);
      if (!found) byUpdate.set(link.pendingUpdateId, (found = { assetId: link.assetId, cves: new Set() }));
      found.cves.add(link.cve);
    } else {
      const target = link.kind === 'carries' ? notOffered : noFix;
      let set = target.get(link.assetId);
      if (!set) target.set(link.assetId, (set = new Set()));
      set.add(link.cve);
    }
  }

  const updates: UpdateVulnerabilities[] = [];
  for (const [updateId, found] of byUpdate) {
    const asset = assets.get(found.assetId);
    if (!asset) continue;
    const list = [...found.cves].sort();
    const priority = fixPriority(`${updateId}`, list.map((cve) => intel.get(cve) ?? { cve, kev: null, epss: null, cvss: null }), assetOf(asset));
    updates.push({ updateId, assetId: found.assetId, cves: list, kev: priority.kev, knownRansomware: priority.knownRansomware, kevDueDate: priority.kevDueDate, epss: priority.epss, cvss: priority.cvss, priorityClass: priority.class, reasons: priority.reasons });
  }
  updates.sort((a, b) => a.updateId - b.updateId);

  const states = deps.mapping.states(siteId);
  const mapping: AssetMapping[] = [...assets.values()].map((asset) => {
    const state = states.get(asset.id);
    return {
      assetId: asset.id,
      status: state?.status ?? 'not_collected',
      distribution: state?.distribution ?? '',
      sources: state?.sources ?? '',
      reason: state?.reason ?? '',
      notOffered: [...(notOffered.get(asset.id) ?? [])].sort(),
      noFix: [...(noFix.get(asset.id) ?? [])].sort(),
    };
  });

  const kev = deps.intel.kev(cves);
  const kevMissing = new Map<string, KevMissing>();
  for (const link of links) {
    const entry = kev.get(link.cve);
    if (!entry) continue;
    let item = kevMissing.get(link.cve);
    if (!item) kevMissing.set(link.cve, (item = { cve: link.cve, name: entry.vulnerabilityName.trim(), dueDate: entry.dueDate, knownRansomware: (entry.knownRansomwareCampaignUse ?? '').trim().toLowerCase() === 'known', assetIds: [], withoutFix: [] }));
    if (!item.assetIds.includes(link.assetId)) item.assetIds.push(link.assetId);
    if (link.kind !== 'fixes' && !item.withoutFix.includes(link.assetId)) item.withoutFix.push(link.assetId);
  }
  const feeds = deps.intel.feeds();
  return {
    siteId,
    updates,
    assets: mapping,
    kevMissing: [...kevMissing.values()].sort((a, b) => Number(b.knownRansomware) - Number(a.knownRansomware) || a.dueDate.localeCompare(b.dueDate) || a.cve.localeCompare(b.cve)),
    feeds: { kev: feeds.some((feed) => feed.kind === 'kev'), epss: feeds.some((feed) => feed.kind === 'epss'), distribution: feeds.some((feed) => feed.kind === 'debian-tracker' || feed.kind === 'osv' || feed.kind === 'msrc') },
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
