/**
 * Read-only SQL for compliance figures: the assets in scope, the missing fixes that overlap a
 * period, each asset's collection standing at an instant, and cheap fingerprints that tell the
 * compliance service when figures it computed before are still valid.
 *
 * Instants are compared as the ISO-8601 UTC text every collector stores (`toISOString()`), so
 * the text order is the time order. Callers that must be exact for other spellings widen the
 * bounds and filter again (the compliance service does, by a day).
 */
import type { CollectionErrorCode } from '../../../shared/contract/patch-status';
import { effectiveTier, type Tier } from '../../../shared/domain/risk-tier';
import type { PublicationBasis } from '../../../shared/domain/sla/clock-start';
import type { Db } from '../database';

/** An active asset as compliance sees it. */
export interface ScopeAssetRow {
  id: number;
  /** The hostname, else the first address. */
  name: string;
  address: string;
  /** The effective tier (override, else computed); null when unclassified. */
  tier: Tier | null;
  osName: string;
  osVersion: string;
  createdAt: string;
  /** The asset's first collection (by insertion order); null when never collected. */
  firstCollectedAt: string | null;
}

/** One missing fix (a pending_updates row) with what the SLA clock and exception scopes need. */
export interface FixRow {
  id: number;
  assetId: number;
  name: string;
  security: boolean | null;
  /** The source's severity text; empty when it gave none. */
  severity: string;
  readonly cves: string[];
  readonly advisories: string[];
  firstSeenAt: string;
  resolvedAt: string | null;
  /** The vendor's publication instant and how it was obtained; null when the source gave none. */
  publishedAt: string | null;
  publishedBasis: PublicationBasis | null;
}

/** One asset's collections as of an instant. */
export interface CollectionStanding {
  assetId: number;
  /** The latest collection at or before the instant. */
  latest: { at: string; outcome: 'ok' | 'failed'; errorCode: CollectionErrorCode | null; message: string };
  /** The latest successful one; null when none worked. */
  lastSuccessAt: string | null;
  /** The OS that successful collection reported; null when none worked. */
  os: { id: string; name: string; version: string; build: string } | null;
}

/** A failed collection. */
export interface FailureRow {
  assetId: number;
  at: string;
  errorCode: CollectionErrorCode | null;
  message: string;
}

/** Summaries that change whenever the assets or the exception register of a site change. */
export interface SiteFingerprint {
  assets: string;
  exceptions: string;
}

type FixSqlRow = [
  id: number,
  assetId: number,
  name: string,
  security: number | null,
  severity: string,
  firstSeenAt: string,
  resolvedAt: string | null,
  publishedAt: string | null,
  publishedBasis: PublicationBasis | null,
  cvesJson?: string,
  advisoriesJson?: string,
];

const FIX_COLUMNS = 'p.id, p.asset_id, p.name, p.security, p.severity, p.first_seen_at, p.resolved_at, p.published_at, p.published_basis';
const LIST_COLUMNS = ', p.cves_json, p.advisories_json';

// Two halves joined by UNION ALL: with an OR of "still open" and "resolved after", SQLite reads
// every row of every asset; apart, each half is a range on pending_updates_by_asset.
const fixesOverlappingSql = (columns: string) => `
  SELECT ${columns} FROM assets a JOIN pending_updates p ON p.asset_id = a.id
  WHERE a.site_id = @siteId AND a.status = 'active' AND (@assetId IS NULL OR a.id = @assetId) AND p.resolved_at IS NULL AND p.first_seen_at <= @to
  UNION ALL
  SELECT ${columns} FROM assets a JOIN pending_updates p ON p.asset_id = a.id
  WHERE a.site_id = @siteId AND a.status = 'active' AND (@assetId IS NULL OR a.id = @assetId) AND p.resolved_at > @from AND p.first_seen_at <= @to`;

/** Parses a JSON list column; many rows hold `[]`, which needs no parsing. */
function jsonList(text: string): string[] {
  return text === '[]' || text === '' ? [] : (JSON.parse(text) as string[]);
}

/**
 * A fix row. Its CVE and advisory lists are parsed on first use (most figures never read them),
 * and reading them from a row fetched without them is a bug that throws rather than a silent
 * "no CVEs".
 */
class StoredFix implements FixRow {
  readonly id: number;
  readonly assetId: number;
  readonly name: string;
  readonly security: boolean | null;
  readonly severity: string;
  readonly firstSeenAt: string;
  readonly resolvedAt: string | null;
  readonly publishedAt: string | null;
  readonly publishedBasis: PublicationBasis | null;
  private readonly cvesJson: string | undefined;
  private readonly advisoriesJson: string | undefined;
  private parsedCves: string[] | undefined;
  private parsedAdvisories: string[] | undefined;

  constructor(row: FixSqlRow) {
    this.id = row[0];
    this.assetId = row[1];
    this.name = row[2];
    this.security = row[3] === null ? null : row[3] === 1;
    this.severity = row[4];
    this.firstSeenAt = row[5];
    this.resolvedAt = row[6];
    this.publishedAt = row[7];
    this.publishedBasis = row[8];
    this.cvesJson = row[9];
    this.advisoriesJson = row[10];
  }

  get cves(): string[] {
    return (this.parsedCves ??= jsonList(this.listText(this.cvesJson)));
  }

  get advisories(): string[] {
    return (this.parsedAdvisories ??= jsonList(this.listText(this.advisoriesJson)));
  }

  private listText(text: string | undefined): string {
    if (text === undefined) throw new Error(`fix ${this.id} was read without its CVE and advisory lists; ask fixesOverlapping for them`);
    return text;
  }
}

/** Options of `fixesOverlapping`. */
export interface FixQueryOptions {
  /** One asset only. */
  assetId?: number | null;
  /** Also read the CVE and advisory lists (exception scopes by CVE, update or KB need them). Default true. */
  withLists?: boolean;
}

/** The OS object of a stored collection (`HostCollection.os`), every field a string. */
function osOf(json: string | null): CollectionStanding['os'] {
  const os = json ? (JSON.parse(json) as Partial<Record<'id' | 'name' | 'version' | 'build', unknown>>) : {};
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  return { id: text(os.id), name: text(os.name), version: text(os.version), build: text(os.build) };
}

/** How many collections' OS the repository keeps (a few per asset of every site). */
const SYSTEM_CACHE_SIZE = 100_000;

/** Read-only queries behind the compliance figures and the patch-status SLA counts. */
export class ComplianceRepository {
  private readonly systems = new Map<number, CollectionStanding['os']>();

  constructor(private readonly db: Db) {}

  /** The site's active assets, by id. */
  scopeAssets(siteId: number): ScopeAssetRow[] {
    return this.db
      .prepare<[number], { id: number; hostname: string; address: string | null; computed_tier: Tier | null; override_tier: Tier | null; os_name: string; os_version: string; created_at: string; first_collected_at: string | null }>(
        `SELECT a.id, a.hostname, a.computed_tier, a.override_tier, a.os_name, a.os_version, a.created_at,
           (SELECT address FROM asset_addresses WHERE asset_id = a.id ORDER BY position LIMIT 1) AS address,
           (SELECT collected_at FROM host_collections h WHERE h.asset_id = a.id ORDER BY h.id LIMIT 1) AS first_collected_at
         FROM assets a WHERE a.site_id = ? AND a.status = 'active' ORDER BY a.id`,
      )
      .all(siteId)
      .map((row) => ({
        id: row.id,
        name: row.hostname || row.address || `asset ${row.id}`,
        address: row.address ?? '',
        tier: effectiveTier(row.computed_tier, row.override_tier),
        osName: row.os_name,
        osVersion: row.os_version,
        createdAt: row.created_at,
        firstCollectedAt: row.first_collected_at,
      }));
  }

  /**
   * Missing fixes of the site's active assets (or of one of them) that were missing at some
   * instant of [from, to]: first seen at or before `to`, and still open or resolved after `from`.
   */
  fixesOverlapping(siteId: number, from: string, to: string, options: FixQueryOptions = {}): FixRow[] {
    return [...this.eachFixOverlapping(siteId, from, to, options)];
  }

  /**
   * The rows of `fixesOverlapping`, in the same order, one at a time: a caller that folds them
   * into figures holds one row at a time, not every row of a long window (407,000 rows at
   * 10,000 assets and twelve months). Run no other statement on this connection until the
   * iteration ends.
   */
  *eachFixOverlapping(siteId: number, from: string, to: string, options: FixQueryOptions = {}): Generator<FixRow, void, undefined> {
    const withLists = options.withLists ?? true;
    const rows = this.db
      .prepare<{ siteId: number; assetId: number | null; from: string; to: string }, FixSqlRow>(fixesOverlappingSql(withLists ? FIX_COLUMNS + LIST_COLUMNS : FIX_COLUMNS))
      .raw(true)
      .iterate({ siteId, assetId: options.assetId ?? null, from, to });
    for (const row of rows) yield new StoredFix(row);
  }

  /**
   * The asset and first-seen instant of each row `fixesOverlapping` would return, one at a time
   * and nothing else: enough to know since when each asset is known, at a fraction of the cost.
   */
  *eachFirstSeenOverlapping(siteId: number, from: string, to: string): Generator<[assetId: number, firstSeenAt: string], void, undefined> {
    yield* this.db
      .prepare<{ siteId: number; assetId: null; from: string; to: string }, [assetId: number, firstSeenAt: string]>(fixesOverlappingSql('p.asset_id, p.first_seen_at'))
      .raw(true)
      .iterate({ siteId, assetId: null, from, to });
  }

  /** Per active asset collected at or before `at`: its latest collection then, and its latest successful one with the OS it reported. */
  collectionStandings(siteId: number, at: string): Map<number, CollectionStanding> {
    const rows = this.db
      .prepare<{ siteId: number; at: string }, { asset_id: number; latest_at: string; outcome: 'ok' | 'failed'; error_code: CollectionErrorCode | null; error_message: string; ok_id: number | null; ok_at: string | null }>(
        `SELECT a.id AS asset_id, h.collected_at AS latest_at, h.outcome, h.error_code, h.error_message, ok.id AS ok_id, ok.collected_at AS ok_at
         FROM assets a
         JOIN host_collections h ON h.id = (SELECT id FROM host_collections WHERE asset_id = a.id AND collected_at <= @at ORDER BY id DESC LIMIT 1)
         LEFT JOIN host_collections ok ON ok.id = (
           SELECT id FROM host_collections WHERE asset_id = a.id AND outcome = 'ok' AND collected_at <= @at ORDER BY collected_at DESC, id DESC LIMIT 1)
         WHERE a.site_id = @siteId AND a.status = 'active'`,
      )
      .all({ siteId, at });
    const systems = this.systemsOf(rows.flatMap((row) => (row.ok_id === null ? [] : [row.ok_id])));
    return new Map(
      rows.map((row) => [
        row.asset_id,
        {
          assetId: row.asset_id,
          latest: { at: row.latest_at, outcome: row.outcome, errorCode: row.error_code, message: row.error_message },
          lastSuccessAt: row.ok_at,
          os: row.ok_id === null ? null : (systems.get(row.ok_id) ?? null),
        },
      ]),
    );
  }

  /**
   * The OS each successful collection reported. A stored collection never changes, so answers
   * are kept; only collections not seen before have their snapshot read.
   */
  private systemsOf(collectionIds: readonly number[]): Map<number, CollectionStanding['os']> {
    const missing = collectionIds.filter((id) => !this.systems.has(id));
    if (missing.length > 0) {
      if (this.systems.size + missing.length > SYSTEM_CACHE_SIZE) this.systems.clear();
      const rows = this.db
        .prepare<[string], { id: number; os_json: string | null }>("SELECT id, json_extract(data_json, '$.os') AS os_json FROM host_collections WHERE id IN (SELECT value FROM json_each(?))")
        .all(JSON.stringify(missing));
      for (const row of rows) this.systems.set(row.id, osOf(row.os_json));
    }
    return new Map(collectionIds.map((id) => [id, this.systems.get(id) ?? null]));
  }

  /**
   * Per active asset, the instants (ms) of its successful collections inside [from, to], oldest
   * first: what the measured rule needs at every trend point (see shared/domain/coverage.ts).
   */
  successesBetween(siteId: number, from: string, to: string): Map<number, number[]> {
    // Iterated: at 10,000 assets and a year of weekly collections, half a million rows.
    const rows = this.db
      .prepare<{ siteId: number; from: string; to: string }, [assetId: number, at: string]>(
        `SELECT h.asset_id, h.collected_at FROM assets a JOIN host_collections h ON h.asset_id = a.id
         WHERE a.site_id = @siteId AND a.status = 'active' AND h.outcome = 'ok' AND h.collected_at >= @from AND h.collected_at <= @to
         ORDER BY h.asset_id, h.collected_at`,
      )
      .raw(true)
      .iterate({ siteId, from, to });
    const out = new Map<number, number[]>();
    for (const [assetId, at] of rows) {
      const ms = Date.parse(at);
      if (Number.isNaN(ms)) continue;
      const list = out.get(assetId);
      if (list) list.push(ms);
      else out.set(assetId, [ms]);
    }
    return out;
  }

  /** Per active asset, its latest failed collection inside [from, to), newest first. */
  failuresBetween(siteId: number, from: string, to: string): FailureRow[] {
    return this.db
      .prepare<{ siteId: number; from: string; to: string }, { asset_id: number; collected_at: string; error_code: CollectionErrorCode | null; error_message: string }>(
        `SELECT h.asset_id, h.collected_at, h.error_code, h.error_message
         FROM assets a JOIN host_collections h ON h.id = (
           SELECT id FROM host_collections WHERE asset_id = a.id AND outcome = 'failed' AND collected_at >= @from AND collected_at < @to ORDER BY collected_at DESC, id DESC LIMIT 1)
         WHERE a.site_id = @siteId AND a.status = 'active'
         ORDER BY h.collected_at DESC, h.asset_id`,
      )
      .all({ siteId, from, to })
      .map((row) => ({ assetId: row.asset_id, at: row.collected_at, errorCode: row.error_code, message: row.error_message }));
  }

  /**
   * Summaries of the site's assets (any edit bumps an asset's version) and exception register
   * (entries are added, closed or renewed, never deleted); equal summaries mean nothing changed.
   */
  fingerprint(siteId: number): SiteFingerprint {
    const assets = this.db
      .prepare<[number], { n: number; versions: number | null; max_id: number | null }>('SELECT COUNT(*) AS n, SUM(version) AS versions, MAX(id) AS max_id FROM assets WHERE site_id = ?')
      .get(siteId);
    const exceptions = this.db
      .prepare<[number], { n: number; max_id: number | null; closed: number | null; renewed: number | null }>(
        'SELECT COUNT(*) AS n, MAX(id) AS max_id, SUM(closed_at IS NOT NULL) AS closed, SUM(renewed_by_id IS NOT NULL) AS renewed FROM exceptions WHERE site_id = ?',
      )
      .get(siteId);
    return {
      assets: `${assets?.n ?? 0}:${assets?.versions ?? 0}:${assets?.max_id ?? 0}`,
      exceptions: `${exceptions?.n ?? 0}:${exceptions?.max_id ?? 0}:${exceptions?.closed ?? 0}:${exceptions?.renewed ?? 0}`,
    };
  }

  /** How many missing-fix rows the site's active assets have, and how many are still open. */
  fixCounts(siteId: number): { total: number; open: number } {
    const row = this.db
      .prepare<[number], { total: number; open: number | null }>(
        "SELECT COUNT(*) AS total, SUM(p.resolved_at IS NULL) AS open FROM assets a JOIN pending_updates p ON p.asset_id = a.id WHERE a.site_id = ? AND a.status = 'active'",
      )
      .get(siteId);
    return { total: row?.total ?? 0, open: row?.open ?? 0 };
  }

  /** The newest collection id of the installation (0 when none): a watermark for `collectionsAfter`. */
  latestCollectionId(): number {
    return this.db.prepare<[], { max_id: number | null }>('SELECT MAX(id) AS max_id FROM host_collections').get()?.max_id ?? 0;
  }

  /**
   * The collections of the site's assets stored after `afterId`: the earliest instant they
   * describe (null when there are none) and the newest id. Missing fixes are only ever written
   * by collections, so figures for a time before `earliestAt` still hold.
   */
  collectionsAfter(siteId: number, afterId: number): { earliestAt: string | null; maxId: number } {
    const row = this.db
      .prepare<[number, number], { earliest: string | null; max_id: number | null }>(
        'SELECT MIN(h.collected_at) AS earliest, MAX(h.id) AS max_id FROM host_collections h JOIN assets a ON a.id = h.asset_id WHERE h.id > ? AND a.site_id = ?',
      )
      .get(afterId, siteId);
    return { earliestAt: row?.earliest ?? null, maxId: row?.max_id ?? afterId };
  }
}
