/**
 * Package history of an asset: what was installed at an instant (or before a rollout started),
 * since when a package has been installed, and what changed between two instants. Answers are
 * honest about coverage: before the asset's history begins they are "not measured", never an
 * empty list that would read as "nothing installed".
 */
import type { PackageHistoryRequest, PackageHistoryResponse, PackageInterval } from '../../../shared/contract/package-history';
import type { MeasuredSpan, PackageHistoryRepository, PackageInterval as StoredInterval } from '../../db/repositories/package-history.repository';
import type { InventoryService } from '../inventory/inventory.service';

/** What the package-history service reads: the history and the inventory (to refuse unknown assets). */
export interface PackageHistoryDeps {
  packageHistory: PackageHistoryRepository;
  inventory: InventoryService;
}

type NotMeasured = Extract<PackageHistoryResponse, { measured: false }>;
type Span = Extract<PackageHistoryResponse, { measured: true }>['span'];

/** Answers the three history questions for one asset; reads only, history is written by the collection store. */
export class PackageHistoryService {
  constructor(private readonly deps: PackageHistoryDeps) {}

  /** Answers one contract request. */
  query(request: PackageHistoryRequest): PackageHistoryResponse {
    switch (request.query) {
      case 'installedAt':
        return this.installedAt(request.assetId, request.at);
      case 'since':
        return this.since(request.assetId, request.package);
      case 'changes':
        return this.changes(request.assetId, request.from, request.to);
    }
  }

  /** What the asset had installed at an instant, as its last collection at or before then measured it. */
  installedAt(assetId: number, at: string): PackageHistoryResponse {
    const span = this.spanOf(assetId);
    const instant = normalize(at);
    if (!span) return this.neverCollected(assetId);
    if (instant < span.firstMeasuredAt) return beforeHistory(span, `no collection recorded the packages at ${instant}`);
    const before = instant >= span.lastConfirmedAt ? undefined : this.deps.packageHistory.collectionAtOrBefore(assetId, instant);
    const asOf =
      instant >= span.lastConfirmedAt ? { collectionId: span.lastConfirmedCollectionId, collectedAt: span.lastConfirmedAt }
      : before && before.collectedAt >= span.firstMeasuredAt ? { collectionId: before.id, collectedAt: before.collectedAt }
      : { collectionId: span.firstCollectionId, collectedAt: span.firstMeasuredAt };
    return {
      measured: true,
      query: 'installedAt',
      at: instant,
      span: spanView(span),
      asOf,
      packages: this.deps.packageHistory.openAt(assetId, instant).map((interval) => intervalView(interval, span)),
    };
  }

  /** What was installed just before an instant (a rollout's start): the same answer as {@link installedAt} one millisecond earlier. */
  installedBefore(assetId: number, instant: string): PackageHistoryResponse {
    return this.installedAt(assetId, new Date(Date.parse(instant) - 1).toISOString());
  }

  /** Every version interval of a package on the asset, and the ones open now. */
  since(assetId: number, name: string): PackageHistoryResponse {
    const span = this.spanOf(assetId);
    if (!span) return this.neverCollected(assetId);
    const intervals = this.deps.packageHistory.ofPackage(assetId, name).map((interval) => intervalView(interval, span));
    return { measured: true, query: 'since', package: name, span: spanView(span), current: intervals.filter((interval) => interval.endedAt === null), intervals };
  }

  /** What changed in (from, to], clipped to the part history covers. */
  changes(assetId: number, from: string, to: string): PackageHistoryResponse {
    const span = this.spanOf(assetId);
    if (!span) return this.neverCollected(assetId);
    const end = normalize(to);
    if (end < span.firstMeasuredAt) return beforeHistory(span, `the range ends before the first collection that recorded packages`);
    const start = normalize(from) < span.firstMeasuredAt ? span.firstMeasuredAt : normalize(from);
    const { started, ended } = this.deps.packageHistory.changedBetween(assetId, start, end);
    // Several versions of one name and arch can start at one collection (rpm kernels): a list per key.
    const startedBy = new Map<string, StoredInterval[]>();
    for (const interval of started) startedBy.set(changeKey(interval.firstSeenAt, interval), [...(startedBy.get(changeKey(interval.firstSeenAt, interval)) ?? []), interval]);
    const changes: Extract<PackageHistoryResponse, { query: 'changes' }>['changes'] = [];
    for (const gone of ended) {
      const at = gone.endedAt ?? end;
      const replacement = startedBy.get(changeKey(at, gone))?.shift();
      changes.push({ at, collectionId: gone.endCollectionId, name: gone.name, arch: gone.arch, change: replacement ? 'replaced' : 'removed', from: { version: gone.version, status: gone.status }, to: replacement ? { version: replacement.version, status: replacement.status } : null });
    }
    for (const added of [...startedBy.values()].flat()) changes.push({ at: added.firstSeenAt, collectionId: added.firstCollectionId, name: added.name, arch: added.arch, change: 'installed', from: null, to: { version: added.version, status: added.status } });
    changes.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : a.arch.localeCompare(b.arch)));
    return { measured: true, query: 'changes', span: spanView(span), from: start, to: end, changes };
  }

  private spanOf(assetId: number): MeasuredSpan | undefined {
    // Refuses an unknown asset with a clear not_found rather than answering "never collected".
    this.deps.inventory.get(assetId);
    return this.deps.packageHistory.span(assetId);
  }

  private neverCollected(assetId: number): NotMeasured {
    return { measured: false, reason: 'never_collected', historyStartsAt: null, message: `no successful collection of asset ${assetId} has recorded its packages yet` };
  }
}

/** An instant as toISOString() writes it, the form history stores and compares. */
function normalize(instant: string): string {
  return new Date(Date.parse(instant)).toISOString();
}

function beforeHistory(span: MeasuredSpan, what: string): NotMeasured {
  const start = span.backfilled ? `${span.firstMeasuredAt} (the snapshot kept when package history began)` : span.firstMeasuredAt;
  return { measured: false, reason: 'before_history', historyStartsAt: span.firstMeasuredAt, message: `${what}; this asset's package history starts at ${start}` };
}

function spanView(span: MeasuredSpan): Span {
  return { historyStartsAt: span.firstMeasuredAt, startsWithBackfill: span.backfilled, lastConfirmedAt: span.lastConfirmedAt };
}

/** An open interval's last confirmation is the asset's. */
function intervalView(interval: StoredInterval, span: MeasuredSpan): PackageInterval {
  return {
    name: interval.name,
    arch: interval.arch,
    version: interval.version,
    status: interval.status,
    firstSeenAt: interval.firstSeenAt,
    firstCollectionId: interval.firstCollectionId,
    backfilled: interval.backfilled,
    lastConfirmedAt: interval.lastConfirmedAt ?? span.lastConfirmedAt,
    endedAt: interval.endedAt,
    endCollectionId: interval.endCollectionId,
    endReason: interval.endReason,
  };
}

const changeKey = (at: string, item: { name: string; arch: string }): string => `${at}\u0000${item.name}\u0000${item.arch}`;
