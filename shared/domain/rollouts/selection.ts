/**
 * What a plan takes of a host's pending updates beyond its kind (all, security, named packages):
 * only those of a severity or above, only those of named advisories, KBs or CVEs, or only those
 * that fix an emergency's trigger (the triage's answer, so the rollout and the triage screen
 * agree on "the fixing updates"). Pure: the service narrows with it, the CLI and screens describe it.
 */
import { parseEmergencyTrigger } from '../cycles/emergency-trigger';
import { SEVERITIES, type Severity } from '../patch-policy';
import { normaliseSeverity } from '../sla/severity';

/** The narrowing a plan's selection carries (none of it for named packages). */
export interface SelectionFilters {
  /** Only updates of this severity or above (as the SLA normalises the source's severity); null: any. */
  minSeverity: Severity | null;
  /** Only updates belonging to one of these advisories, KBs or CVEs; empty: any. */
  advisories: readonly string[];
  /** Only updates that fix this CVE, KB or advisory on the host, as triage finds them; null: any. */
  fixes: string | null;
}

/** A pending update as the narrowing reads it. */
export interface PendingForSelection {
  name: string;
  severity?: string;
  security: boolean | null;
  cves: readonly string[];
  advisories: readonly string[];
}

/** An id as compared: a CVE or KB in its one spelling, an advisory case-insensitively. */
export function advisoryKey(text: string): string {
  return (parseEmergencyTrigger(text)?.ref ?? text.trim()).toUpperCase();
}

/**
 * The updates the filters keep. `fixing` is the names of the host's updates that fix
 * `filters.fixes` (from triage); a host triage finds nothing for keeps nothing.
 */
export function narrowPending<T extends PendingForSelection>(filters: SelectionFilters, pending: readonly T[], fixing: ReadonlySet<string> | null): T[] {
  const wanted = new Set(filters.advisories.map(advisoryKey));
  const floor = filters.minSeverity === null ? null : SEVERITIES.indexOf(filters.minSeverity);
  return pending.filter((update) => {
    if (floor !== null && SEVERITIES.indexOf(normaliseSeverity({ severity: update.severity ?? null, security: update.security }).severity) > floor) return false;
    if (wanted.size > 0 && ![...update.advisories, ...update.cves].some((id) => wanted.has(advisoryKey(id)))) return false;
    if (filters.fixes !== null && !(fixing ?? new Set<string>()).has(update.name)) return false;
    return true;
  });
}

/** What triage says of one asset, as far as the fixing updates go (a `TriageResult` asset fits). */
export interface TriageAssetFixes {
  assetId: number;
  state: string;
  packages: readonly { update: { name: string } | null }[];
}

/** The names of the pending updates that fix the triaged id, per affected asset (those with a fix pending). */
export function fixingUpdatesByAsset(assets: readonly TriageAssetFixes[]): Map<number, Set<string>> {
  const byAsset = new Map<number, Set<string>>();
  for (const asset of assets) {
    if (asset.state !== 'fix_pending') continue;
    const names = new Set(asset.packages.flatMap((item) => (item.update ? [item.update.name] : [])));
    if (names.size > 0) byAsset.set(asset.assetId, names);
  }
  return byAsset;
}

/** The selection in words (`security updates of high severity or above, in DSA-5800-1`). */
export function describeSelection(selection: { kind: 'all' | 'security' | 'packages'; packages: readonly string[]; kbs?: readonly string[] } & Partial<SelectionFilters>): string {
  if (selection.kind === 'packages') {
    const kbs = selection.kbs ?? [];
    return [selection.packages.length > 0 ? `packages ${selection.packages.join(', ')}` : '', kbs.length > 0 ? `Windows updates ${kbs.join(', ')}` : ''].filter(Boolean).join(', ');
  }
  const parts = [selection.kind === 'security' ? 'security updates' : 'pending updates'];
  if (selection.minSeverity) parts.push(selection.minSeverity === 'low' ? 'of any severity' : `of ${selection.minSeverity} severity${selection.minSeverity === 'critical' ? '' : ' or above'}`);
  if (selection.advisories && selection.advisories.length > 0) parts.push(`in ${selection.advisories.join(', ')}`);
  if (selection.fixes) parts.push(`that fix ${selection.fixes}`);
  return parts.join(' ');
}
