/** SQL for inventory assets and their addresses. */
import type { Asset, AssetStatus } from '../../../shared/contract/assets';
import { effectiveTier, type Tier } from '../../../shared/domain/risk-tier';
import { hostnameKey, type MatchCandidate } from '../../../shared/domain/asset-matching';
import type Database from 'better-sqlite3';
import type { Db } from '../database';

/** An asset as services write it: everything but the id and the derived fields. */
export type AssetRecord = Omit<Asset, 'id' | 'tier' | 'version'>;

interface AssetRow {
  id: number;
  site_id: number;
  hostname: string;
  mac: string;
  os_family: Asset['osFamily'];
  os_name: string;
  os_version: string;
  device_type: Asset['deviceType'];
  role: string;
  owner: string;
  department: string;
  location: string;
  tags_json: string;
  access_json: string;
  notes: string;
  status: AssetStatus;
  source: Asset['source'];
  stale: number;
  missed_scans: number;
  first_seen_at: string | null;
  last_seen_at: string | null;
  open_ports_json: string;
  evidence_json: string;
  classification_json: string | null;
  computed_tier: Tier | null;
  override_tier: Tier | null;
  override_reason: string;
  override_by: string;
  override_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
  addresses_json: string;
}

const SELECT_ASSETS = `
  SELECT a.*,
    (SELECT json_group_array(address) FROM (SELECT address FROM asset_addresses WHERE asset_id = a.id ORDER BY position)) AS addresses_json
  FROM assets a`;

const COLUMNS = `site_id, hostname, hostname_key, mac, os_family, os_name, os_version, device_type, role, owner, department, location,
  tags_json, access_json, notes, status, source, stale, missed_scans, first_seen_at, last_seen_at, open_ports_json, evidence_json,
  classification_json, computed_tier, override_tier, override_reason, override_by, override_at, created_at, updated_at`;

const PARAMS = `@siteId, @hostname, @hostnameKey, @mac, @osFamily, @osName, @osVersion, @deviceType, @role, @owner, @department, @location,
  @tagsJson, @accessJson, @notes, @status, @source, @stale, @missedScans, @firstSeenAt, @lastSeenAt, @openPortsJson, @evidenceJson,
  @classificationJson, @computedTier, @overrideTier, @overrideReason, @overrideBy, @overrideAt, @createdAt, @updatedAt`;

export class AssetsRepository {
  private readonly insertStatement;
  private readonly updateStatement;
  private readonly deleteAddresses;
  private readonly insertAddress;
  private readonly getStatement;
  private readonly candidateStatements = new Map<number, Database.Statement<unknown[], { id: number; mac: string; hostname_key: string; addresses_json: string }>>();

  constructor(private readonly db: Db) {
    this.insertStatement = db.prepare(`INSERT INTO assets (${COLUMNS}) VALUES (${PARAMS})`);
    const assignments = COLUMNS.split(',')
      .map((column) => column.trim())
      .filter((column) => column !== 'site_id' && column !== 'created_at')
      .map((column) => `${column} = @${camel(column)}`)
      .join(', ');
    this.updateStatement = db.prepare(`UPDATE assets SET ${assignments}, version = version + 1 WHERE id = @id AND version = @version`);
    this.deleteAddresses = db.prepare('DELETE FROM asset_addresses WHERE asset_id = ?');
    this.insertAddress = db.prepare('INSERT OR IGNORE INTO asset_addresses (asset_id, site_id, address, position) VALUES (?, ?, ?, ?)');
    this.getStatement = db.prepare<[number], AssetRow>(`${SELECT_ASSETS} WHERE a.id = ?`);
  }

  /** Assets of a site, optionally only some statuses, ordered by hostname then id. */
  list(siteId: number, statuses?: readonly AssetStatus[]): Asset[] {
    if (statuses && statuses.length > 0) {
      const placeholders = statuses.map(() => '?').join(', ');
      return this.db
        .prepare<unknown[], AssetRow>(`${SELECT_ASSETS} WHERE a.site_id = ? AND a.status IN (${placeholders}) ORDER BY a.hostname_key, a.id`)
        .all(siteId, ...statuses)
        .map(toAsset);
    }
    return this.db.prepare<[number], AssetRow>(`${SELECT_ASSETS} WHERE a.site_id = ? ORDER BY a.hostname_key, a.id`).all(siteId).map(toAsset);
  }

  /** One asset, or undefined. */
  get(id: number): Asset | undefined {
    const row = this.getStatement.get(id);
    return row ? toAsset(row) : undefined;
  }

  /** Inserts an asset with its addresses; returns its id. */
  insert(record: AssetRecord): number {
    const id = Number(this.insertStatement.run(toParams(record)).lastInsertRowid);
    this.writeAddresses(id, record.siteId, record.addresses);
    return id;
  }

  /**
   * Writes every field of an asset if it is still at `version`; returns false when someone else
   * changed it meanwhile (optimistic concurrency).
   */
  update(id: number, version: number, record: AssetRecord): boolean {
    const result = this.updateStatement.run({ ...toParams(record), id, version });
    if (result.changes === 0) return false;
    this.writeAddresses(id, record.siteId, record.addresses);
    return true;
  }

  /**
   * Assets of a site that could be the same machine as an observation: same MAC, same short
   * hostname, or a shared address. Retired assets are history and never match. Three indexed
   * lookups joined by UNION: an OR across columns would make SQLite scan the whole table.
   */
  findCandidates(siteId: number, identity: { mac: string; hostname: string; addresses: readonly string[] }): MatchCandidate[] {
    const addresses = identity.addresses.length > 0 ? identity.addresses : [''];
    const rows = this.candidateStatement(addresses.length).all(siteId, identity.mac, siteId, hostnameKey(identity.hostname), siteId, ...addresses);
    return rows.map((row) => ({ id: row.id, mac: row.mac, hostnameKey: row.hostname_key, addresses: JSON.parse(row.addresses_json) as string[] }));
  }

  private candidateStatement(addressCount: number) {
    let statement = this.candidateStatements.get(addressCount);
    if (!statement) {
      const placeholders = Array.from({ length: addressCount }, () => '?').join(', ');
      statement = this.db.prepare<unknown[], { id: number; mac: string; hostname_key: string; addresses_json: string }>(
        `SELECT a.id, a.mac, a.hostname_key,
           (SELECT json_group_array(address) FROM asset_addresses WHERE asset_id = a.id) AS addresses_json
         FROM assets a
         WHERE a.status <> 'retired' AND a.id IN (
           SELECT id FROM assets WHERE site_id = ? AND mac = ? AND mac <> ''
           UNION SELECT id FROM assets WHERE site_id = ? AND hostname_key = ? AND hostname_key <> ''
           UNION SELECT asset_id FROM asset_addresses WHERE site_id = ? AND address IN (${placeholders}))
         ORDER BY a.id`,
      );
      this.candidateStatements.set(addressCount, statement);
    }
    return statement;
  }

  /** Assets of a site that a completed scan should have seen: active or unreviewed, with addresses. */
  listScanCoverage(siteId: number): { id: number; addresses: string[]; missedScans: number; stale: boolean }[] {
    return this.db
      .prepare<[number], { id: number; missed_scans: number; stale: number; addresses_json: string }>(
        `SELECT a.id, a.missed_scans, a.stale,
           (SELECT json_group_array(address) FROM asset_addresses WHERE asset_id = a.id) AS addresses_json
         FROM assets a WHERE a.site_id = ? AND a.status IN ('active', 'unreviewed')`,
      )
      .all(siteId)
      .map((row) => ({ id: row.id, addresses: JSON.parse(row.addresses_json) as string[], missedScans: row.missed_scans, stale: row.stale === 1 }));
  }

  /** Records one more missed scan; returns whether the asset became stale with it. */
  recordMissedScan(id: number, staleAfter: number, at: string): boolean {
    const row = this.db
      .prepare<[number, string, number, number], { stale: number; became: number }>(
        `UPDATE assets SET missed_scans = missed_scans + 1,
           stale = CASE WHEN missed_scans + 1 >= ? THEN 1 ELSE stale END, updated_at = ?
         WHERE id = ? RETURNING stale, (stale = 1 AND missed_scans = ?) AS became`,
      )
      .get(staleAfter, at, id, staleAfter);
    return row?.became === 1;
  }

  private writeAddresses(id: number, siteId: number, addresses: readonly string[]): void {
    this.deleteAddresses.run(id);
    addresses.forEach((address, position) => this.insertAddress.run(id, siteId, address, position));
  }
}

function camel(column: string): string {
  const mapped: Record<string, string> = { tags_json: 'tagsJson', access_json: 'accessJson', open_ports_json: 'openPortsJson', evidence_json: 'evidenceJson', classification_json: 'classificationJson' };
  return mapped[column] ?? column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

function toParams(record: AssetRecord): Record<string, unknown> {
  return {
    siteId: record.siteId,
    hostname: record.hostname,
    hostnameKey: hostnameKey(record.hostname),
    mac: record.mac,
    osFamily: record.osFamily,
    osName: record.osName,
    osVersion: record.osVersion,
    deviceType: record.deviceType,
    role: record.role,
    owner: record.owner,
    department: record.department,
    location: record.location,
    tagsJson: JSON.stringify(record.tags),
    accessJson: JSON.stringify(record.access),
    notes: record.notes,
    status: record.status,
    source: record.source,
    stale: record.stale ? 1 : 0,
    missedScans: record.missedScans,
    firstSeenAt: record.firstSeenAt,
    lastSeenAt: record.lastSeenAt,
    openPortsJson: JSON.stringify(record.openPorts),
    evidenceJson: JSON.stringify(record.evidence),
    classificationJson: record.classification ? JSON.stringify(record.classification) : null,
    computedTier: record.computedTier,
    overrideTier: record.tierOverride?.tier ?? null,
    overrideReason: record.tierOverride?.reason ?? '',
    overrideBy: record.tierOverride?.by ?? '',
    overrideAt: record.tierOverride?.at ?? null,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

function toAsset(row: AssetRow): Asset {
  const tierOverride =
    row.override_tier !== null ? { tier: row.override_tier, reason: row.override_reason, by: row.override_by, at: row.override_at ?? row.updated_at } : null;
  return {
    id: row.id,
    siteId: row.site_id,
    hostname: row.hostname,
    addresses: JSON.parse(row.addresses_json) as string[],
    mac: row.mac,
    osFamily: row.os_family,
    osName: row.os_name,
    osVersion: row.os_version,
    deviceType: row.device_type,
    role: row.role,
    owner: row.owner,
    department: row.department,
    location: row.location,
    tags: JSON.parse(row.tags_json) as string[],
    access: JSON.parse(row.access_json) as Asset['access'],
    notes: row.notes,
    status: row.status,
    source: row.source,
    stale: row.stale === 1,
    missedScans: row.missed_scans,
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
    openPorts: JSON.parse(row.open_ports_json) as Asset['openPorts'],
    evidence: JSON.parse(row.evidence_json) as Asset['evidence'],
    classification: row.classification_json ? (JSON.parse(row.classification_json) as Asset['classification']) : null,
    computedTier: row.computed_tier,
    tierOverride,
    tier: effectiveTier(row.computed_tier, row.override_tier),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}
