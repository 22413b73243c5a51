/**
 * What KEV says about each missing fix of a site, for the SLA engine's KEV rules: the fixes the
 * CVE mapping links to a CVE in the current KEV catalogue, with the earliest date added and due
 * date among their CVEs, and which assets are internet-facing. Every SLA figure (patch status,
 * the overview, the evidence pack, triage) reads its deadlines through this one lookup.
 *
 * Links exist for open pending updates only: once a fix is installed and its link gone, its
 * history is judged by the tier/severity deadline (see the report of issue 10).
 */
import type { Asset } from '../../../../shared/contract/assets';
import { NO_KEV, type KevFixFacts, type KevLookup } from '../../../../shared/domain/sla/kev-rule';
import type { CveLinksRepository } from '../../../db/repositories/cve-links.repository';
import type { CveMappingJobs } from './cve-mapping-jobs';

export interface KevLookupDeps {
  mapping: CveMappingJobs;
  links: CveLinksRepository;
  intel: { kevCveIds(): Set<string>; kev(cveIds: readonly string[]): Map<string, { dateAdded: string; dueDate: string }> };
  assets: (siteId: number) => readonly Asset[];
}

/** The KEV lookup of a site now (from its links as they stand); `NO_KEV` without a KEV catalogue. */
export function siteKevLookup(deps: KevLookupDeps, siteId: number): KevLookup {
  const kevIds = [...deps.intel.kevCveIds()];
  if (kevIds.length === 0) return NO_KEV;
  // The links as they stand (the CLI remaps first); a pending remap starts its job.
  deps.mapping.forRead(siteId);
  const fixes = deps.links.fixesOfCves(siteId, kevIds);
  if (fixes.length === 0) return NO_KEV;
  const kev = deps.intel.kev([...new Set(fixes.map((fix) => fix.cve))]);
  const facts = new Map<string, KevFixFacts>();
  for (const fix of fixes) {
    const entry = kev.get(fix.cve);
    if (!entry) continue;
    const key = `${fix.assetId}\n${fix.name}`;
    const known = facts.get(key);
    facts.set(key, known ? { dateAdded: entry.dateAdded < known.dateAdded ? entry.dateAdded : known.dateAdded, dueDate: entry.dueDate < known.dueDate ? entry.dueDate : known.dueDate } : { dateAdded: entry.dateAdded, dueDate: entry.dueDate });
  }
  const exposed = new Set(deps.assets(siteId).filter((asset) => asset.classification?.internetFacing === true).map((asset) => asset.id));
  const key = JSON.stringify([[...facts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)), [...exposed].sort((a, b) => a - b)]);
  return {
    factsFor: (fix) => facts.get(`${fix.assetId}\n${fix.name}`) ?? null,
    internetFacing: (assetId) => exposed.has(assetId),
    key,
  };
}
