import { binaryDataProblem, cleanLines, excerpt, MAX_LINE_LENGTH, WarningSink } from './input-text';
import { describeFailure, fail, ok } from './parse-result';
import type { InstalledPackage, PackageList, ParseResult, ParserInput } from './types';

/** The second letter of `${db:Status-Abbrev}`, spelled out as `${db:Status-Status}` would. */
const STATUS_BY_LETTER: Record<string, string> = {
  n: 'not-installed',
  c: 'config-files',
  H: 'half-installed',
  U: 'unpacked',
  F: 'half-configured',
  W: 'triggers-awaited',
  t: 'triggers-pending',
  i: 'installed',
};

/**
 * Parses `dpkg-query -W -f=...` in either of two shapes:
 * - tab-separated `${binary:Package}\t${Version}\t${Architecture}\t${db:Status-Abbrev}\t${source:Package}\t${source:Version}`
 *   (the recommended format; older dpkg may give `${Source}` such as `tar (1.27.1-2)` instead);
 * - one JSON object per line with `package`, `version`, `architecture`, `status`,
 *   `source_name`, `source_version`.
 * Rows in every status are kept, `config-files` included; callers filter on `status`.
 */
export function parseDpkgQuery(input: ParserInput): ParseResult<PackageList> {
  const { stdout, stderr, exitCode } = input;
  if (exitCode !== undefined && exitCode !== 0) return fail(`dpkg-query failed (${describeFailure(exitCode, stderr || stdout)})`);
  const binary = binaryDataProblem(stdout);
  if (binary) return fail(`dpkg-query output cannot be read: ${binary}`);
  const packages: InstalledPackage[] = [];
  const warnings = new WarningSink();
  let bad = 0;
  for (const line of cleanLines(stdout)) {
    if (line.trim() === '') continue;
    const pkg = line.length > MAX_LINE_LENGTH ? null : line.trimStart().startsWith('{') ? fromJson(line) : fromTabs(line);
    if (pkg) packages.push(pkg);
    else {
      bad++;
      warnings.add(`unreadable dpkg-query row: ${excerpt(line)}`);
    }
  }
  if (packages.length === 0) return fail(bad > 0 ? 'dpkg-query output holds no readable rows' : 'dpkg-query printed nothing; a Debian system always has packages');
  return ok({ packages, warnings: warnings.list() });
}

function fromTabs(line: string): InstalledPackage | null {
  const cells = line.split('\t');
  if (cells.length < 3) return null;
  const [rawName = '', version = '', arch = '', abbrev = '', source = '', sourceVersion = ''] = cells;
  if (rawName === '' || version === '' || /\s/.test(rawName)) return null;
  const letter = abbrev.charAt(1);
  const status = abbrev === '' ? 'installed' : STATUS_BY_LETTER[letter];
  if (status === undefined) return null;
  return withSource({ name: stripArch(rawName, arch), version, arch, status }, source.trim(), sourceVersion.trim(), version);
}

function fromJson(line: string): InstalledPackage | null {
  let o: unknown;
  try {
    o = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof o !== 'object' || o === null) return null;
  const r = o as Record<string, unknown>;
  const str = (k: string): string => (typeof r[k] === 'string' ? (r[k] as string) : '');
  const name = str('package');
  const version = str('version');
  if (name === '' || version === '') return null;
  const arch = str('architecture');
  return withSource({ name: stripArch(name, arch), version, arch, status: str('status') || 'installed' }, str('source_name'), str('source_version'), version);
}

/** `${binary:Package}` appends `:arch` for Multi-Arch: same packages; the arch has its own field. */
function stripArch(name: string, arch: string): string {
  return arch !== '' && name.endsWith(`:${arch}`) ? name.slice(0, -arch.length - 1) : name;
}

function withSource(pkg: InstalledPackage, source: string, sourceVersion: string, version: string): InstalledPackage {
  // The raw `${Source}` field reads `tar (1.27.1-2)` when the source version differs.
  const raw = /^(\S+) \((\S+)\)$/.exec(source);
  const name = raw ? (raw[1] ?? '') : source;
  const ver = raw ? (raw[2] ?? '') : sourceVersion;
  pkg.sourceName = name === '' ? pkg.name : name;
  pkg.sourceVersion = ver === '' ? version : ver;
  return pkg;
}
