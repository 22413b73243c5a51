/**
 * End-of-life dates of operating system releases: the schema of the bundled table
 * (`resources/eol/os-eol.json`, or a replacement an admin supplies) and the lookup of one host's
 * release in it. Pure, so the main side and the renderer read a table the same way.
 */
import { z } from 'zod';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

const CalendarDate = z
  .string()
  .regex(DATE, 'expected a date as YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'not a calendar date');

/**
 * One release. Linux releases are matched on `/etc/os-release` `ID` and `VERSION_ID`, Windows
 * on the product id (`windows` or `windows-server`, as the Windows collector sets it) and build.
 */
export const EolEntrySchema = z
  .object({
    /** os-release `ID` (`debian`, `rhel`, `ol`, `sles`, `amzn`), or `windows` / `windows-server`. */
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'expected a lower-case os-release ID'),
    /**
     * `VERSION_ID` pattern: exact (`22.04`, `15.5`), or ending in `.*` for that version and its
     * point releases (`9.*` matches `9` and `9.4`).
     */
    version: z.string().regex(/^[0-9A-Za-z][0-9A-Za-z._-]*(?:\.\*)?$/, 'expected a version such as 12, 22.04 or 9.*').optional(),
    /** Windows build number (`20348`); the host's `10.0.20348.2340` matches it. */
    build: z.string().regex(/^\d+$/, 'expected a build number such as 20348').optional(),
    /** Case-insensitive text the OS name must contain (`Stream`, `LTSC`), for releases sharing an id and version. */
    nameIncludes: z.string().min(1).optional(),
    name: z.string().min(1),
    /** The last day with security updates from the default sources, without an extra subscription. */
    eol: CalendarDate,
    /** The end of paid extended support (Ubuntu Pro ESM, RHEL ELS, SUSE LTSS, Windows ESU), when known. */
    extendedEol: CalendarDate.optional(),
    /** Where the date comes from, as text; never fetched. */
    source: z.string().min(1),
    /** Caveats, including dates that are estimates. */
    note: z.string().optional(),
  })
  .strict()
  .refine((e) => e.version !== undefined || e.build !== undefined, 'needs a version or a build');

/** A validated table entry. */
export type EolEntry = z.infer<typeof EolEntrySchema>;

/** The whole table file. */
export const EolTableSchema = z
  .object({
    schema: z.literal(1),
    /** When the table was last reviewed. */
    updated: CalendarDate,
    note: z.string().optional(),
    entries: z.array(z.unknown()),
  })
  .strict();

/** A validated end-of-life table. */
export interface EolTable {
  updated: string;
  entries: EolEntry[];
}

/** What a host's release looks like to the lookup; `HostCollection.os` provides these. */
export interface EolQuery {
  osId: string;
  version: string;
  /** Windows build (`10.0.20348.2340` or `20348`); ignored for entries without a build. */
  build?: string;
  /** The OS name, needed only by entries with `nameIncludes`. */
  name?: string;
}

/** The end-of-life facts of one host's release. */
export interface EolResult {
  date: string;
  /** True once `today` is after `date`. */
  unsupported: boolean;
  name: string;
  source: string;
  extendedEol?: string;
  note?: string;
}

/**
 * Validates a table read from JSON. Every problem is reported with the entry's position and,
 * where readable, its id and version, e.g. `entry 4 (ubuntu 22.04): eol: expected a date`.
 */
export function parseEolTable(json: unknown): { ok: true; value: EolTable } | { ok: false; message: string } {
  const top = EolTableSchema.safeParse(json);
  if (!top.success) return { ok: false, message: `end-of-life table: ${describeIssues(top.error.issues)}` };
  const entries: EolEntry[] = [];
  const problems: string[] = [];
  const seen = new Map<string, number>();
  top.data.entries.forEach((raw, index) => {
    const label = entryLabel(raw, index);
    const parsed = EolEntrySchema.safeParse(raw);
    if (!parsed.success) {
      problems.push(`${label}: ${describeIssues(parsed.error.issues)}`);
      return;
    }
    const key = [parsed.data.id, parsed.data.version ?? '', parsed.data.build ?? '', parsed.data.nameIncludes?.toLowerCase() ?? ''].join('|');
    const first = seen.get(key);
    if (first !== undefined) problems.push(`${label}: duplicates entry ${first}`);
    else seen.set(key, index);
    entries.push(parsed.data);
  });
  if (problems.length > 0) {
    const shown = problems.slice(0, 10).join('; ');
    return { ok: false, message: `end-of-life table: ${shown}${problems.length > 10 ? `; and ${problems.length - 10} more` : ''}` };
  }
  return { ok: true, value: { updated: top.data.updated, entries } };
}

/**
 * Finds the release of `query` in `table` and tells whether it is past its end of life on
 * `today` (YYYY-MM-DD; the end-of-life day itself still counts as supported). When several
 * entries match, the most specific wins: a matching `nameIncludes`, then a build, then the
 * longest version pattern. Null when the table does not know the release.
 */
export function lookupEndOfLife(table: EolTable, query: EolQuery, today: string): EolResult | null {
  const id = query.osId.trim().toLowerCase();
  const version = query.version.trim();
  const build = windowsBuild(query.build);
  const name = query.name?.toLowerCase() ?? '';
  let best: { entry: EolEntry; score: number } | null = null;
  for (const entry of table.entries) {
    if (entry.id !== id) continue;
    if (entry.build !== undefined && entry.build !== build) continue;
    if (entry.version !== undefined && !versionMatches(entry.version, version)) continue;
    if (entry.nameIncludes !== undefined && !name.includes(entry.nameIncludes.toLowerCase())) continue;
    const score = (entry.nameIncludes ? 10_000 : 0) + (entry.build ? 1_000 : 0) + (entry.version?.length ?? 0);
    if (!best || score > best.score) best = { entry, score };
  }
  if (!best) return null;
  const { entry } = best;
  const result: EolResult = { date: entry.eol, unsupported: today > entry.eol, name: entry.name, source: entry.source };
  if (entry.extendedEol) result.extendedEol = entry.extendedEol;
  if (entry.note) result.note = entry.note;
  return result;
}

function versionMatches(pattern: string, version: string): boolean {
  if (!pattern.endsWith('.*')) return pattern === version;
  const stem = pattern.slice(0, -2);
  return version === stem || version.startsWith(`${stem}.`);
}

/** `10.0.20348.2340` → `20348`; a bare build stays as it is. */
function windowsBuild(build: string | undefined): string | null {
  const text = build?.trim() ?? '';
  const dotted = /^\d+\.\d+\.(\d+)(?:\.\d+)?$/.exec(text);
  if (dotted) return dotted[1] ?? null;
  const bare = /^(\d+)(?:\.\d+)?$/.exec(text);
  return bare ? (bare[1] ?? null) : null;
}

function entryLabel(raw: unknown, index: number): string {
  const o = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const parts = [o['id'], o['version'] ?? o['build']].filter((p): p is string => typeof p === 'string' && p.length <= 40);
  return parts.length > 0 ? `entry ${index} (${parts.join(' ')})` : `entry ${index}`;
}

function describeIssues(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): string {
  return issues
    .slice(0, 3)
    .map((i) => (i.path.length > 0 ? `${i.path.map(String).join('.')}: ${i.message}` : i.message))
    .join(', ');
}
