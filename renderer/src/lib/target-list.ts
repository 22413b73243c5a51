import { countAddresses, LARGE_SCAN_THRESHOLD, parseTarget, type TargetRange } from '../../../shared/domain/network-targets';

/** One line of a target list as the user typed it, checked by the shared parser. */
export type TargetEntry = { source: string; ok: true; addresses: number } | { source: string; ok: false; message: string };

/** A whole target list: each entry, the distinct address total and whether it needs confirmation. */
export interface TargetListSummary {
  entries: TargetEntry[];
  targets: string[];
  /** Distinct addresses over the valid entries (overlaps counted once). */
  addressCount: number;
  problems: string[];
  large: boolean;
}

/** Splits free text (one target per line, or separated by commas or spaces) into targets. */
export function splitTargets(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/** Checks every target with the shared parser, as the host will. */
export function summariseTargets(targets: readonly string[]): TargetListSummary {
  const ranges: TargetRange[] = [];
  const entries: TargetEntry[] = targets.map((source) => {
    const result = parseTarget(source);
    if (!result.ok) return { source, ok: false, message: result.message };
    ranges.push(result.range);
    return { source, ok: true, addresses: result.range.last - result.range.first + 1 };
  });
  const addressCount = countAddresses(ranges);
  return {
    entries,
    targets: [...targets],
    addressCount,
    problems: entries.flatMap((entry) => (entry.ok ? [] : [entry.message])),
    large: addressCount > LARGE_SCAN_THRESHOLD,
  };
}
