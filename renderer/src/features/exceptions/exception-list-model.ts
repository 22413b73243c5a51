/**
 * Which register entries a tab shows and in what order. Open entries need a decision sooner or
 * later, so the ones that already stopped covering (expired) come first, then those ending
 * soonest; history is newest first.
 */
import type { ExceptionRecord } from '../../../../shared/contract';
import { DEFAULT_EXPIRING_SOON_DAYS, EXCEPTION_STATUSES, type ExceptionStatus } from '../../../../shared/domain/sla/exception-status';
import { DAY_MS } from '../../../../shared/domain/sla/local-time';
import type { ExceptionTab } from '../shell/route';
import { scopeSummary } from './exception-labels';

/** The register's two lists (kept in the route). */
export type { ExceptionTab };

/** Statuses that still need a decision: covering, about to, or lapsed without a decision. */
export const OPEN_STATUSES: readonly ExceptionStatus[] = ['expired', 'expiring_soon', 'active', 'scheduled'];

/** The Open list narrowed to one status, or not. */
export type OpenStatusFilter = 'all' | 'expired' | 'expiring_soon' | 'active' | 'scheduled';

/** Whether an entry belongs to the Open list (else it is history: closed or renewed). */
export function isOpen(record: Pick<ExceptionRecord, 'status'>): boolean {
  return OPEN_STATUSES.includes(record.status);
}

/** Entries per status, plus the size of each tab. */
export type ExceptionCounts = Record<ExceptionStatus, number> & { open: number; history: number };

/** Counts entries by status and by tab. */
export function countExceptions(records: readonly Pick<ExceptionRecord, 'status'>[]): ExceptionCounts {
  const counts = Object.fromEntries(EXCEPTION_STATUSES.map((status) => [status, 0])) as Record<ExceptionStatus, number>;
  for (const record of records) counts[record.status] += 1;
  const open = OPEN_STATUSES.reduce((sum, status) => sum + counts[status], 0);
  return { ...counts, open, history: records.length - open };
}

/** Whether an entry matches a free-text search over its scope, asset, people and reason. */
export function matchesSearch(record: ExceptionRecord, search: string): boolean {
  const needle = search.trim().toLowerCase();
  if (!needle) return true;
  const scope = scopeSummary(record);
  const haystack = [`#${record.id}`, scope.kind, scope.target, scope.where, record.assetName, record.owner, record.approver, record.reason, record.compensatingControls].join('\n').toLowerCase();
  return haystack.includes(needle);
}

const OPEN_RANK: Partial<Record<ExceptionStatus, number>> = { expired: 0, expiring_soon: 1, active: 2, scheduled: 3 };

/** Open entries: expired first (longest lapsed first), then by expiry, soonest first; scheduled last. */
export function compareOpen(a: ExceptionRecord, b: ExceptionRecord): number {
  const rank = (OPEN_RANK[a.status] ?? 9) - (OPEN_RANK[b.status] ?? 9);
  if (rank !== 0) return rank;
  const expiry = Date.parse(a.expiresAt) - Date.parse(b.expiresAt);
  return expiry !== 0 ? expiry : a.id - b.id;
}

/** When an entry left the open list: its closing, else its expiry (a renewed entry stops mattering then). */
function endedAt(record: ExceptionRecord): number {
  return Date.parse(record.closedAt ?? record.expiresAt);
}

/** History: the most recently ended first. */
export function compareHistory(a: ExceptionRecord, b: ExceptionRecord): number {
  const ended = endedAt(b) - endedAt(a);
  return ended !== 0 ? ended : b.id - a.id;
}

/** The rows of a tab, filtered and sorted. */
export function exceptionRows(records: readonly ExceptionRecord[], options: { tab: ExceptionTab; status?: OpenStatusFilter; search?: string }): ExceptionRecord[] {
  const status = options.tab === 'open' ? (options.status ?? 'all') : 'all';
  return records
    .filter((record) => (options.tab === 'open' ? isOpen(record) : !isOpen(record)))
    .filter((record) => status === 'all' || record.status === status)
    .filter((record) => matchesSearch(record, options.search ?? ''))
    .sort(options.tab === 'open' ? compareOpen : compareHistory);
}

/**
 * The renewal chain an entry belongs to, oldest first: every entry it renews and every entry
 * that renews it. A link to an entry missing from the list ends the chain there.
 */
export function renewalChain(records: readonly ExceptionRecord[], id: number): ExceptionRecord[] {
  const byId = new Map(records.map((record) => [record.id, record]));
  const start = byId.get(id);
  if (!start) return [];
  const chain = [start];
  const seen = new Set([start.id]);
  for (let current = start; current.renewsId !== null; ) {
    const previous = byId.get(current.renewsId);
    if (!previous || seen.has(previous.id)) break;
    chain.unshift(previous);
    seen.add(previous.id);
    current = previous;
  }
  for (let current = start; current.renewedById !== null; ) {
    const next = byId.get(current.renewedById);
    if (!next || seen.has(next.id)) break;
    chain.push(next);
    seen.add(next.id);
    current = next;
  }
  return chain;
}

/**
 * Whether a status the host computed has gone stale on the clock since: an entry that started,
 * reached its 14-day warning, or expired while the screen stayed open. The register is then read
 * again, so a lapse shows up without a reload.
 */
export function statusesOutdated(records: readonly ExceptionRecord[], nowMs: number, expiringSoonDays = DEFAULT_EXPIRING_SOON_DAYS): boolean {
  const soonMs = expiringSoonDays * DAY_MS;
  return records.some((record) => {
    const expiresMs = Date.parse(record.expiresAt);
    if (record.status === 'scheduled') return Date.parse(record.startsAt) <= nowMs;
    if (record.status === 'expiring_soon') return expiresMs <= nowMs;
    if (record.status === 'active') return expiresMs - nowMs <= soonMs;
    return false;
  });
}
