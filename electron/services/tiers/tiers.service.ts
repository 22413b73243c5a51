/** Classifying assets into risk tiers, and manual overrides with their reasons. */
import { computeTier, type Classification, type Tier } from '../../../shared/domain/risk-tier';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../db/database';
import type { AssetsRepository } from '../../db/repositories/assets.repository';
import type { AuditLogRepository } from '../../db/repositories/audit-log.repository';
import { diffRecords, toRecord } from '../inventory/asset-merge';
import type { InventoryService } from '../inventory/inventory.service';
import { writeTransaction } from '../../db/write-transaction';
import { actingActor } from '../../platform/request-context';

export interface TiersServiceDeps {
  db: Db;
  assets: AssetsRepository;
  inventory: InventoryService;
  audit: AuditLogRepository;
  clock: Clock;
  actor: string;
}

export class TiersService {
  constructor(private readonly deps: TiersServiceDeps) {}

  /** Gives many assets the same classification; their computed tier follows the rule. */
  classify(assetIds: readonly number[], classification: Classification): number {
    const tier = computeTier(classification);
    return this.updateEach(assetIds, 'classified', '', (record) => ({ ...record, classification, computedTier: tier }));
  }

  /** Sets a manual tier on assets; the reason is kept with it. */
  setOverride(assetIds: readonly number[], tier: Tier, reason: string): number {
    const at = this.now();
    return this.updateEach(assetIds, 'tier-overridden', reason, (record) => ({ ...record, tierOverride: { tier, reason, by: actingActor(this.deps.actor), at } }));
  }

  /** Removes manual tiers; the computed tier applies again. */
  clearOverride(assetIds: readonly number[], reason: string): number {
    return this.updateEach(assetIds, 'tier-override-cleared', reason, (record) => ({ ...record, tierOverride: null }));
  }

  private updateEach(assetIds: readonly number[], action: string, note: string, change: (record: ReturnType<typeof toRecord>) => ReturnType<typeof toRecord>): number {
    let updated = 0;
    writeTransaction(this.deps.db, () => {
      for (const id of assetIds) {
        const current = this.deps.inventory.get(id);
        const before = toRecord(current);
        const after = { ...change(before), updatedAt: this.now() };
        const diff = diffRecords(before, after);
        if (Object.keys(diff).length === 0) continue;
        this.deps.assets.update(id, current.version, after);
        this.deps.audit.append({ at: this.now(), actor: actingActor(this.deps.actor), siteId: current.siteId, entityType: 'asset', entityId: id, action, details: { changes: diff, note } });
        updated++;
      }
    });
    return updated;
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }
}
