import { z } from 'zod';
import { isIpv4 } from '../domain/network-targets';
import { IMPACT_LEVELS, TIERS } from '../domain/risk-tier';
import { checkedString, Id, IsoTimestamp, NonEmptyText } from './common';

export const OsFamily = z.enum(['linux', 'windows', 'macos', 'bsd', 'network-os', 'embedded', 'other', 'unknown']);
export type OsFamily = z.infer<typeof OsFamily>;

export const DeviceType = z.enum(['server', 'workstation', 'network-device', 'printer', 'appliance', 'unknown']);
export type DeviceType = z.infer<typeof DeviceType>;

/**
 * Lifecycle of an inventory entry.
 * - `unreviewed`: found on the network, not yet in the admin's inventory (shadow IT candidates).
 * - `active`: part of the inventory.
 * - `dismissed`: found, and the admin said it is not theirs to manage (kept so it is not re-raised).
 * - `retired`: decommissioned; kept for history.
 */
export const AssetStatus = z.enum(['unreviewed', 'active', 'dismissed', 'retired']);
export type AssetStatus = z.infer<typeof AssetStatus>;

/** Where an asset first came from. */
export const AssetSource = z.enum(['manual', 'scan', 'csv', 'nmap']);
export type AssetSource = z.infer<typeof AssetSource>;

/** How Patchdesk will reach the host later for patch status. Credentials are stored separately. */
export const AccessMethod = z.enum(['ssh', 'winrm', 'none']);
export type AccessMethod = z.infer<typeof AccessMethod>;

export const AssetAccess = z.object({
  method: AccessMethod,
  port: z.number().int().min(1).max(65535).nullable().default(null),
  username: z.string().max(200).default(''),
});
export type AssetAccess = z.infer<typeof AssetAccess>;

/** One open port seen by a scan or an nmap import. */
export const OpenPort = z.object({
  port: z.number().int().min(1).max(65535),
  protocol: z.enum(['tcp', 'udp']),
  service: z.string().default(''),
  banner: z.string().default(''),
});
export type OpenPort = z.infer<typeof OpenPort>;

/** One piece of evidence behind an OS or device-type guess, shown next to the guess. */
export const FingerprintEvidence = z.object({
  source: z.enum(['port', 'banner', 'snmp', 'dns', 'nmap', 'user']),
  detail: z.string(),
});
export type FingerprintEvidence = z.infer<typeof FingerprintEvidence>;

export const ImpactLevel = z.enum(IMPACT_LEVELS);
export const TierSchema = z.union(TIERS.map((tier) => z.literal(tier)) as [z.ZodLiteral<1>, z.ZodLiteral<2>, z.ZodLiteral<3>, z.ZodLiteral<4>]);

export const ClassificationSchema = z.object({
  impact: ImpactLevel,
  internetFacing: z.boolean(),
  privilegedData: z.boolean(),
  untrustedReachable: z.boolean(),
});

/** A manual tier override and the reason for it, kept for the record. */
export const TierOverride = z.object({
  tier: TierSchema,
  reason: z.string(),
  by: z.string(),
  at: IsoTimestamp,
});

export const Ipv4Address = checkedString(isIpv4, (value) => `"${value}" is not an IPv4 address`);

export const MacAddress = checkedString(
  (value) => /^([0-9a-f]{2}[:-]){5}[0-9a-f]{2}$/i.test(value),
  (value) => `"${value}" is not a MAC address (aa:bb:cc:dd:ee:ff)`,
).transform((value) => value.toLowerCase().replace(/-/g, ':'));

/** An asset as listed in the inventory. */
export const Asset = z.object({
  id: Id,
  siteId: Id,
  hostname: z.string(),
  addresses: z.array(z.string()),
  mac: z.string(),
  osFamily: OsFamily,
  osName: z.string(),
  osVersion: z.string(),
  deviceType: DeviceType,
  role: z.string(),
  owner: z.string(),
  department: z.string(),
  location: z.string(),
  tags: z.array(z.string()),
  access: AssetAccess,
  notes: z.string(),
  status: AssetStatus,
  source: AssetSource,
  stale: z.boolean(),
  missedScans: z.number().int().nonnegative(),
  firstSeenAt: IsoTimestamp.nullable(),
  lastSeenAt: IsoTimestamp.nullable(),
  openPorts: z.array(OpenPort),
  evidence: z.array(FingerprintEvidence),
  classification: ClassificationSchema.nullable(),
  computedTier: TierSchema.nullable(),
  tierOverride: TierOverride.nullable(),
  /** The tier in force: the override if any, else the computed tier, else null (unclassified). */
  tier: TierSchema.nullable(),
  createdAt: IsoTimestamp,
  updatedAt: IsoTimestamp,
  /** Optimistic-concurrency counter: an update names the version it edited. */
  version: z.number().int().positive(),
});
export type Asset = z.infer<typeof Asset>;

/** The editable asset fields, each without a default (so partial updates change only what they name). */
const assetFieldShape = {
  hostname: z.string().trim().max(253, 'hostname must be at most 253 characters'),
  addresses: z.array(Ipv4Address).max(64),
  mac: z.union([z.literal(''), MacAddress]),
  osFamily: OsFamily,
  osName: z.string().max(200),
  osVersion: z.string().max(100),
  deviceType: DeviceType,
  role: z.string().max(200),
  owner: z.string().max(200),
  department: z.string().max(200),
  location: z.string().max(200),
  tags: z.array(z.string().trim().min(1).max(60)).max(50),
  access: AssetAccess,
  notes: z.string().max(10_000),
};

/** Editable asset fields for a new asset; what is left out gets its empty default. */
export const AssetFields = z.object({
  hostname: assetFieldShape.hostname.default(''),
  addresses: assetFieldShape.addresses.default([]),
  mac: assetFieldShape.mac.default(''),
  osFamily: OsFamily.default('unknown'),
  osName: assetFieldShape.osName.default(''),
  osVersion: assetFieldShape.osVersion.default(''),
  deviceType: DeviceType.default('unknown'),
  role: assetFieldShape.role.default(''),
  owner: assetFieldShape.owner.default(''),
  department: assetFieldShape.department.default(''),
  location: assetFieldShape.location.default(''),
  tags: assetFieldShape.tags.default([]),
  access: AssetAccess.default({ method: 'none', port: null, username: '' }),
  notes: assetFieldShape.notes.default(''),
});
export type AssetFieldsInput = z.input<typeof AssetFields>;
export type AssetFields = z.infer<typeof AssetFields>;

/** Changes to an asset: only the fields named are changed. */
export const AssetFieldChanges = z.object(assetFieldShape).partial();

export const AssetCreate = z
  .object({ siteId: Id, fields: AssetFields })
  .refine((value) => value.fields.hostname !== '' || value.fields.addresses.length > 0, {
    message: 'an asset needs a hostname or at least one address',
    path: ['fields', 'hostname'],
  });

export const AssetUpdate = z.object({
  id: Id,
  /** The version the user edited; a newer version in the database means someone else changed it. */
  expectedVersion: z.number().int().positive(),
  changes: AssetFieldChanges,
});

export const AssetListRequest = z.object({
  siteId: Id,
  statuses: z.array(AssetStatus).optional(),
});

/** One recorded change: who changed what and when. */
export const AssetChange = z.object({
  id: Id,
  at: IsoTimestamp,
  actor: z.string(),
  action: z.string(),
  /** Field name to [before, after], for edits. */
  changes: z.record(z.string(), z.tuple([z.unknown(), z.unknown()])),
  note: z.string(),
});
export type AssetChange = z.infer<typeof AssetChange>;

export const AssetReview = z.object({
  ids: z.array(Id).min(1),
  decision: z.enum(['accept', 'dismiss']),
});

export const AssetRetire = z.object({
  ids: z.array(Id).min(1),
  reason: NonEmptyText(500),
});

/** Sets how Patchdesk reaches many assets at once (method, port, user); other fields are untouched. */
export const AssetSetAccess = z.object({
  ids: z.array(Id).min(1, 'select at least one asset'),
  access: AssetAccess,
});

export const BulkResult = z.object({ updated: z.number().int().nonnegative() });
