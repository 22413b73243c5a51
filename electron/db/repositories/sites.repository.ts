/** SQL for sites and their patch policy. */
import type { Site, SiteContact } from '../../../shared/contract/sites';
import { withPolicyDefaults, type PatchPolicy } from '../../../shared/domain/patch-policy';
import type { Db } from '../database';

interface SiteRow {
  id: number;
  name: string;
  networks_json: string;
  timezone: string;
  contact_json: string;
  notes: string;
  created_at: string;
  updated_at: string;
  asset_count: number;
  unreviewed_count: number;
  stale_count: number;
  last_scan_at: string | null;
}

/** The stored fields of a site, as services write them. */
export interface SiteRecord {
  name: string;
  networks: string[];
  timezone: string;
  contact: SiteContact;
  notes: string;
}

const SELECT_SITES = `
  SELECT s.id, s.name, s.networks_json, s.timezone, s.contact_json, s.notes, s.created_at, s.updated_at,
    (SELECT COUNT(*) FROM assets a WHERE a.site_id = s.id AND a.status = 'active') AS asset_count,
    (SELECT COUNT(*) FROM assets a WHERE a.site_id = s.id AND a.status = 'unreviewed') AS unreviewed_count,
    (SELECT COUNT(*) FROM assets a WHERE a.site_id = s.id AND a.stale = 1 AND a.status IN ('active', 'unreviewed')) AS stale_count,
    (SELECT MAX(started_at) FROM scans sc WHERE sc.site_id = s.id) AS last_scan_at
  FROM sites s`;

export class SitesRepository {
  constructor(private readonly db: Db) {}

  /** All sites, by name. */
  list(): Site[] {
    return this.db.prepare<[], SiteRow>(`${SELECT_SITES} ORDER BY s.name`).all().map(toSite);
  }

  /** One site, or undefined. */
  get(id: number): Site | undefined {
    const row = this.db.prepare<[number], SiteRow>(`${SELECT_SITES} WHERE s.id = ?`).get(id);
    return row ? toSite(row) : undefined;
  }

  /** The site with this name (case-insensitive), or undefined. */
  findByName(name: string): Site | undefined {
    const row = this.db.prepare<[string], SiteRow>(`${SELECT_SITES} WHERE s.name = ? COLLATE NOCASE`).get(name);
    return row ? toSite(row) : undefined;
  }

  /** Inserts a site with its policy; returns its id. */
  insert(record: SiteRecord, policy: PatchPolicy, at: string): number {
    const result = this.db
      .prepare(
        `INSERT INTO sites (name, networks_json, timezone, contact_json, notes, policy_json, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(record.name, JSON.stringify(record.networks), record.timezone, JSON.stringify(record.contact), record.notes, JSON.stringify(policy), at, at);
    return Number(result.lastInsertRowid);
  }

  /** Replaces a site's editable fields. */
  update(id: number, record: SiteRecord, at: string): void {
    this.db
      .prepare('UPDATE sites SET name = ?, networks_json = ?, timezone = ?, contact_json = ?, notes = ?, updated_at = ? WHERE id = ?')
      .run(record.name, JSON.stringify(record.networks), record.timezone, JSON.stringify(record.contact), record.notes, at, id);
  }

  /** The site's patch policy, with defaults for fields it was stored without; undefined when the site does not exist. */
  getPolicy(id: number): PatchPolicy | undefined {
    const row = this.db.prepare<[number], { policy_json: string }>('SELECT policy_json FROM sites WHERE id = ?').get(id);
    return row ? withPolicyDefaults(JSON.parse(row.policy_json) as Partial<PatchPolicy>) : undefined;
  }

  /** Replaces the site's patch policy. */
  setPolicy(id: number, policy: PatchPolicy, at: string): void {
    this.db.prepare('UPDATE sites SET policy_json = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(policy), at, id);
  }
}

function toSite(row: SiteRow): Site {
  return {
    id: row.id,
    name: row.name,
    networks: JSON.parse(row.networks_json) as string[],
    timezone: row.timezone,
    contact: JSON.parse(row.contact_json) as SiteContact,
    notes: row.notes,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    assetCount: row.asset_count,
    unreviewedCount: row.unreviewed_count,
    staleCount: row.stale_count,
    lastScanAt: row.last_scan_at,
  };
}
