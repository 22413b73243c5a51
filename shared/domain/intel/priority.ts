/**
 * THE priority rule: which missing fix, and which asset, to work on first, and why. The UI, the
 * CLI and the evidence pack all show the reasons this returns, so they read the same words.
 *
 * The ordering is lexicographic, most important first:
 *   1. exploitation class: known exploited with known ransomware use; known exploited (CISA KEV);
 *      EPSS at or above `EPSS_LIKELY` (likely exploited within 30 days); CVSS critical (9.0+);
 *      any other fix with a CVE; a fix no feed says anything about;
 *   2. the asset's tier (1 first; an unclassified asset is held to the default tier);
 *   3. exposure: internet-facing before untrusted-reachable or privileged data, before internal;
 *   4. CISA's due date (earliest first; fixes without one after);
 *   5. EPSS score, then CVSS base score (highest first);
 *   6. the fix's name, so the order is total and stable.
 * Exploitation comes before business impact: a KEV fix on a tier-3 machine is a foothold being
 * used today, while a high-CVSS fix on a tier-1 machine may never be exploited.
 */
import type { ExposureLevel, Tier } from '../risk-tier';
import { DEFAULT_TIER } from '../sla/sla-rules';

/** EPSS score from which a vulnerability counts as likely to be exploited (the "EPSS above 0.5" filter). */
export const EPSS_LIKELY = 0.5;
/** CVSS base score from which a vulnerability is critical (CVSS v3/v4 qualitative scale). */
export const CVSS_CRITICAL = 9.0;

/** What CISA KEV says about one CVE. */
export interface KevFacts {
  /** `YYYY-MM-DD`. */
  dateAdded: string;
  /** `YYYY-MM-DD`. */
  dueDate: string;
  /** `Known`: used in ransomware campaigns; null when the catalogue does not say. */
  knownRansomware: boolean | null;
}

/** FIRST EPSS for one CVE. */
export interface EpssFacts {
  score: number;
  percentile: number | null;
  modelVersion: string | null;
  scoreDate: string | null;
}

/** A CVSS base score for one CVE, with who scored it (NVD, or the vendor). */
export interface CvssFacts {
  baseScore: number;
  severity: string;
  source: string;
  version: string | null;
}

/** Everything the feeds say about one CVE; null fields mean that feed has no record of it. */
export interface CveIntel {
  cve: string;
  kev: KevFacts | null;
  epss: EpssFacts | null;
  cvss: CvssFacts | null;
}

/** The exploitation classes, most urgent first. */
export const PRIORITY_CLASSES = ['kev_ransomware', 'kev', 'epss_likely', 'cvss_critical', 'has_cve', 'no_intel'] as const;
/** One of `PRIORITY_CLASSES`. */
export type PriorityClass = (typeof PRIORITY_CLASSES)[number];

/** The class labels, shown as the headline of "why this is first". */
export const PRIORITY_CLASS_LABELS: Record<PriorityClass, string> = {
  kev_ransomware: 'Known exploited, used by ransomware',
  kev: 'Known exploited',
  epss_likely: 'Likely to be exploited',
  cvss_critical: 'Critical severity',
  has_cve: 'Known vulnerability',
  no_intel: 'No vulnerability data',
};

/** One reason, as data: a code the UI can style and the sentence every surface prints. */
export interface PriorityReason {
  code: 'kev' | 'ransomware' | 'kev_due' | 'epss' | 'cvss' | 'tier' | 'exposure' | 'no_cve' | 'no_feed_data';
  text: string;
}

/** The asset a fix is missing on, as the rule needs it. */
export interface PriorityAsset {
  tier: Tier | null;
  /** Null when the asset has not been classified. */
  exposure: ExposureLevel | null;
}

/** A fix's place in the order and why. */
export interface FixPriority {
  class: PriorityClass;
  /** Compare with `comparePriority`; equal keys are equally urgent. */
  key: readonly (number | string)[];
  /** Why, most important first; the first is the headline. */
  reasons: PriorityReason[];
  /** Aggregates over the fix's CVEs, for tables and filters. */
  kev: boolean;
  knownRansomware: boolean;
  kevDueDate: string | null;
  epss: number | null;
  cvss: number | null;
}

const EXPOSURE_RANK: Record<ExposureLevel, number> = { high: 0, elevated: 1, limited: 2 };
const EXPOSURE_TEXT: Record<ExposureLevel, string> = {
  high: 'Internet-facing',
  elevated: 'Reachable from untrusted networks or holds privileged data',
  limited: 'Internal only',
};

/** `0.97567` as "0.976"; EPSS is a probability, three decimals tell the scores apart. */
function epssText(epss: EpssFacts): string {
  const percentile = epss.percentile === null ? '' : `, percentile ${formatPercentile(epss.percentile)}`;
  const model = epss.modelVersion ? `, model ${epss.modelVersion}` : '';
  return `EPSS ${epss.score.toFixed(3)}${percentile}${model}`;
}

/** A percentile as a percentage with one decimal, rounded down so 0.99995 never reads 100: "99.9". */
export function formatPercentile(percentile: number): string {
  return (Math.floor(percentile * 1000) / 10).toFixed(1);
}

/**
 * The priority of one missing fix on one asset, from what the feeds say about the CVEs it closes.
 * The fix takes its worst CVE on each measure (any KEV, earliest due date, highest EPSS and CVSS),
 * and the reasons name the CVE each figure came from.
 */
export function fixPriority(name: string, intel: readonly CveIntel[], asset: PriorityAsset): FixPriority {
  let kev: CveIntel | null = null;
  let ransomware: CveIntel | null = null;
  let epss: CveIntel | null = null;
  let cvss: CveIntel | null = null;
  for (const item of intel) {
    if (item.kev && (kev === null || item.kev.dueDate < (kev.kev?.dueDate ?? ''))) kev = item;
    if (item.kev?.knownRansomware && ransomware === null) ransomware = item;
    if (item.epss && (epss === null || item.epss.score > (epss.epss?.score ?? -1))) epss = item;
    if (item.cvss && (cvss === null || item.cvss.baseScore > (cvss.cvss?.baseScore ?? -1))) cvss = item;
  }
  const epssScore = epss?.epss?.score ?? null;
  const cvssScore = cvss?.cvss?.baseScore ?? null;
  const klass: PriorityClass = ransomware
    ? 'kev_ransomware'
    : kev
      ? 'kev'
      : epssScore !== null && epssScore >= EPSS_LIKELY
        ? 'epss_likely'
        : cvssScore !== null && cvssScore >= CVSS_CRITICAL
          ? 'cvss_critical'
          : intel.length > 0
            ? 'has_cve'
            : 'no_intel';

  const reasons: PriorityReason[] = [];
  if (kev?.kev) reasons.push({ code: 'kev', text: `${kev.cve} is known exploited (CISA KEV since ${kev.kev.dateAdded})` });
  if (ransomware) reasons.push({ code: 'ransomware', text: `${ransomware.cve} is used in ransomware campaigns` });
  if (kev?.kev) reasons.push({ code: 'kev_due', text: `CISA due date ${kev.kev.dueDate}` });
  if (epss?.epss) reasons.push({ code: 'epss', text: `${epss.cve}: ${epssText(epss.epss)}` });
  if (cvss?.cvss) reasons.push({ code: 'cvss', text: `${cvss.cve}: CVSS ${cvss.cvss.baseScore.toFixed(1)} ${cvss.cvss.severity.toLowerCase()} (${cvss.cvss.source})` });
  const tier = asset.tier ?? DEFAULT_TIER;
  reasons.push({ code: 'tier', text: asset.tier === null ? `Unclassified asset, held to tier ${DEFAULT_TIER}` : `Tier ${tier} asset` });
  if (asset.exposure !== null) reasons.push({ code: 'exposure', text: EXPOSURE_TEXT[asset.exposure] });
  if (intel.length === 0) reasons.push({ code: 'no_cve', text: 'No CVE mapped to this fix' });
  else if (!kev && !epss && !cvss) reasons.push({ code: 'no_feed_data', text: 'No imported feed has KEV, EPSS or CVSS data for its CVEs' });

  const key = [
    PRIORITY_CLASSES.indexOf(klass),
    tier,
    asset.exposure === null ? 1 : EXPOSURE_RANK[asset.exposure],
    kev?.kev?.dueDate ?? '9999-99-99',
    -(epssScore ?? -1),
    -(cvssScore ?? -1),
    name,
  ];
  return { class: klass, key, reasons, kev: kev !== null, knownRansomware: ransomware !== null, kevDueDate: kev?.kev?.dueDate ?? null, epss: epssScore, cvss: cvssScore };
}

/** Orders two priorities: negative when `a` comes first. */
export function comparePriority(a: { key: readonly (number | string)[] }, b: { key: readonly (number | string)[] }): number {
  const length = Math.min(a.key.length, b.key.length);
  for (let i = 0; i < length; i++) {
    const x = a.key[i] as number | string;
    const y = b.key[i] as number | string;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return a.key.length - b.key.length;
}

/** An asset's place in the order: its most urgent fix, and how many fixes are known exploited. */
export interface AssetPriority {
  top: FixPriority | null;
  kevFixes: number;
  reasons: PriorityReason[];
}

/** The priority of an asset: that of its most urgent fix, with the count of known-exploited fixes. */
export function assetPriority(fixes: readonly FixPriority[]): AssetPriority {
  let top: FixPriority | null = null;
  let kevFixes = 0;
  for (const fix of fixes) {
    if (fix.kev) kevFixes++;
    if (top === null || comparePriority(fix, top) < 0) top = fix;
  }
  const reasons = top ? [...top.reasons] : [];
  if (kevFixes > 1) reasons.unshift({ code: 'kev', text: `${kevFixes} missing fixes close known-exploited vulnerabilities` });
  return { top, kevFixes, reasons };
}
