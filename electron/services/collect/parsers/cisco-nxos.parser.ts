import { compactRecord, deviceLines, firstMatch } from './device-text';
import { describeFailure, fail, ok } from './parse-result';
import type { DeviceResult, ParseResult, ParserInput } from './types';

/**
 * Parses Cisco NX-OS `show version`. The version is the `NXOS: version X` line (NX-OS 9+) or
 * the `system: version X` line (older releases, which also print a separate kickstart version);
 * the model is the `cisco ... Chassis` line, the serial `Processor Board ID`, the hostname
 * `Device name:` and the uptime `Kernel uptime is ...`.
 */
export function parseCiscoNxos(input: ParserInput): ParseResult<DeviceResult> {
  const { stdout, stderr, exitCode } = input;
  if (exitCode !== undefined && exitCode !== 0) return fail(`show version failed (${describeFailure(exitCode, stderr || stdout)})`);
  const lines = deviceLines(stdout);
  if (!lines.some((l) => /Cisco Nexus Operating System|NX-OS/.test(l))) return fail('no "Cisco Nexus Operating System (NX-OS)" banner; not NX-OS show version output');
  const version = firstMatch(lines, /^\s*NXOS:\s+version\s+(\S+)/i) ?? firstMatch(lines, /^\s*system:\s+version\s+(\S+)/i);
  if (!version) return fail('NX-OS output without an "NXOS: version" or "system: version" line');
  return ok({
    device: {
      vendor: 'Cisco',
      model: firstMatch(lines, /^\s*cisco (.+?)\s+[Cc]hassis\b/),
      osName: 'NX-OS',
      osVersion: version,
      hostname: firstMatch(lines, /^\s*Device name:\s*(\S+)/),
      serial: firstMatch(lines, /^\s*Processor Board ID\s+(\S+)/i),
      uptime: firstMatch(lines, /^\s*Kernel uptime is\s+(.+)$/),
      raw: compactRecord({
        bios: firstMatch(lines, /^\s*BIOS:\s+version\s+(\S+)/i),
        kickstart: firstMatch(lines, /^\s*kickstart:\s+version\s+(\S+)/i),
        imageFile: firstMatch(lines, /^\s*(?:NXOS|system) image file is:\s*(\S+)/i),
        reloadReason: firstMatch(lines, /^\s*Reason:\s*(.+)$/),
      }),
    },
  });
}
