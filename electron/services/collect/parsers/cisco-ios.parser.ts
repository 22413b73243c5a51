import { compactRecord, deviceLines, firstMatch } from './device-text';
import { describeFailure, fail, ok } from './parse-result';
import type { DeviceResult, ParseResult, ParserInput } from './types';

// Anchored on the software banner: ROM, bootstrap and licence lines also say "Version".
const IOS_LINE = /^Cisco IOS Software\b.*?,\s*Version\s+([^\s,]+)/;
const XE_LINE = /^Cisco IOS XE Software,\s*Version\s+([^\s,]+)/;

/**
 * Parses Cisco IOS / IOS-XE `show version` (after `terminal length 0`). The version comes from
 * the `Cisco IOS Software ..., Version X` banner; on IOS-XE 16+ that line carries the
 * unpadded `17.3.4` while the first line has `17.03.04`, kept as `raw.xeVersion`. Model, serial
 * and hostname come from `cisco <model> (...) processor`, `Processor board ID` and
 * `<host> uptime is`; stacks list several, the first is the active unit.
 */
export function parseCiscoIos(input: ParserInput): ParseResult<DeviceResult> {
  const { stdout, stderr, exitCode } = input;
  if (exitCode !== undefined && exitCode !== 0) return fail(`show version failed (${describeFailure(exitCode, stderr || stdout)})`);
  const lines = deviceLines(stdout);
  if (lines.some((l) => /^% (?:Invalid input|Incomplete command|Ambiguous command)/.test(l.trim()))) return fail('the device rejected the command');
  const xeVersion = firstMatch(lines, XE_LINE);
  const version = firstMatch(lines, IOS_LINE) ?? xeVersion;
  if (!version) return fail('no "Cisco IOS Software ..., Version" line; not IOS show version output');
  const uptimeLine = lines.map((l) => /^(\S+) uptime is (.+)$/.exec(l.trim())).find((m) => m !== null);
  return ok({
    device: {
      vendor: 'Cisco',
      model: firstMatch(lines, /^cisco (\S+) \(.*\) processor/i),
      osName: xeVersion ? 'IOS-XE' : 'IOS',
      osVersion: version,
      hostname: uptimeLine?.[1] ?? null,
      serial: firstMatch(lines, /^Processor board ID (\S+)/),
      uptime: uptimeLine?.[2]?.trim() ?? null,
      raw: compactRecord({
        image: firstMatch(lines, /^Cisco IOS Software.*?\(([^)]+)\),\s*Version/),
        imageFile: firstMatch(lines, /^System image file is "([^"]+)"/),
        rom: firstMatch(lines, /^ROM: (.+)$/),
        xeVersion,
        reloadReason: firstMatch(lines, /^(?:System returned to ROM by|Last reload reason:) (.+)$/),
        configRegister: firstMatch(lines, /^Configuration register is (\S+)/),
      }),
    },
  });
}
