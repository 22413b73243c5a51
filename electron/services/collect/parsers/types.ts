/**
 * Shared shapes for the collection parsers. Every parser is a pure function from one command's
 * captured output to a {@link ParseResult}; an output it cannot read is an error for that host,
 * never an empty list.
 */

import type { PublicationBasis } from '../../../../shared/domain/sla/clock-start';

/** What a collector captured from one command on one host. */
export interface ParserInput {
  stdout: string;
  stderr?: string;
  /** Absent when the transport could not report it; parsers then fall back to the text alone. */
  exitCode?: number;
}

/** Either the parsed value or the reason the output could not be trusted. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** A parser as the registry and the CLI see it. */
export type Parser<T> = (input: ParserInput) => ParseResult<T>;

/** What applying a pending change does to one package. */
export type UpdateKind = 'upgrade' | 'new' | 'remove' | 'patch' | 'firmware';

/** One pending change reported by a host's package manager. */
export interface PendingUpdate {
  name: string;
  arch?: string;
  /** null for new packages and for formats that do not print it. */
  installedVersion: string | null;
  /** Empty for removals. */
  availableVersion: string;
  repository: string;
  /** null = the format cannot tell. */
  security: boolean | null;
  cves: string[];
  advisories: string[];
  severity?: string;
  kind: UpdateKind;
  /**
   * When the vendor published the fix (ISO-8601), if the source says; with how it was obtained
   * (see shared/domain/sla/clock-start.ts). Both absent when the source gives no readable date.
   */
  publishedAt?: string;
  publishedBasis?: PublicationBasis;
}

/** A package an obsoleting update replaces (yum/dnf); never a pending update itself. */
export interface ReplacedPackage {
  name: string;
  arch: string;
  version: string;
  repository: string;
  replacedBy: string;
}

/** Result of every pending-update parser. */
export interface UpdateList {
  updates: PendingUpdate[];
  warnings: string[];
}

/** One installed package from an inventory query. */
export interface InstalledPackage {
  name: string;
  version: string;
  arch: string;
  sourceName?: string;
  sourceVersion?: string;
  /** dpkg's spelled-out status (`installed`, `config-files`, ...); rpm rows are `installed`. */
  status: string;
}

/** Result of the inventory parsers. */
export interface PackageList {
  packages: InstalledPackage[];
  warnings: string[];
}

/** Identity and software level of a network device. */
export interface NetworkDeviceInfo {
  vendor: string;
  model: string | null;
  osName: string;
  /** Comparable version only: release channels and build tags live in the other fields. */
  osVersion: string;
  hostname: string | null;
  serial: string | null;
  /** As printed by the device; formats differ too much to normalise here. */
  uptime: string | null;
  /** Extra facts the platform prints (image, build, release channel), keyed by plain names. */
  raw?: Record<string, string>;
}

/** Result of the network-device parsers. */
export interface DeviceResult {
  device: NetworkDeviceInfo;
}

/** One update offered by the Windows Update Agent. */
export interface WindowsUpdateInfo {
  updateId: string;
  revision: number | null;
  /** Digit strings without the `KB` prefix. */
  kb: string[];
  /** Localised by Windows; for display only. */
  title: string;
  msrcSeverity: string | null;
  cves: string[];
  bulletins: string[];
  categories: string[];
  categoryIds: string[];
  /** 0 never, 1 always requires a reboot, 2 can request one; null when not reported. */
  rebootBehavior: 0 | 1 | 2 | null;
  rebootRequired: boolean | null;
  isSecurity: boolean;
  isDownloaded: boolean | null;
  isMandatory: boolean | null;
  /** `LastDeploymentChangeTime` (ISO-8601): when Microsoft last published or revised the update; null when absent or unreadable. */
  lastDeploymentChangeAt: string | null;
}
