/**
 * Collections from hosts Patchdesk cannot reach: the admin runs the collect script there and
 * brings the output file back. The file names its host; it is matched to the inventory the same
 * way scans are (MAC, hostname, address), or to the asset the admin names. A file that names
 * another host than that asset is refused unless the admin says to attach it anyway.
 */
import { matchAsset } from '../../../shared/domain/asset-matching';
import { parseCollectionFile } from '../collect/collectors/index';
import { AppError } from '../../platform/app-error';
import type { Clock } from '../../platform/clock';
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

/** How a file is attached: to a named asset or by the hostname in it, and whether a mismatch is overridden. */
export interface OfflineImportOptions {
  assetId?: number | undefined;
  fileName?: string | undefined;
  forceHost?: boolean | undefined;
}

export class OfflineCollectionService {
  constructor(private readonly deps: OfflineCollectionDeps) {}

  /** Parses an offline collection file and stores it for its asset. */
  importFile(siteId: number, text: string, options: OfflineImportOptions = {}): { assetId: number; hostname: string; pending: number; security: number } {
    const parsed = parseCollectionFile(text, this.deps.clock.now().toISOString());
    const fileName = options.fileName ?? '';
    const named = fileName === '' ? 'the file' : fileName;
    if (!parsed.ok) throw new AppError('bad_request', parsed.message);
    const collection = { ...parsed.value, method: 'offline-file' as const };
    const targetId = options.assetId ?? this.findAsset(siteId, collection.hostname);
    const asset = this.deps.inventory.get(targetId);
    if (asset.siteId !== siteId) throw new AppError('bad_request', `asset ${targetId} belongs to another site`);
    const otherHost = asset.hostname !== '' && !sameHost(asset.hostname, collection.hostname);
    if (otherHost && !options.forceHost) {
      throw new AppError(
        'conflict',
        `${named} was collected on "${collection.hostname}", not on "${asset.hostname}"; nothing was imported. If the host was renamed or the file is right for it, attach it anyway (--force-host); the audit log records that.`,
      );
    }
    const stored = this.deps.patchStatus.storeCollection(targetId, collection, null, { fileName, fileHostname: collection.hostname, forcedHost: otherHost });
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

/** Whether two host names name the same machine: equal ignoring case, or one the short form of the other. */
function sameHost(inventoryName: string, fileName: string): boolean {
  const a = inventoryName.trim().toLowerCase().replace(/\.$/, '');
  const b = fileName.trim().toLowerCase().replace(/\.$/, '');
  if (a === b) return true;
  const shortA = a.split('.')[0] ?? a;
  const shortB = b.split('.')[0] ?? b;
  // "web01" and "web01.corp.example" are one host; "web01.a.example" and "web01.b.example" are not.
  return shortA === shortB && (!a.includes('.') || !b.includes('.'));
}
