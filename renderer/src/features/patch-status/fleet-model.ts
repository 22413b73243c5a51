import type { AssetPatchStatus, PatchState } from '../../../../shared/contract';
import type { SortState } from '../../components/data-grid/grid-types';
import { osLabel } from '../../../../shared/domain/os-label';

/** Which rows the fleet table shows: every bucket, or one (a tile was clicked). */
export type FleetFilter = PatchState | 'all';

/**
 * Every bucket a host is in. The host answers one `state` (the most urgent) but the tiles count
 * overlapping buckets, so a tile click must match the same overlap or its count and rows disagree.
 */
export function statesOf(row: AssetPatchStatus): PatchState[] {
  if (row.state === 'never_collected') return row.endOfLife?.unsupported ? ['never_collected', 'unsupported_os'] : ['never_collected'];
  const states = new Set<PatchState>([row.state]);
  if (row.endOfLife?.unsupported) states.add('unsupported_os');
  if (row.securityCount > 0) states.add('security_pending');
  if (row.rebootRequired === true) states.add('reboot_pending');
  if (row.pendingCount > 0) states.add('updates_pending');
  return [...states];
}

/** Counts per bucket from the rows, for when the answer's own counts are missing a key. */
export function countStates(rows: readonly AssetPatchStatus[]): Record<PatchState, number> {
  const counts: Record<PatchState, number> = { up_to_date: 0, updates_pending: 0, security_pending: 0, reboot_pending: 0, unreachable: 0, not_measured: 0, unsupported_os: 0, never_collected: 0 };
  for (const row of rows) for (const state of statesOf(row)) counts[state] += 1;
  return counts;
}

/** Rows in the bucket whose text matches the search (hostname, address, OS, error). */
export function filterFleet(rows: readonly AssetPatchStatus[], filter: FleetFilter, search: string, tagsOf: (assetId: number) => readonly string[] = () => []): AssetPatchStatus[] {
  const needle = search.trim().toLowerCase();
  return rows.filter((row) => {
    if (filter !== 'all' && !statesOf(row).includes(filter)) return false;
    if (!needle) return true;
    // "tier 1" and a tag find hosts too, so a deployment to a tier or a tag is a search and "select all" away.
    const haystack = [row.hostname, row.address, row.osName, row.osVersion, row.tier === null ? '' : `tier ${row.tier}`, ...tagsOf(row.assetId), row.lastError?.code ?? '', row.lastError?.message ?? ''].join(' ').toLowerCase();
    return haystack.includes(needle);
  });
}

/** Urgency rank of the primary state: the default sort puts what needs attention on top. */
const STATE_RANK: Record<PatchState, number> = { unreachable: 0, not_measured: 1, unsupported_os: 2, security_pending: 3, reboot_pending: 4, updates_pending: 5, never_collected: 6, up_to_date: 7 };

type SortValue = string | number | null;

function sortValue(row: AssetPatchStatus, column: string): SortValue {
  switch (column) {
    case 'hostname':
      return row.hostname.toLowerCase() || null;
    case 'address':
      return addressKey(row.address);
    case 'tier':
      return row.tier;
    case 'state':
      return STATE_RANK[row.state];
    case 'os':
      return osLabel(row.osName, row.osVersion).toLowerCase() || null;
    case 'pending':
      return row.lastSuccessAt === null ? null : row.pendingCount;
    case 'security':
      return row.lastSuccessAt === null ? null : row.securityCount;
    case 'oldest':
      return row.oldestSecurityAgeDays;
    case 'overdue':
      return row.state === 'never_collected' ? null : (row.overdue ?? null);
    case 'excepted':
      return row.state === 'never_collected' ? null : (row.excepted ?? null);
    case 'reboot':
      return row.rebootRequired === null ? null : row.rebootRequired ? 0 : 1;
    case 'lastSuccess':
      return row.lastSuccessAt;
    case 'lastError':
      return row.lastError?.code ?? null;
    default:
      return null;
  }
}

/** IPv4 addresses sort numerically; anything else after them, as text. */
function addressKey(address: string): string | null {
  if (!address) return null;
  const parts = address.split('.');
  if (parts.length === 4 && parts.every((part) => /^\d{1,3}$/.test(part))) return parts.map((part) => part.padStart(3, '0')).join('.');
  return `~${address.toLowerCase()}`;
}

/**
 * Sorts the fleet. Without a chosen column: most urgent state first, then oldest security fix,
 * then hostname. Empty values always go last, whichever the direction, so "never collected"
 * hosts do not crowd the top of a descending sort.
 */
export function sortFleet(rows: readonly AssetPatchStatus[], sort: SortState | null): AssetPatchStatus[] {
  const byName = (a: AssetPatchStatus, b: AssetPatchStatus) => a.hostname.localeCompare(b.hostname) || a.address.localeCompare(b.address) || a.assetId - b.assetId;
  if (!sort) {
    return [...rows].sort((a, b) => STATE_RANK[a.state] - STATE_RANK[b.state] || (b.oldestSecurityAgeDays ?? -1) - (a.oldestSecurityAgeDays ?? -1) || byName(a, b));
  }
  const direction = sort.direction === 'desc' ? -1 : 1;
  return [...rows].sort((a, b) => {
    const left = sortValue(a, sort.column);
    const right = sortValue(b, sort.column);
    if (left === null || right === null) return left === right ? byName(a, b) : left === null ? 1 : -1;
    const compared = typeof left === 'number' && typeof right === 'number' ? left - right : String(left).localeCompare(String(right));
    return compared * direction || byName(a, b);
  });
}
