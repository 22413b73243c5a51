/**
 * Which screens a committed write affects, read from what it left behind: its audit row (entity
 * type and action say what changed) or, for the host results of a collection, its host
 * collection row.
 */
import type { ChangeTopic } from '../../../shared/contract/changes';
import type { AuditEntryInput } from '../../db/repositories/audit-log.repository';

type EntityType = AuditEntryInput['entityType'];

/**
 * The topics of each kind of audit row. Exhaustive on purpose: a new entity type does not compile
 * until someone decides what it changes. A scan refreshes "last seen" of every host it saw without
 * an audit row per unchanged host, so its end also refreshes the assets. An export changes nothing
 * a screen shows (only the audit log, which no screen lists), so it notifies nothing.
 */
const TOPICS_BY_ENTITY: Record<EntityType, readonly ChangeTopic[]> = {
  site: ['sites'],
  asset: ['assets'],
  scan: ['scans', 'assets'],
  import: ['assets'],
  export: [],
  policy: ['policy'],
  credential: ['credentials'],
  vault: ['credentials'],
  collection: ['patch-status'],
  exception: ['exceptions'],
  evidence: ['evidence'],
  cycle: ['cycles'],
  intel: ['intel'],
  rollout: ['rollouts'],
};

/** Asset rows that record patch status (a stored collection, an approved host key) rather than inventory fields. */
const PATCH_STATUS_ASSET_ACTIONS = new Set(['patch-status-collected', 'host-key-approved']);

/** The topics an audit row of this entity type and action stands for. */
export function topicsOfAuditRow(entityType: EntityType, action: string): readonly ChangeTopic[] {
  if (entityType === 'asset' && PATCH_STATUS_ASSET_ACTIONS.has(action)) return ['patch-status'];
  return TOPICS_BY_ENTITY[entityType] ?? [];
}

/** The topics of a stored host collection (success or failure, with any host key pinned or changed on the way). */
export const HOST_COLLECTION_TOPICS: readonly ChangeTopic[] = ['patch-status'];

/** The topics of a site's scans changing in place (progress, marked interrupted). */
export const SCAN_JOB_TOPICS: readonly ChangeTopic[] = ['scans'];

/** The topics of a site's collection runs changing in place (marked interrupted). */
export const COLLECTION_RUN_TOPICS: readonly ChangeTopic[] = ['patch-status'];

/** The topics of a site's jobs changing in place (started, stored progress, cancel asked, ended, interrupted). */
export const JOB_TOPICS: readonly ChangeTopic[] = ['jobs'];

/** A CVE-mapping job committing a batch or ending: the site's CVE links, and so its KEV-based figures, changed. */
export const CVE_MAPPING_TOPICS: readonly ChangeTopic[] = ['intel'];
