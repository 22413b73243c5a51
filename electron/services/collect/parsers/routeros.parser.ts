import { compactRecord, deviceLines } from './device-text';
import { describeFailure, fail, ok } from './parse-result';
import type { DeviceResult, ParseResult, ParserInput } from './types';

/**
 * Parses MikroTik RouterOS `/system resource print` (right-aligned `key: value` lines padded
 * with spaces or tabs). `version` carries the channel (`6.48.6 (long-term)`): `osVersion` is
 * the comparable part and `raw.channel` the rest. `/system routerboard print` lines
 * (`serial-number`, `model`, `current-firmware`) are read too when appended to the same capture.
 */
export function parseRouterOs(input: ParserInput): ParseResult<DeviceResult> {
  const { stdout, stderr, exitCode } = input;
  if (exitCode !== undefined && exitCode !== 0) return fail(`/system resource print failed (${describeFailure(exitCode, stderr || stdout)})`);
  const kv = new Map<string, string>();
  for (const line of deviceLines(stdout)) {
    const m = /^\s*([a-z][a-z0-9-]*):\s*(.*?)\s*$/.exec(line);
    if (m && !kv.has(m[1] ?? '')) kv.set(m[1] ?? '', m[2] ?? '');
  }
  const fullVersion = kv.get('version');
  if (!fullVersion) return fail('no "version:" line; not /system resource print output');
  const vm = /^(\S+)(?:\s+\(([^)]*)\))?/.exec(fullVersion);
  if (!vm || !/^\d/.test(vm[1] ?? '')) return fail(`unreadable RouterOS version "${fullVersion.slice(0, 60)}"`);
  return ok({
    device: {
      vendor: 'MikroTik',
      model: kv.get('board-name') ?? kv.get('model') ?? null,
      osName: 'RouterOS',
      osVersion: vm[1] ?? '',
      hostname: kv.get('identity') ?? kv.get('name') ?? null,
      serial: kv.get('serial-number') ?? null,
      uptime: kv.get('uptime') ?? null,
      raw: compactRecord({
        channel: vm[2],
        version: fullVersion,
        architecture: kv.get('architecture-name'),
        cpu: kv.get('cpu'),
        buildTime: kv.get('build-time'),
        factorySoftware: kv.get('factory-software'),
        currentFirmware: kv.get('current-firmware'),
        upgradeFirmware: kv.get('upgrade-firmware'),
      }),
    },
  });
}
