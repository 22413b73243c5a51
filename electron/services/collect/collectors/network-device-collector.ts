/**
 * Collects a network device's identity and firmware level over SSH with one read-only command
 * (`show version`, `/system resource print`, `get system status`). Devices have no POSIX shell,
 * so the command must travel verbatim as the SSH exec request: no `sh -s`, no `sh -c`, no sudo.
 * Firmware has no package feed to compare against, so the result lists no packages and says so.
 */
import type { HostCollection } from '../../../../shared/contract/patch-status';
import { parseCiscoIos } from '../parsers/cisco-ios.parser';
import { parseCiscoNxos } from '../parsers/cisco-nxos.parser';
import { parseFortiOs } from '../parsers/fortios.parser';
import { parseRouterOs } from '../parsers/routeros.parser';
import type { DeviceResult, NetworkDeviceInfo, ParseResult, ParserInput } from '../parsers/types';
import { transportFailure, type CollectionOutcome } from './collection-outcome';

/** The device families Patchdesk can read. */
export type DeviceVendor = 'cisco-ios' | 'cisco-nxos' | 'routeros' | 'fortios' | 'unknown';

/**
 * Runs one command as the SSH exec request, unchanged (device CLIs have no POSIX shell): an
 * `SshSession` adapted with `run(command, { ...options, raw: true })`.
 */
export interface DeviceCommandRunner {
  run(command: string, options?: { timeoutMs?: number; maxOutputBytes?: number; signal?: AbortSignal }): Promise<{ stdout: string; stderr: string; exitCode: number }>;
}

/** Limits for one device. */
export interface DeviceCollectOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  /** Defaults to now. */
  collectedAt?: string;
}

interface Probe {
  vendor: Exclude<DeviceVendor, 'unknown'>;
  command: string;
  parse: (input: ParserInput) => ParseResult<DeviceResult>;
}

const PROBES: Record<Exclude<DeviceVendor, 'unknown'>, Probe> = {
  'cisco-ios': { vendor: 'cisco-ios', command: 'show version', parse: parseCiscoIos },
  'cisco-nxos': { vendor: 'cisco-nxos', command: 'show version', parse: parseCiscoNxos },
  routeros: { vendor: 'routeros', command: '/system resource print', parse: parseRouterOs },
  fortios: { vendor: 'fortios', command: 'get system status', parse: parseFortiOs },
};

// `show version` first: it is the most common and harmless everywhere; each command is read-only.
const UNKNOWN_ORDER: Array<Exclude<DeviceVendor, 'unknown'>[]> = [['cisco-ios', 'cisco-nxos'], ['fortios'], ['routeros']];

const MAX_DEVICE_OUTPUT = 1024 * 1024;

/** Guesses the device family from an asset's OS name or other evidence (nmap OS guess, SSH banner). */
export function deviceVendorHint(...evidence: Array<string | null | undefined>): DeviceVendor {
  const text = evidence.filter(Boolean).join(' ').toLowerCase();
  if (/nx-?os|nexus/.test(text)) return 'cisco-nxos';
  if (/\bios(?:-?xe)?\b|cisco/.test(text)) return 'cisco-ios';
  if (/routeros|mikrotik/.test(text)) return 'routeros';
  if (/fortios|fortigate|fortinet/.test(text)) return 'fortios';
  return 'unknown';
}

/**
 * Reads the device's version output and builds its collection. For `unknown`, the commands are
 * tried in a safe order and the first output a parser accepts wins; when none does, the device
 * is `unsupported_platform`. Transport failures come back as their error code.
 */
export async function collectNetworkDevice(runner: DeviceCommandRunner, vendor: DeviceVendor, options: DeviceCollectOptions): Promise<CollectionOutcome> {
  const collectedAt = options.collectedAt ?? new Date().toISOString();
  const groups = vendor === 'unknown' ? UNKNOWN_ORDER : [[vendor]];
  const failures: string[] = [];
  for (const group of groups) {
    const first = PROBES[group[0] ?? 'cisco-ios'];
    let output: { stdout: string; stderr: string; exitCode: number };
    try {
      output = await runner.run(first.command, { timeoutMs: options.timeoutMs, maxOutputBytes: MAX_DEVICE_OUTPUT, ...(options.signal ? { signal: options.signal } : {}) });
    } catch (error) {
      return transportFailure(error);
    }
    for (const name of group) {
      const probe = PROBES[name];
      const parsed = probe.parse({ stdout: output.stdout, stderr: output.stderr, exitCode: output.exitCode });
      if (parsed.ok) {
        let device = parsed.value.device;
        if (probe.vendor === 'routeros') device = await addRouterOsDetails(runner, device, options);
        return { ok: true, value: toCollection(probe.vendor, device, collectedAt) };
      }
      failures.push(`${probe.command} (${probe.vendor}): ${parsed.error}`);
    }
  }
  const code = vendor === 'unknown' ? 'unsupported_platform' : 'unparseable';
  return { ok: false, code, message: vendor === 'unknown' ? `no known device answered: ${failures.join('; ')}` : failures.join('; ') };
}

/** `/system resource print` lacks the serial and identity; both are best-effort extras. */
async function addRouterOsDetails(runner: DeviceCommandRunner, device: NetworkDeviceInfo, options: DeviceCollectOptions): Promise<NetworkDeviceInfo> {
  const next = { ...device };
  for (const command of ['/system routerboard print', '/system identity print']) {
    try {
      const out = await runner.run(command, { timeoutMs: options.timeoutMs, maxOutputBytes: MAX_DEVICE_OUTPUT, ...(options.signal ? { signal: options.signal } : {}) });
      if (out.exitCode !== 0) continue;
      const kv = (key: string) => new RegExp(`^\\s*${key}:\\s*(.+?)\\s*$`, 'm').exec(out.stdout)?.[1] ?? null;
      next.serial ??= kv('serial-number');
      next.model = kv('model') ?? next.model;
      next.hostname ??= kv('name');
    } catch {
      // CHR and other virtual routers have no routerboard; the device is still collected.
    }
  }
  return next;
}

function toCollection(vendor: Exclude<DeviceVendor, 'unknown'>, device: NetworkDeviceInfo, collectedAt: string): HostCollection {
  const build = device.raw?.['build'] ? `${device.osVersion} build${device.raw['build']}` : device.osVersion;
  return {
    collectedAt,
    method: 'ssh',
    platform: 'network-device',
    hostname: device.hostname ?? '',
    os: { id: vendor, name: device.osName, version: device.osVersion, build },
    packageManager: 'firmware',
    uptimeSeconds: parseDeviceUptime(device.uptime),
    rebootRequired: null,
    rebootReason: '',
    lastPatchedAt: null,
    installedCount: 0,
    installed: [],
    pending: [],
    installedKbs: [],
    device: { vendor: device.vendor, model: device.model ?? '', serial: device.serial ?? '', osName: device.osName, osVersion: device.osVersion },
    warnings: [`firmware is tracked for manual patching: compare ${device.osName} ${build} with ${device.vendor}'s advisories`],
  };
}

const UNIT_SECONDS: Record<string, number> = { y: 31_536_000, w: 604_800, d: 86_400, h: 3_600, m: 60, s: 1 };

/**
 * Reads the uptime texts devices print (`2 years, 31 weeks, 6 days, 9 hours, 55 minutes`,
 * `190 day(s), 3 hour(s)`, RouterOS `6w5d11h55m45s`) into seconds; null when none is found.
 */
export function parseDeviceUptime(text: string | null): number | null {
  if (!text) return null;
  let total = 0;
  let found = false;
  for (const m of text.toLowerCase().matchAll(/(\d{1,6})\s*(years?|weeks?|days?|hours?|minutes?|mins?|seconds?|secs?|[ywdhms])(?:\(s\))?(?![a-z])/g)) {
    const unit = (m[2] ?? '').startsWith('mi') ? 'm' : (m[2] ?? '').charAt(0);
    const factor = UNIT_SECONDS[unit];
    if (factor === undefined) continue;
    total += Number(m[1]) * factor;
    found = true;
  }
  return found ? total : null;
}
