/**
 * SQL for patch status: collection runs, per-host collections, the installed-package snapshot,
 * missing updates with the date each was first seen missing, and pinned host keys.
 */
import type { CollectionErrorCode, CollectionRunSummary, HostCollection, HostKeyRecord, PendingUpdateData } from '../../../shared/contract/patch-status';
import { isInstant } from '../../../shared/domain/sla/local-time';
import type { Db } from '../database';

/** Update kinds that are missing fixes; new dependencies and removals are not. */
const FIX_KINDS = new Set<PendingUpdateData['kind']>(['upgrade', 'patch', 'firmware']);

/** The stable identity of a missing update on one host. */
export function updateKey(update: PendingUpdateData): string {
  return `${update.kind === 'patch' ? 'patch' : 'pkg'}:${update.name}:${update.arch ?? ''}`;
}

/** The latest collection of an asset, and its latest successful one. */
export interface LatestCollection {
  assetId: number;
  latestAt: string;
  latestOutcome: 'ok' | 'failed';
  errorCode: CollectionErrorCode | null;
  errorMessage: string;
  lastSuccessAt: string | null;
  data: Omit<HostCollection, 'installed'> | null;
}

/** An open (not yet resolved) missing update. */
export interface OpenPendingUpdate extends PendingUpdateData {
  firstSeenAt: string;
  lastSeenAt: string;
}

interface PendingRow {
  name: string;
  arch: string;
  kind: PendingUpdateData['kind'];
  installed_version: string | null;
  available_version: string;
  repository: string;
  security: number | null;
  severity: string;
  cves_json: string;
  advisories_json: string;
  first_seen_at: string;
  last_seen_at: string;
  published_at: string | null;
  published_basis: PendingUpdateData['publishedBasis'] | null;
}

export class PatchStatusRepository {
  constructor(private readonly db: Db) {}

  /** Opens a collection run. */
  startRun(siteId: number, hostsTotal: number, options: object, at: string): number {
    return Number(this.db.prepare("INSERT INTO collection_runs (site_id, status, started_at, hosts_total, options_json) VALUES (?, 'running', ?, ?, ?)").run(siteId, at, hostsTotal, JSON.stringify(options)).lastInsertRowid);
  }

  /** Closes a run with its counts. */
  finishRun(id: number, status: Exclude<CollectionRunSummary['status'], 'running'>, counts: { ok: number; failed: number }, at: string): void {
    this.db.prepare('UPDATE collection_runs SET status = ?, finished_at = ?, hosts_ok = ?, hosts_failed = ? WHERE id = ?').run(status, at, counts.ok, counts.failed, id);
  }

  /** One run. */
  getRun(id: number): CollectionRunSummary | undefined {
    return this.runs('WHERE id = ?', [id])[0];
  }

  /** A site's runs, newest first. */
  listRuns(siteId: number, limit = 50): CollectionRunSummary[] {
    return this.runs('WHERE site_id = ? ORDER BY id DESC LIMIT ?', [siteId, limit]);
  }

  /** Records a host that could not be collected. */
  recordFailure(assetId: number, runId: number | null, at: string, method: string, code: CollectionErrorCode, message: string): number {
    return Number(
      this.db
        .prepare("INSERT INTO host_collections (asset_id, run_id, collected_at, method, outcome, error_code, error_message) VALUES (?, ?, ?, ?, 'failed', ?, ?)")
        .run(assetId, runId, at, method, code, message).lastInsertRowid,
    );
  }

  /**
   * Stores a successful collection: the snapshot, the installed packages, and the missing
   * updates reconciled against the open ones (kept with their first-seen date, new ones opened,
   * gone ones resolved). A fix keeps the EARLIEST publication date any collection reported for it:
   * the row is one package, and a newer candidate published later does not make the host's
   * missing fix younger. Call inside a transaction.
   */
  recordSuccess(assetId: number, runId: number | null, collection: HostCollection): { collectionId: number; opened: number; resolved: number; pending: number; security: number } {
    const fixes = dedupe(collection.pending.filter((update) => FIX_KINDS.has(update.kind)));
    const security = fixes.filter((update) => update.security === true).length;
    const { installed, ...snapshot } = collection;
    const collectionId = Number(
      this.db
        .prepare("INSERT INTO host_collections (asset_id, run_id, collected_at, method, outcome, pending_count, security_count, data_json) VALUES (?, ?, ?, ?, 'ok', ?, ?, ?)")
        .run(assetId, runId, collection.collectedAt, collection.method, fixes.length, security, JSON.stringify(snapshot)).lastInsertRowid,
    );

    this.db.prepare('DELETE FROM installed_packages WHERE asset_id = ?').run(assetId);
    const insertPackage = this.db.prepare('INSERT OR IGNORE INTO installed_packages (asset_id, name, arch, version, source_name, source_version, status) VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (const item of installed) insertPackage.run(assetId, item.name, item.arch, item.version, item.sourceName ?? '', item.sourceVersion ?? '', item.status);

    const open = new Map(
      this.db
        .prepare<[number], { id: number; update_key: string; published_at: string | null; published_basis: PendingRow['published_basis'] }>('SELECT id, update_key, published_at, published_basis FROM pending_updates WHERE asset_id = ? AND resolved_at IS NULL')
        .all(assetId)
        .map((row) => [row.update_key, row]),
    );
    const refresh = this.db.prepare(
      'UPDATE pending_updates SET last_seen_at = ?, installed_version = ?, available_version = ?, repository = ?, security = ?, severity = ?, cves_json = ?, advisories_json = ?, published_at = ?, published_basis = ?, last_collection_id = ? WHERE id = ?',
    );
    const insert = this.db.prepare(
      `INSERT INTO pending_updates (asset_id, update_key, name, arch, kind, installed_version, available_version, repository, security, severity, cves_json, advisories_json, published_at, published_basis, first_seen_at, last_seen_at, first_collection_id, last_collection_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    let opened = 0;
    for (const update of fixes) {
      const key = updateKey(update);
      const security = update.security === null ? null : update.security ? 1 : 0;
      const existing = open.get(key);
      if (existing !== undefined) {
        const published = earlierPublication({ at: existing.published_at, basis: existing.published_basis }, publicationOf(update));
        refresh.run(collection.collectedAt, update.installedVersion, update.availableVersion, update.repository, security, update.severity ?? '', JSON.stringify(update.cves), JSON.stringify(update.advisories), published.at, published.basis, collectionId, existing.id);
        open.delete(key);
      } else {
        const published = publicationOf(update);
        insert.run(assetId, key, update.name, update.arch ?? '', update.kind, update.installedVersion, update.availableVersion, update.repository, security, update.severity ?? '', JSON.stringify(update.cves), JSON.stringify(update.advisories), published.at, published.basis, collection.collectedAt, collection.collectedAt, collectionId, collectionId);
        opened++;
      }
    }
    const resolve = this.db.prepare('UPDATE pending_updates SET resolved_at = ? WHERE id = ?');
    for (const row of open.values()) resolve.run(collection.collectedAt, row.id);
    return { collectionId, opened, resolved: open.size, pending: fixes.length, security };
  }

  /** The latest collection per asset of a site (or of one of its assets). */
  latestBySite(siteId: number, assetId: number | null = null): Map<number, LatestCollection> {
    // From each asset to its newest collection by index, rather than from every collection of
    // the site (a year of weekly runs at 1,000 assets is 50,000 rows); MAX(collected_at) of the
    // successful ones is a lookup in host_collections_by_outcome.
    const rows = this.db
      .prepare<[number, number | null, number | null], { asset_id: number; collected_at: string; outcome: 'ok' | 'failed'; error_code: CollectionErrorCode | null; error_message: string; last_success_at: string | null; data_json: string | null }>(
        `SELECT h.asset_id, h.collected_at, h.outcome, h.error_code, h.error_message,
           (SELECT MAX(collected_at) FROM host_collections ok WHERE ok.asset_id = a.id AND ok.outcome = 'ok') AS last_success_at,
           (SELECT data_json FROM host_collections ok WHERE ok.asset_id = a.id AND ok.outcome = 'ok' ORDER BY ok.id DESC LIMIT 1) AS data_json
         FROM assets a JOIN host_collections h ON h.id = (SELECT MAX(id) FROM host_collections WHERE asset_id = a.id)
         WHERE a.site_id = ? AND (? IS NULL OR a.id = ?)`,
      )
      .all(siteId, assetId, assetId);
    return new Map(
      rows.map((row) => [
        row.asset_id,
        {
          assetId: row.asset_id,
          latestAt: row.collected_at,
          latestOutcome: row.outcome,
          errorCode: row.error_code,
          errorMessage: row.error_message,
          lastSuccessAt: row.last_success_at,
          data: row.data_json ? (JSON.parse(row.data_json) as LatestCollection['data']) : null,
        },
      ]),
    );
  }

  /** The open missing updates of an asset, oldest first. */
  openPending(assetId: number): OpenPendingUpdate[] {
    return this.db
      .prepare<[number], PendingRow>('SELECT * FROM pending_updates WHERE asset_id = ? AND resolved_at IS NULL ORDER BY first_seen_at, name')
      .all(assetId)
      .map((row) => ({
        name: row.name,
        ...(row.arch ? { arch: row.arch } : {}),
        kind: row.kind,
        installedVersion: row.installed_version,
        availableVersion: row.available_version,
        repository: row.repository,
        security: row.security === null ? null : row.security === 1,
        ...(row.severity ? { severity: row.severity } : {}),
        cves: JSON.parse(row.cves_json) as string[],
        advisories: JSON.parse(row.advisories_json) as string[],
        ...(row.published_at && row.published_basis ? { publishedAt: row.published_at, publishedBasis: row.published_basis } : {}),
        firstSeenAt: row.first_seen_at,
        lastSeenAt: row.last_seen_at,
      }));
  }

  /**
   * Per asset of a site (or one of its assets): open missing updates and security ones. The
   * oldest security fix is not decided here: the SLA engine picks it from the raw dates (see
   * shared/domain/sla/oldest-fix.ts and SiteSlaClock.standings).
   */
  openPendingSummary(siteId: number, assetId: number | null = null): Map<number, { pending: number; security: number }> {
    const rows = this.db
      .prepare<{ siteId: number; assetId: number | null }, { asset_id: number; pending: number; security: number }>(
        `SELECT p.asset_id, COUNT(*) AS pending, SUM(CASE WHEN p.security = 1 THEN 1 ELSE 0 END) AS security
         FROM pending_updates p JOIN assets a ON a.id = p.asset_id
         WHERE a.site_id = @siteId AND (@assetId IS NULL OR a.id = @assetId) AND p.resolved_at IS NULL GROUP BY p.asset_id`,
      )
      .all({ siteId, assetId });
    return new Map(rows.map((row) => [row.asset_id, { pending: row.pending, security: row.security }]));
  }

  /** An asset's collections, newest first. */
  history(assetId: number, limit = 100) {
    return this.db
      .prepare<[number, number], { collected_at: string; run_id: number | null; outcome: 'ok' | 'failed'; pending_count: number; security_count: number; error_code: CollectionErrorCode | null; error_message: string }>(
        'SELECT collected_at, run_id, outcome, pending_count, security_count, error_code, error_message FROM host_collections WHERE asset_id = ? ORDER BY id DESC LIMIT ?',
      )
      .all(assetId, limit)
      .map((row) => ({ at: row.collected_at, runId: row.run_id, outcome: row.outcome, pendingCount: row.pending_count, securityCount: row.security_count, errorCode: row.error_code, message: row.error_message }));
  }

  /** An asset's installed packages from its latest successful collection. */
  installed(assetId: number) {
    return this.db
      .prepare<[number], { name: string; version: string; arch: string; source_name: string; source_version: string; status: string }>('SELECT name, version, arch, source_name, source_version, status FROM installed_packages WHERE asset_id = ? ORDER BY name')
      .all(assetId)
      .map((row) => ({ name: row.name, version: row.version, arch: row.arch, ...(row.source_name ? { sourceName: row.source_name } : {}), ...(row.source_version ? { sourceVersion: row.source_version } : {}), status: row.status }));
  }

  /** The key pinned for an endpoint of an asset. */
  pinnedKey(assetId: number, endpoint: string): { algorithm: string; fingerprint: string } | undefined {
    return this.db.prepare<[number, string], { algorithm: string; fingerprint: string }>("SELECT algorithm, fingerprint FROM host_keys WHERE asset_id = ? AND endpoint = ? AND state = 'pinned' ORDER BY id DESC LIMIT 1").get(assetId, endpoint);
  }

  /** Pins a key (first use, or an approved change). */
  pinKey(assetId: number, endpoint: string, algorithm: string, fingerprint: string, approvedBy: string, at: string): void {
    this.db.prepare("UPDATE host_keys SET state = 'replaced' WHERE asset_id = ? AND endpoint = ? AND state IN ('pinned', 'changed')").run(assetId, endpoint);
    this.db.prepare("INSERT INTO host_keys (asset_id, endpoint, algorithm, fingerprint, state, seen_at, approved_by, approved_at) VALUES (?, ?, ?, ?, 'pinned', ?, ?, ?)").run(assetId, endpoint, algorithm, fingerprint, at, approvedBy, at);
  }

  /** Records a changed key awaiting the admin's decision (once per distinct new key). */
  recordChangedKey(assetId: number, endpoint: string, algorithm: string, fingerprint: string, previous: string, at: string): void {
    const known = this.db.prepare<[number, string, string], { id: number }>("SELECT id FROM host_keys WHERE asset_id = ? AND endpoint = ? AND state = 'changed' AND fingerprint = ?").get(assetId, endpoint, fingerprint);
    if (known) {
      this.db.prepare('UPDATE host_keys SET seen_at = ? WHERE id = ?').run(at, known.id);
      return;
    }
    this.db.prepare("INSERT INTO host_keys (asset_id, endpoint, algorithm, fingerprint, state, previous_fingerprint, seen_at) VALUES (?, ?, ?, ?, 'changed', ?, ?)").run(assetId, endpoint, algorithm, fingerprint, previous, at);
  }

  /** The changed key waiting for approval on an asset's endpoint. */
  changedKey(assetId: number): { endpoint: string; algorithm: string; fingerprint: string } | undefined {
    return this.db.prepare<[number], { endpoint: string; algorithm: string; fingerprint: string }>("SELECT endpoint, algorithm, fingerprint FROM host_keys WHERE asset_id = ? AND state = 'changed' ORDER BY id DESC LIMIT 1").get(assetId);
  }

  /** Pinned and changed keys of a site's assets. */
  listKeys(siteId: number): HostKeyRecord[] {
    return this.db
      .prepare<[number], { asset_id: number; hostname: string; endpoint: string; algorithm: string; fingerprint: string; state: 'pinned' | 'changed'; previous_fingerprint: string | null; seen_at: string; approved_by: string }>(
        `SELECT k.asset_id, COALESCE(NULLIF(a.hostname, ''), '') AS hostname, k.endpoint, k.algorithm, k.fingerprint, k.state, k.previous_fingerprint, k.seen_at, k.approved_by
         FROM host_keys k JOIN assets a ON a.id = k.asset_id WHERE a.site_id = ? AND k.state IN ('pinned', 'changed') ORDER BY k.state, k.asset_id`,
      )
      .all(siteId)
      .map((row) => ({ assetId: row.asset_id, hostname: row.hostname, endpoint: row.endpoint, algorithm: row.algorithm, fingerprint: row.fingerprint, state: row.state, previousFingerprint: row.previous_fingerprint, seenAt: row.seen_at, approvedBy: row.approved_by }));
  }

  private runs(where: string, params: unknown[]): CollectionRunSummary[] {
    return this.db
      .prepare<unknown[], { id: number; site_id: number; status: CollectionRunSummary['status']; started_at: string; finished_at: string | null; hosts_total: number; hosts_ok: number; hosts_failed: number }>(`SELECT * FROM collection_runs ${where}`)
      .all(...params)
      .map((row) => ({ id: row.id, siteId: row.site_id, status: row.status, startedAt: row.started_at, finishedAt: row.finished_at, hostsTotal: row.hosts_total, hostsOk: row.hosts_ok, hostsFailed: row.hosts_failed }));
  }
}

/** One entry per update key; multi-arch duplicates and repeated lines collapse. */
function dedupe(updates: readonly PendingUpdateData[]): PendingUpdateData[] {
  const byKey = new Map<string, PendingUpdateData>();
  for (const update of updates) if (!byKey.has(updateKey(update))) byKey.set(updateKey(update), update);
  return [...byKey.values()];
}

type Publication = { at: string | null; basis: PendingUpdateData['publishedBasis'] | null };

/** A collected publication, only when it is a readable instant with its basis (never half of one). */
function publicationOf(update: PendingUpdateData): Publication {
  return update.publishedAt && update.publishedBasis && isInstant(update.publishedAt) ? { at: new Date(Date.parse(update.publishedAt)).toISOString(), basis: update.publishedBasis } : { at: null, basis: null };
}

/** The earlier of two publications (instants compared as times); a missing one never wins. */
function earlierPublication(kept: Publication, seen: Publication): Publication {
  if (kept.at === null || kept.basis === null) return seen;
  if (seen.at === null || seen.basis === null) return kept;
  return Date.parse(seen.at) < Date.parse(kept.at) ? seen : kept;
}
