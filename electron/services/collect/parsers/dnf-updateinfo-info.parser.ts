import { cleanLines, excerpt, MAX_LINE_LENGTH } from './input-text';
import { describeFailure, fail, ok } from './parse-result';
import { readUpdateinfoDate } from './published-date';
import type { ParseResult, ParserInput } from './types';

/** The publication date of each advisory `updateinfo info` described. */
export interface RpmAdvisoryDates {
  /** Advisory id (`RHSA-2023:0402`) to ISO-8601 instant. */
  dates: Map<string, string>;
}

// `  Update ID: RHSA-2023:0402` (dnf 4), ` Update ID : RHSA-2019:1481` (yum 3), `Name : FEDORA-...` (dnf 5).
const FIELD = /^\s*(Update ID|Name|Issued|Updated)\s*:\s*(.*?)\s*$/;

/**
 * Parses `dnf updateinfo info` / `yum updateinfo info`: blocks of `Label : value` lines, one per
 * advisory. Keeps each advisory's `Issued` date (yum 3, dnf 5), or its `Updated` date where that
 * is all the tool prints (dnf 4: the same day as Issued unless the advisory was revised, then
 * later). Dates have no zone and are read as UTC days. Continuation lines of a description start
 * with an empty label (`           : text`), so a description cannot pose as a field.
 *
 * Fails closed: an advisory whose date cannot be read fails the whole output (naming it), so no
 * fix ever gets a date that is not the vendor's; the caller then counts from first seen.
 */
export function parseDnfUpdateinfoInfo(input: ParserInput): ParseResult<RpmAdvisoryDates> {
  const { stdout, stderr, exitCode } = input;
  if (exitCode !== undefined && exitCode !== 0) return fail(`updateinfo info failed (${describeFailure(exitCode, stderr || stdout)})`);
  const dates = new Map<string, string>();
  let id: string | null = null;
  let issued: string | null = null;
  let updated: string | null = null;
  // The error for the block just ended, or null when it was fine.
  const close = (): string | null => {
    const text = issued ?? updated;
    if (id !== null && text !== null) {
      const at = readUpdateinfoDate(text);
      if (at === null) return `advisory ${excerpt(id, 60)} has an unreadable date "${excerpt(text, 40)}"`;
      const known = dates.get(id);
      if (known === undefined || at < known) dates.set(id, at);
    }
    id = issued = updated = null;
    return null;
  };
  for (const line of cleanLines(stdout)) {
    if (line.length > MAX_LINE_LENGTH) continue;
    const m = FIELD.exec(line);
    if (!m) continue;
    const [, label, value = ''] = m;
    if (label === 'Update ID' || label === 'Name') {
      const failed = close();
      if (failed) return fail(failed);
      id = value;
    } else if (id !== null && label === 'Issued') issued = value;
    else if (id !== null && label === 'Updated') updated = value;
  }
  const failed = close();
  if (failed) return fail(failed);
  return ok({ dates });
}
