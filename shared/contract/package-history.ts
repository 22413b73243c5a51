/**
 * Package history of one asset: what was installed at an instant, since when a package has been
 * installed, and what changed between two instants. Every answer says what it rests on (the
 * collection it was measured by) and answers "not measured" rather than an empty list where no
 * collection recorded the packages.
 */
import { z } from 'zod';
import { Id, IsoTimestamp } from './common';

/** The three questions the history answers. */
export const PackageHistoryRequest = z.discriminatedUnion('query', [
  z.object({ query: z.literal('installedAt'), assetId: Id, at: IsoTimestamp }),
  z.object({ query: z.literal('since'), assetId: Id, package: z.string().trim().min(1).max(300) }),
  z.object({ query: z.literal('changes'), assetId: Id, from: IsoTimestamp, to: IsoTimestamp }).refine((request) => Date.parse(request.from) <= Date.parse(request.to), { message: '"from" must not be after "to"', path: ['from'] }),
]);
export type PackageHistoryRequest = z.infer<typeof PackageHistoryRequest>;

/** No collection recorded the packages at the time asked: never collected, or asked about a time before history began. */
export const NotMeasured = z.object({
  measured: z.literal(false),
  reason: z.enum(['never_collected', 'before_history']),
  /** When the asset's package history begins, if it does. */
  historyStartsAt: IsoTimestamp.nullable(),
  message: z.string(),
});

/** Where an asset's package history begins and how far it reaches. */
export const HistorySpan = z.object({
  historyStartsAt: IsoTimestamp,
  /** History began from the snapshot kept before history existed: first-seen dates at that instant are not install dates. */
  startsWithBackfill: z.boolean(),
  lastConfirmedAt: IsoTimestamp,
});

/** One version interval of a package. */
export const PackageIntervalSchema = z.object({
  name: z.string(),
  arch: z.string(),
  version: z.string(),
  status: z.string(),
  firstSeenAt: IsoTimestamp,
  firstCollectionId: Id.nullable(),
  /** First seen in the backfill: installed at least since then, installed date unknown. */
  backfilled: z.boolean(),
  /** The last collection that still showed it (for an open interval: the asset's last confirmation). */
  lastConfirmedAt: IsoTimestamp,
  endedAt: IsoTimestamp.nullable(),
  endCollectionId: Id.nullable(),
  endReason: z.enum(['removed', 'replaced']).nullable(),
});
export type PackageInterval = z.infer<typeof PackageIntervalSchema>;

/** One change between two collections. */
export const PackageChangeSchema = z.object({
  at: IsoTimestamp,
  collectionId: Id.nullable(),
  name: z.string(),
  arch: z.string(),
  change: z.enum(['installed', 'removed', 'replaced']),
  from: z.object({ version: z.string(), status: z.string() }).nullable(),
  to: z.object({ version: z.string(), status: z.string() }).nullable(),
});

/** Not measured, or the answer to the question asked, with the span of history it rests on. */
export const PackageHistoryResponse = z.union([
  NotMeasured,
  z.object({
    measured: z.literal(true),
    query: z.literal('installedAt'),
    at: IsoTimestamp,
    span: HistorySpan,
    /** The collection the answer rests on: the last one at or before `at`. */
    asOf: z.object({ collectionId: Id.nullable(), collectedAt: IsoTimestamp }),
    packages: z.array(PackageIntervalSchema),
  }),
  z.object({ measured: z.literal(true), query: z.literal('since'), package: z.string(), span: HistorySpan, current: z.array(PackageIntervalSchema), intervals: z.array(PackageIntervalSchema) }),
  z.object({
    measured: z.literal(true),
    query: z.literal('changes'),
    span: HistorySpan,
    /** The part of the asked range history covers; earlier changes were not measured. */
    from: IsoTimestamp,
    to: IsoTimestamp,
    changes: z.array(PackageChangeSchema),
  }),
]);
export type PackageHistoryResponse = z.infer<typeof PackageHistoryResponse>;
