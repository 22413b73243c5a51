/**
 * How an observation changes an inventory record. Two authorities: the admin's own data (a CSV
 * import, a form) overwrites what it states; discovery (a scan, an nmap file) only fills gaps
 * and refreshes what the network shows, so it never clobbers what the admin typed.
 */
import type { AssetFields, FingerprintEvidence, OpenPort } from '../../../shared/contract/assets';
import type { AssetRecord } from '../../db/repositories/assets.repository';

/** What discovery saw of one machine. */
export interface DiscoveryObservation {
  hostname: string;
  addresses: string[];
  mac: string;
  osFamily: AssetRecord['osFamily'];
  osName: string;
  deviceType: AssetRecord['deviceType'];
  openPorts: OpenPort[];
  evidence: FingerprintEvidence[];
  seenAt: string;
}

/** Fields that history does not list as changes: they move on every scan. */
const NOISE_FIELDS = new Set<keyof AssetRecord>(['updatedAt', 'lastSeenAt', 'firstSeenAt', 'missedScans', 'stale', 'evidence']);

/** Merges two address lists, keeping the existing order and appending new ones. */
export function unionAddresses(existing: readonly string[], added: readonly string[]): string[] {
  const result = [...existing];
  for (const address of added) if (!result.includes(address)) result.push(address);
  return result;
}

/** Applies a discovery observation: fill gaps, refresh ports and evidence, reset staleness. */
export function applyDiscovery(record: AssetRecord, seen: DiscoveryObservation): AssetRecord {
  return {
    ...record,
    hostname: record.hostname || seen.hostname,
    addresses: unionAddresses(record.addresses, seen.addresses),
    mac: record.mac || seen.mac,
    osFamily: record.osFamily === 'unknown' ? seen.osFamily : record.osFamily,
    osName: record.osName || seen.osName,
    deviceType: record.deviceType === 'unknown' ? seen.deviceType : record.deviceType,
    openPorts: seen.openPorts,
    evidence: seen.evidence,
    firstSeenAt: record.firstSeenAt ?? seen.seenAt,
    lastSeenAt: seen.seenAt,
    missedScans: 0,
    stale: false,
  };
}

/** Applies the admin's fields: every stated value wins; blanks and defaults leave the record alone. */
export function applyAdminFields(record: AssetRecord, fields: Partial<AssetFields>): AssetRecord {
  const next: AssetRecord = { ...record };
  const text = ['hostname', 'osName', 'osVersion', 'role', 'owner', 'department', 'location', 'notes', 'mac'] as const;
  for (const key of text) {
    const value = fields[key];
    if (value !== undefined && value !== '') next[key] = value;
  }
  if (fields.osFamily && fields.osFamily !== 'unknown') next.osFamily = fields.osFamily;
  if (fields.deviceType && fields.deviceType !== 'unknown') next.deviceType = fields.deviceType;
  if (fields.addresses && fields.addresses.length > 0) next.addresses = unionAddresses(record.addresses, fields.addresses);
  if (fields.tags && fields.tags.length > 0) next.tags = fields.tags;
  if (fields.access && fields.access.method !== 'none') next.access = fields.access;
  return next;
}

/** Replaces fields exactly as an edit form states them (blanks clear). */
export function applyEdit(record: AssetRecord, changes: Partial<AssetFields>): AssetRecord {
  const next: AssetRecord = { ...record };
  for (const [key, value] of Object.entries(changes) as [keyof AssetFields, unknown][]) {
    if (value !== undefined) (next as Record<string, unknown>)[key] = value;
  }
  return next;
}

/** The fields that differ, as `field: [before, after]`, leaving out per-scan noise. */
export function diffRecords(before: AssetRecord, after: AssetRecord): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = {};
  for (const key of Object.keys(after) as (keyof AssetRecord)[]) {
    if (NOISE_FIELDS.has(key)) continue;
    const a = before[key];
    const b = after[key];
    if (JSON.stringify(a) !== JSON.stringify(b)) changes[key] = [a, b];
  }
  return changes;
}

/** A blank record for a new asset, to which an observation or the admin's fields are applied. */
export function blankRecord(siteId: number, status: AssetRecord['status'], source: AssetRecord['source'], at: string): AssetRecord {
  return {
    siteId,
    hostname: '',
    addresses: [],
    mac: '',
    osFamily: 'unknown',
    osName: '',
    osVersion: '',
    deviceType: 'unknown',
    role: '',
    owner: '',
    department: '',
    location: '',
    tags: [],
    access: { method: 'none', port: null, username: '' },
    notes: '',
    status,
    source,
    stale: false,
    missedScans: 0,
    firstSeenAt: null,
    lastSeenAt: null,
    openPorts: [],
    evidence: [],
    classification: null,
    computedTier: null,
    tierOverride: null,
    createdAt: at,
    updatedAt: at,
  };
}

/** Strips an Asset down to the record a repository writes. */
export function toRecord(asset: { id: number; tier: unknown; version: number } & AssetRecord): AssetRecord {
  const { id: _id, tier: _tier, version: _version, ...record } = asset;
  return record;
}
