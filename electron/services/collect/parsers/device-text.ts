import { cleanLines } from './input-text';

// CLI lines of network devices are short; a tighter cap bounds the per-line patterns further.
const DEVICE_LINE_LENGTH = 2_048;

/** Clean, length-capped lines of a device's CLI output. */
export function deviceLines(stdout: string): string[] {
  return cleanLines(stdout).filter((l) => l.length <= DEVICE_LINE_LENGTH);
}

/** The first capture group of the first line `re` matches, trimmed; null when none does. */
export function firstMatch(lines: string[], re: RegExp): string | null {
  for (const line of lines) {
    const m = re.exec(line);
    if (m?.[1] !== undefined) return m[1].trim();
  }
  return null;
}

/** Drops undefined and null entries so `raw` only holds what the device printed. */
export function compactRecord(entries: Record<string, string | null | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(entries)) if (v !== null && v !== undefined && v !== '') out[k] = v;
  return out;
}
