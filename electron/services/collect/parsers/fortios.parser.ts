import { compactRecord, deviceLines, firstMatch } from './device-text';
import { describeFailure, fail, ok } from './parse-result';
import type { DeviceResult, ParseResult, ParserInput } from './types';

/**
 * Parses FortiOS `get system status`. The `Version:` line holds model, version, build and
 * release type (`FortiGate-60F v7.2.8,build1639,240313 (GA.M)`); `osVersion` is the bare
 * `7.2.8`, the build and type go to `raw`. Serial and hostname come from `Serial-Number:` and
 * `Hostname:`. The command prints no uptime (that is `get system performance status`).
 */
export function parseFortiOs(input: ParserInput): ParseResult<DeviceResult> {
  const { stdout, stderr, exitCode } = input;
  if (exitCode !== undefined && exitCode !== 0) return fail(`get system status failed (${describeFailure(exitCode, stderr || stdout)})`);
  const lines = deviceLines(stdout);
  if (lines.some((l) => /^Command fail\. Return code/.test(l.trim()))) return fail('the device rejected the command');
  const versionLine = firstMatch(lines, /^\s*Version:\s*(.+)$/);
  const m = versionLine ? /^(\S+)\s+v(\d+(?:\.\d+)+),build(\d+)(?:,(\d+))?(?:\s+\(([^)]*)\))?/.exec(versionLine) : null;
  if (!m) return fail('no "Version: <model> v<x.y.z>,build<n>" line; not FortiOS get system status output');
  return ok({
    device: {
      vendor: 'Fortinet',
      model: m[1] ?? null,
      osName: 'FortiOS',
      osVersion: m[2] ?? '',
      hostname: firstMatch(lines, /^\s*Hostname:\s*(.+)$/),
      serial: firstMatch(lines, /^\s*Serial-Number:\s*(\S+)/),
      uptime: firstMatch(lines, /^\s*Uptime:\s*(.+)$/),
      raw: compactRecord({
        build: m[3],
        buildDate: m[4],
        releaseType: m[5],
        operationMode: firstMatch(lines, /^\s*Operation Mode:\s*(.+)$/),
        haMode: firstMatch(lines, /^\s*Current HA mode:\s*(.+)$/),
        bios: firstMatch(lines, /^\s*BIOS version:\s*(.+)$/),
      }),
    },
  });
}
