/**
 * Collections from hosts Patchdesk cannot reach: the admin runs the collect script there and
 * brings the output file back. The file names its host; it is matched to the inventory the same
 * way scans are (MAC, hostname, address), or to the asset the admin names.
 */
import { matchAsset } from '../../../shared/domain/asset-matching';
import { parseCollectionFile } from '../collect/collectors/index';
import { AppError } from '../../core/app-error';
import type { Clock } from '../../core/clock';
import type { AssetsRepository } from '../../db/repositories/assets.repository';
import type { InventoryService } from '../inventory/inventory.service';
import type { PatchStatusService } from './patch-status.service';

export interface OfflineCollectionDeps {
  inventory: InventoryService;
  assets: AssetsRepository;
  patchStatus: PatchStatusService;
  /** Dates the import: it is when Patchdesk first sees the file's missing fixes. */
  clock: Clock;
}

export class OfflineCollectionService {
  constructor(private readonly deps: OfflineCollectionDeps) {}

  /** Parses an offline collection file and stores it for its asset. */
  importFile(siteId: number, text: string, assetId?: number): { assetId: number; hostname: string; pending: number; security: number } {
    const parsed = parseCollectionFile(text, this.deps.clock.now().toISOString());
    if (!parsed.ok) throw new AppError('bad_request', parsed.message);
    const collection = { ...parsed.value, method: 'offline-file' as const };
    const targetId = assetId ?? this.findAsset(siteId, collection.hostname);
    const asset = this.deps.inventory.get(targetId);
    if (asset.siteId !== siteId) throw new AppError('bad_request', `asset ${targetId} belongs to another site`);
    const stored = this.deps.patchStatus.storeCollection(targetId, collection, null);
    return { assetId: targetId, hostname: asset.hostname || collection.hostname, ...stored };
  }

  private findAsset(siteId: number, hostname: string): number {
    const identity = { mac: '', hostname, addresses: [] };
    const match = matchAsset(identity, this.deps.assets.findCandidates(siteId, identity));
    if (!match) {
      throw new AppError('not_found', `no asset named "${hostname}" in this site: add it to the inventory first, or name the asset to attach the file to`);
    }
    return match.assetId;
  }
}
