import { cleanLines, excerpt } from './input-text';
import { fail, ok } from './parse-result';
import { readReleaseDate } from './published-date';
import type { ParseResult, ParserInput, PendingUpdate } from './types';

/** The identity and `Date:` of one apt Release/InRelease file in /var/lib/apt/lists. */
export interface AptReleaseFile {
  file: string;
  label: string;
  suite: string;
  codename: string;
  /** ISO-8601; null when the file has no readable `Date:`. */
  date: string | null;
}

/** Result of {@link parseAptReleaseDates}. */
export interface AptReleaseDates {
  releases: AptReleaseFile[];
  warnings: string[];
}

const FIELD = /^(Origin|Label|Suite|Codename|Version|Date):\s*(.*?)\s*$/;

/**
 * Parses the collector's `apt-release-dates` section: for each Release or InRelease file, a line
 * `== <file name>` and then its `Label:`, `Suite:`, `Codename:` and `Date:` header lines. A
 * `Date:` that cannot be read leaves that file undated with a warning (never a guessed date).
 */
export function parseAptReleaseDates(input: ParserInput): ParseResult<AptReleaseDates> {
  if (input.exitCode !== undefined && input.exitCode !== 0) return fail(`listing the apt Release files failed (exit code ${input.exitCode})`);
  const releases: AptReleaseFile[] = [];
  const warnings: string[] = [];
  let current: AptReleaseFile | null = null;
  for (const line of cleanLines(input.stdout)) {
    if (line.startsWith('== ')) {
      current = { file: line.slice(3).trim(), label: '', suite: '', codename: '', date: null };
      releases.push(current);
      continue;
    }
    const m = FIELD.exec(line);
    if (!m || current === null) continue;
    const [, field, value = ''] = m;
    if (field === 'Label') current.label = value;
    else if (field === 'Suite') current.suite = value;
    else if (field === 'Codename') current.codename = value;
    else if (field === 'Date') {
      current.date = readReleaseDate(value);
      if (current.date === null && warnings.length < 20) warnings.push(`${excerpt(current.file, 80)}: unreadable Date "${excerpt(value, 40)}"; its fixes count from first seen`);
    }
  }
  return ok({ releases, warnings });
}

/**
 * Dates apt upgrades by the Release files of the archives that offer their candidate (apt-get's
 * release list, kept in `repository` as archives joined by ", "). The candidate was in the
 * archive when its Release file was generated, so that `Date:` is an UPPER bound of the fix's
 * publication (basis `repository_date`): exact only when the host fetched the lists soon after the
 * fix came out; on a host whose lists are months old it still proves the fix was out by then.
 * Where several files carry one archive name (a third-party `stable`), the latest date is kept;
 * over the archives offering the candidate, the earliest. An archive without a dated file leaves
 * the update undated.
 */
export function applyAptReleaseDates(updates: PendingUpdate[], releases: readonly AptReleaseFile[]): PendingUpdate[] {
  return updates.map((u) => {
    if (u.kind !== 'upgrade' || u.repository === '') return u;
    let earliest: string | null = null;
    for (const archive of u.repository.split(', ')) {
      const files = releases.filter((r) => r.suite === archive || r.codename === archive);
      if (files.length === 0 || files.some((r) => r.date === null)) continue;
      const latest = files.map((r) => r.date as string).reduce((a, b) => (b > a ? b : a));
      if (earliest === null || latest < earliest) earliest = latest;
    }
    return earliest === null ? u : { ...u, publishedAt: earliest, publishedBasis: 'repository_date' as const };
  });
}
