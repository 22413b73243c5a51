/** SQL for discovery scans and the hosts each one found. */
import type { DiscoveredHost, ScanOptions, ScanStatus, ScanSummary } from '../../../shared/contract/discovery';
import type { Db } from '../database';

interface ScanRow {
  id: number;
  site_id: number;
  targets_json: string;
  ports_json: string;
  status: ScanStatus;
  started_at: string;
  finished_at: string | null;
  total_addresses: number;
  probed_addresses: number;
  live_hosts: number;
  new_hosts: number;
  stale_marked: number;
  error: string;
}

/** Counters a running or finished scan reports. */
export interface ScanCounters {
  probedAddresses: number;
  liveHosts: number;
  newHosts: number;
  staleMarked: number;
}

export class ScansRepository {
  constructor(private readonly db: Db) {}

  /** Records a scan as running; returns its id. The SNMP community is never stored. */
  start(siteId: number, targets: string[], options: ScanOptions, totalAddresses: number, at: string): number {
    const { snmpCommunity, ...storable } = options;
    const stored = { ...storable, snmp: snmpCommunity !== undefined && snmpCommunity !== '' };
    const result = this.db
      .prepare('INSERT INTO scans (site_id, targets_json, ports_json, options_json, status, started_at, total_addresses) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(siteId, JSON.stringify(targets), JSON.stringify(options.ports), JSON.stringify(stored), 'running', at, totalAddresses);
    return Number(result.lastInsertRowid);
  }

  /** Saves progress counters of a running scan. */
  saveProgress(id: number, counters: ScanCounters): void {
    this.db
      .prepare('UPDATE scans SET probed_addresses = ?, live_hosts = ?, new_hosts = ?, stale_marked = ? WHERE id = ?')
      .run(counters.probedAddresses, counters.liveHosts, counters.newHosts, counters.staleMarked, id);
  }

  /** Closes a scan with its final status. */
  finish(id: number, status: Exclude<ScanStatus, 'running'>, counters: ScanCounters, at: string, error = ''): void {
    this.saveProgress(id, counters);
    this.db.prepare('UPDATE scans SET status = ?, finished_at = ?, error = ? WHERE id = ?').run(status, at, error, id);
  }

  /** Records one live host of a scan and the asset it was merged into. */
  recordHost(scanId: number, host: DiscoveredHost, assetId: number): void {
    this.db.prepare('INSERT OR REPLACE INTO scan_hosts (scan_id, address, asset_id, host_json) VALUES (?, ?, ?, ?)').run(scanId, host.address, assetId, JSON.stringify(host));
  }

  /** The asset ids a scan has seen so far. */
  seenAssetIds(scanId: number): Set<number> {
    const rows = this.db.prepare<[number], { asset_id: number | null }>('SELECT asset_id FROM scan_hosts WHERE scan_id = ?').all(scanId);
    return new Set(rows.flatMap((row) => (row.asset_id === null ? [] : [row.asset_id])));
  }

  /** One scan. */
  get(id: number): ScanSummary | undefined {
    const row = this.db.prepare<[number], ScanRow>('SELECT * FROM scans WHERE id = ?').get(id);
    return row ? toSummary(row) : undefined;
  }

  /** A site's scans, newest first. */
  list(siteId: number, limit = 50): ScanSummary[] {
    return this.db.prepare<[number, number], ScanRow>('SELECT * FROM scans WHERE site_id = ? ORDER BY id DESC LIMIT ?').all(siteId, limit).map(toSummary);
  }
}

function toSummary(row: ScanRow): ScanSummary {
  return {
    id: row.id,
    siteId: row.site_id,
    targets: JSON.parse(row.targets_json) as string[],
    ports: JSON.parse(row.ports_json) as number[],
    status: row.status,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    totalAddresses: row.total_addresses,
    probedAddresses: row.probed_addresses,
    liveHosts: row.live_hosts,
    newHosts: row.new_hosts,
    staleMarked: row.stale_marked,
    error: row.error,
  };
}
