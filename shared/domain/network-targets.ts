/**
 * Parsing and expansion of scan targets: CIDR blocks (`10.0.0.0/24`), ranges (`10.0.0.5-40`,
 * `10.0.0.5-10.0.1.20`) and single IPv4 addresses. Pure: used by the site form, the scanner and
 * the CLI alike, so a target means the same thing everywhere.
 */

/** One parsed target: an inclusive range of IPv4 addresses as 32-bit unsigned integers. */
export interface TargetRange {
  /** The text as the user wrote it (trimmed). */
  readonly source: string;
  readonly first: number;
  readonly last: number;
}

/** The outcome of parsing one target text. */
export type TargetParseResult = { ok: true; range: TargetRange } | { ok: false; message: string };

/** Ranges larger than this (a /16) need explicit confirmation before a scan. */
export const LARGE_SCAN_THRESHOLD = 65_536;

/** Hard upper bound on one scan, whatever is confirmed: a /8. */
export const MAX_SCAN_ADDRESSES = 16_777_216;

const OCTET = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/** Parses a dotted-quad IPv4 address into an unsigned 32-bit integer, or null when malformed. */
export function parseIpv4(text: string): number | null {
  const parts = text.trim().split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!OCTET.test(part)) return null;
    value = value * 256 + Number(part);
  }
  return value;
}

/** Formats an unsigned 32-bit integer as a dotted-quad IPv4 address. */
export function formatIpv4(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

/** True when the text is a well-formed IPv4 address. */
export function isIpv4(text: string): boolean {
  return parseIpv4(text) !== null;
}

/**
 * Parses one target. Accepted forms: `a.b.c.d`, `a.b.c.d/n` (the network address need not be
 * aligned; host bits are masked off, as nmap does), `a.b.c.d-e` (last octet range) and
 * `a.b.c.d-e.f.g.h` (full range). Messages name the target and what is wrong with it.
 */
export function parseTarget(input: string): TargetParseResult {
  const source = input.trim();
  if (source === '') return { ok: false, message: 'empty target' };

  const slash = source.indexOf('/');
  if (slash >= 0) {
    const base = parseIpv4(source.slice(0, slash));
    const prefixText = source.slice(slash + 1);
    if (base === null) return { ok: false, message: `"${source}": "${source.slice(0, slash)}" is not an IPv4 address` };
    if (!/^\d{1,2}$/.test(prefixText) || Number(prefixText) > 32) {
      return { ok: false, message: `"${source}": prefix length must be a number from 0 to 32` };
    }
    const prefix = Number(prefixText);
    const size = 2 ** (32 - prefix);
    const first = Math.floor(base / size) * size;
    return { ok: true, range: { source, first, last: first + size - 1 } };
  }

  const dash = source.indexOf('-');
  if (dash >= 0) {
    const startText = source.slice(0, dash).trim();
    const endText = source.slice(dash + 1).trim();
    const first = parseIpv4(startText);
    if (first === null) return { ok: false, message: `"${source}": "${startText}" is not an IPv4 address` };
    let last: number | null;
    if (/^\d{1,3}$/.test(endText)) {
      last = OCTET.test(endText) ? Math.floor(first / 256) * 256 + Number(endText) : null;
      if (last === null) return { ok: false, message: `"${source}": range end "${endText}" must be 0 to 255` };
    } else {
      last = parseIpv4(endText);
      if (last === null) return { ok: false, message: `"${source}": range end "${endText}" is not an IPv4 address or last octet` };
    }
    if (last < first) {
      return { ok: false, message: `"${source}": range is reversed (ends at ${formatIpv4(last)}, before it starts)` };
    }
    return { ok: true, range: { source, first, last } };
  }

  const single = parseIpv4(source);
  if (single === null) return { ok: false, message: `"${source}" is not an IPv4 address, CIDR block or range` };
  return { ok: true, range: { source, first: single, last: single } };
}

/** The result of parsing a list of targets: all ranges, or every problem with its position. */
export type TargetListResult =
  | { ok: true; ranges: TargetRange[]; addressCount: number }
  | { ok: false; problems: { index: number; message: string }[] };

/**
 * Parses a list of targets. Overlapping targets are kept as written; {@link countAddresses}
 * counts each address once, and {@link iterateAddresses} yields each address once.
 */
export function parseTargets(inputs: readonly string[]): TargetListResult {
  const ranges: TargetRange[] = [];
  const problems: { index: number; message: string }[] = [];
  inputs.forEach((input, index) => {
    const result = parseTarget(input);
    if (result.ok) ranges.push(result.range);
    else problems.push({ index, message: result.message });
  });
  if (problems.length > 0) return { ok: false, problems };
  if (ranges.length === 0) return { ok: false, problems: [{ index: 0, message: 'no targets given' }] };
  return { ok: true, ranges, addressCount: countAddresses(ranges) };
}

/** Sorts and merges overlapping or adjacent ranges. */
export function mergeRanges(ranges: readonly TargetRange[]): { first: number; last: number }[] {
  const sorted = [...ranges].sort((a, b) => a.first - b.first);
  const merged: { first: number; last: number }[] = [];
  for (const range of sorted) {
    const previous = merged[merged.length - 1];
    if (previous && range.first <= previous.last + 1) previous.last = Math.max(previous.last, range.last);
    else merged.push({ first: range.first, last: range.last });
  }
  return merged;
}

/** Counts distinct addresses covered by the ranges. */
export function countAddresses(ranges: readonly TargetRange[]): number {
  return mergeRanges(ranges).reduce((total, range) => total + (range.last - range.first + 1), 0);
}

/** Yields every distinct address covered by the ranges, in ascending order, without materialising them. */
export function* iterateAddresses(ranges: readonly TargetRange[]): Generator<string> {
  for (const range of mergeRanges(ranges)) {
    for (let value = range.first; value <= range.last; value++) yield formatIpv4(value);
  }
}

/** True when the address lies inside any of the ranges. */
export function rangesContain(ranges: readonly TargetRange[], address: string): boolean {
  const value = parseIpv4(address);
  if (value === null) return false;
  return ranges.some((range) => value >= range.first && value <= range.last);
}
