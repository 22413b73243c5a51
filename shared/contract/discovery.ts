import { z } from 'zod';
import { Id, IsoTimestamp } from './common';
import { DeviceType, FingerprintEvidence, OpenPort, OsFamily } from './assets';
import { NetworkTarget } from './sites';

/** The default TCP port profile: SSH, HTTP(S), Windows (RPC, SMB), RDP and WinRM. */
export const DEFAULT_SCAN_PORTS = [22, 80, 443, 135, 445, 3389, 5985, 5986] as const;

export const ScanOptions = z.object({
  ports: z.array(z.number().int().min(1).max(65535)).min(1).max(1024).default([...DEFAULT_SCAN_PORTS]),
  /** Per-probe connect timeout. */
  timeoutMs: z.number().int().min(50).max(30_000).default(1500),
  /** How many probes may be in flight at once. */
  concurrency: z.number().int().min(1).max(4096).default(512),
  /** When set, SNMP v2c sysDescr and sysName are asked on 161/udp. Never stored. */
  snmpCommunity: z.string().max(200).optional(),
  reverseDns: z.boolean().default(true),
  grabBanners: z.boolean().default(true),
});
export type ScanOptions = z.infer<typeof ScanOptions>;

export const ScanStartRequest = z.object({
  siteId: Id,
  /** Defaults to the site's networks when empty. */
  targets: z.array(NetworkTarget).max(1024).default([]),
  options: ScanOptions.default(ScanOptions.parse({})),
  /** Required for more than 65,536 addresses (larger than a /16). */
  confirmLarge: z.boolean().default(false),
});
export type ScanStartRequest = z.input<typeof ScanStartRequest>;

export const ScanStarted = z.object({ jobId: z.string(), scanId: Id, totalAddresses: z.number().int() });

/** One live host as discovery saw it. */
export const DiscoveredHost = z.object({
  address: z.string(),
  hostname: z.string(),
  mac: z.string(),
  openPorts: z.array(OpenPort),
  osFamily: OsFamily,
  osName: z.string(),
  deviceType: DeviceType,
  evidence: z.array(FingerprintEvidence),
  snmp: z.object({ sysDescr: z.string(), sysName: z.string() }).nullable(),
});
export type DiscoveredHost = z.infer<typeof DiscoveredHost>;

export const ScanStatus = z.enum(['running', 'completed', 'cancelled', 'failed', 'interrupted']);
export type ScanStatus = z.infer<typeof ScanStatus>;

export const ScanSummary = z.object({
  id: Id,
  siteId: Id,
  targets: z.array(z.string()),
  ports: z.array(z.number().int()),
  status: ScanStatus,
  startedAt: IsoTimestamp,
  finishedAt: IsoTimestamp.nullable(),
  totalAddresses: z.number().int(),
  probedAddresses: z.number().int(),
  liveHosts: z.number().int(),
  newHosts: z.number().int(),
  staleMarked: z.number().int(),
  error: z.string(),
});
export type ScanSummary = z.infer<typeof ScanSummary>;

/** Where a running scan is, as the scan screen follows it (from the `scan` job's `job:progress`). */
export const ScanProgressEvent = z.object({
  jobId: z.string(),
  scanId: Id,
  probedAddresses: z.number().int(),
  totalAddresses: z.number().int(),
  liveHosts: z.number().int(),
  elapsedMs: z.number().int(),
});
export type ScanProgressEvent = z.infer<typeof ScanProgressEvent>;

export const ScanHostEvent = z.object({
  jobId: z.string(),
  scanId: Id,
  host: DiscoveredHost,
  /** What the merge did: a new unreviewed asset, or an update of a known one. */
  merge: z.enum(['new', 'updated']),
  assetId: Id,
});

/** A scan ended, as the scan screen follows it (the `scan` job's final `job:progress`, its result the summary). */
export const ScanFinishedEvent = z.object({ jobId: z.string(), summary: ScanSummary });
export type ScanFinishedEvent = z.infer<typeof ScanFinishedEvent>;
