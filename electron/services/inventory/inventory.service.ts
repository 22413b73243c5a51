/**
 * The inventory: listing, editing, reviewing and retiring assets, and merging what scans and
 * imports observe into it without creating duplicates. Every change is written with its audit
 * entry in the same transaction.
 */
import type { Asset, AssetChange, AssetFields, AssetStatus } from '../../../shared/contract/assets';
import { matchAsset, type MatchRule } from '../../../shared/domain/asset-matching';
import { AppError, notFound } from '../../platform/app-error';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../db/database';
import type { AssetRecord, AssetsRepository } from '../../db/repositories/assets.repository';
import type { AuditLogRepository } from '../../db/repositories/audit-log.repository';
import type { SitesRepository } from '../../db/repositories/sites.repository';
import { applyAdminFields, applyDiscovery, applyEdit, blankRecord, diffRecords, toRecord, type DiscoveryObservation } from './asset-merge';
import { writeTransaction } from '../../db/write-transaction';
import { actingActor } from '../../platform/request-context';

/** What a merge did with one observation. */
export interface MergeOutcome {
  assetId: number;
  outcome: 'created' | 'updated' | 'unchanged';
  rule: MatchRule | null;
}

export interface InventoryServiceDeps {
  db: Db;
  assets: AssetsRepository;
  sites: SitesRepository;
  audit: AuditLogRepository;
  clock: Clock;
  actor: string;
}

export class InventoryService {
  constructor(private readonly deps: InventoryServiceDeps) {}

  /** Assets of a site. */
  list(siteId: number, statuses?: readonly AssetStatus[]): Asset[] {
    this.requireSite(siteId);
    return this.deps.assets.list(siteId, statuses);
  }

  /** One asset; not_found when it does not exist. */
  get(id: number): Asset {
    const asset = this.deps.assets.get(id);
    if (!asset) throw notFound('asset', id);
    return asset;
  }

  /** Adds an asset by hand; it is part of the inventory at once. */
  create(siteId: number, fields: AssetFields): Asset {
    this.requireSite(siteId);
    const id = writeTransaction(this.deps.db, () => {
      const existing = this.findMatch(siteId, fields.mac, fields.hostname, fields.addresses);
      if (existing) {
        const other = this.get(existing.assetId);
        throw new AppError('conflict', `This looks like ${describe(other)} (same ${existing.rule}), already in the inventory as asset ${other.id}.`);
      }
      const at = this.now();
      const record = applyEdit(blankRecord(siteId, 'active', 'manual', at), fields);
      const newId = this.deps.assets.insert(record);
      this.record(siteId, newId, 'created', { changes: diffRecords(blankRecord(siteId, 'active', 'manual', at), record) });
      return newId;
    });
    return this.get(id);
  }

  /** Edits an asset the user saw at `expectedVersion`. */
  update(id: number, expectedVersion: number, changes: Partial<AssetFields>): Asset {
    writeTransaction(this.deps.db, () => {
      const current = this.get(id);
      if (current.version !== expectedVersion) throw conflictFor(current);
      const before = toRecord(current);
      const after = { ...applyEdit(before, changes), updatedAt: this.now() };
      if (after.hostname === '' && after.addresses.length === 0) {
        throw new AppError('bad_request', 'an asset needs a hostname or at least one address', [{ path: 'hostname', message: 'give a hostname or an address' }]);
      }
      const diff = diffRecords(before, after);
      if (Object.keys(diff).length === 0) return;
      if (!this.deps.assets.update(id, expectedVersion, after)) throw conflictFor(current);
      this.record(current.siteId, id, 'edited', { changes: diff });
    });
    return this.get(id);
  }

  /**
   * Sets the access (method, port, user) of many assets in one transaction: all or none. Each
   * changed asset gets its own history entry; assets already set that way are not counted.
   */
  setAccess(ids: readonly number[], access: AssetFields['access']): number {
    return writeTransaction(this.deps.db, () => {
      let updated = 0;
      for (const id of new Set(ids)) {
        const current = this.get(id);
        if (this.update(id, current.version, { access }).version !== current.version) updated += 1;
      }
      return updated;
    });
  }

  /** Accepts unreviewed (or dismissed) assets into the inventory, or dismisses them. */
  review(ids: readonly number[], decision: 'accept' | 'dismiss'): number {
    const target: AssetStatus = decision === 'accept' ? 'active' : 'dismissed';
    return this.setStatus(ids, target, decision === 'accept' ? 'accepted' : 'dismissed', ['unreviewed', 'dismissed', 'active'], '');
  }

  /** Retires assets; they stay for history and no longer match observations. */
  retire(ids: readonly number[], reason: string): number {
    return this.setStatus(ids, 'retired', 'retired', ['unreviewed', 'active', 'dismissed'], reason);
  }

  /** Who changed what and when on one asset, newest first. */
  history(id: number): AssetChange[] {
    this.get(id);
    return this.deps.audit.listForEntity('asset', id).map((entry) => ({
      id: entry.id,
      at: entry.at,
      actor: entry.actor,
      action: entry.action,
      changes: (entry.details['changes'] as AssetChange['changes'] | undefined) ?? {},
      note: typeof entry.details['note'] === 'string' ? entry.details['note'] : '',
    }));
  }

  /**
   * Merges what discovery saw into the inventory: a known machine is refreshed, an unknown one
   * lands as unreviewed. Call inside a transaction together with whatever records the sighting.
   */
  mergeDiscovery(siteId: number, seen: DiscoveryObservation, source: 'scan' | 'nmap', note: string): MergeOutcome {
    const match = this.findMatch(siteId, seen.mac, seen.hostname, seen.addresses);
    if (!match) {
      const record = applyDiscovery(blankRecord(siteId, 'unreviewed', source, seen.seenAt), seen);
      const id = this.deps.assets.insert(record);
      this.record(siteId, id, 'discovered', { changes: diffRecords(blankRecord(siteId, 'unreviewed', source, seen.seenAt), record), note });
      return { assetId: id, outcome: 'created', rule: null };
    }
    const current = this.get(match.assetId);
    const before = toRecord(current);
    const after = { ...applyDiscovery(before, seen), updatedAt: this.now() };
    this.deps.assets.update(current.id, current.version, after);
    const diff = diffRecords(before, after);
    if (Object.keys(diff).length > 0) this.record(siteId, current.id, 'refreshed', { changes: diff, note, matchedBy: match.rule });
    return { assetId: current.id, outcome: Object.keys(diff).length > 0 ? 'updated' : 'unchanged', rule: match.rule };
  }

  /**
   * Merges the admin's own data (an imported row) into the inventory: stated values win, and
   * the asset becomes part of the inventory. Call inside a transaction.
   */
  mergeAdminFields(siteId: number, fields: AssetFields, source: 'csv', note: string): MergeOutcome {
    const match = this.findMatch(siteId, fields.mac, fields.hostname, fields.addresses);
    const at = this.now();
    if (!match) {
      const record = applyAdminFields(blankRecord(siteId, 'active', source, at), fields);
      const id = this.deps.assets.insert(record);
      this.record(siteId, id, 'imported', { changes: diffRecords(blankRecord(siteId, 'active', source, at), record), note });
      return { assetId: id, outcome: 'created', rule: null };
    }
    const current = this.get(match.assetId);
    const before = toRecord(current);
    const merged = applyAdminFields(before, fields);
    const after: AssetRecord = { ...merged, status: before.status === 'retired' ? 'retired' : 'active', updatedAt: at };
    const diff = diffRecords(before, after);
    if (Object.keys(diff).length === 0) return { assetId: current.id, outcome: 'unchanged', rule: match.rule };
    this.deps.assets.update(current.id, current.version, after);
    this.record(siteId, current.id, 'imported', { changes: diff, note, matchedBy: match.rule });
    return { assetId: current.id, outcome: 'updated', rule: match.rule };
  }

  private findMatch(siteId: number, mac: string, hostname: string, addresses: readonly string[]) {
    const identity = { mac, hostname, addresses };
    return matchAsset(identity, this.deps.assets.findCandidates(siteId, identity));
  }

  private setStatus(ids: readonly number[], status: AssetStatus, action: string, from: readonly AssetStatus[], reason: string): number {
    let updated = 0;
    writeTransaction(this.deps.db, () => {
      for (const id of ids) {
        const current = this.get(id);
        if (current.status === status || !from.includes(current.status)) continue;
        const before = toRecord(current);
        const after = { ...before, status, updatedAt: this.now() };
        this.deps.assets.update(id, current.version, after);
        this.record(current.siteId, id, action, { changes: diffRecords(before, after), note: reason });
        updated++;
      }
    });
    return updated;
  }

  private requireSite(siteId: number): void {
    if (!this.deps.sites.get(siteId)) throw notFound('site', siteId);
  }

  private record(siteId: number, assetId: number, action: string, details: Record<string, unknown>): void {
    this.deps.audit.append({ at: this.now(), actor: actingActor(this.deps.actor), siteId, entityType: 'asset', entityId: assetId, action, details });
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }
}

function describe(asset: Asset): string {
  return asset.hostname || asset.addresses[0] || `asset ${asset.id}`;
}

function conflictFor(asset: Asset): AppError {
  return new AppError('conflict', `${describe(asset)} was changed by someone else since you opened it. Reload it and apply your edit again.`);
}
