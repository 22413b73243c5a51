/**
 * Installed-package inventories the shared parser registry has no entry for: Alpine's
 * `/lib/apk/db/installed` and Arch's `pacman -Q`. Like every parser, empty or unreadable
 * output is an error, never an empty inventory.
 */
import { cleanLines, excerpt, MAX_LINE_LENGTH, WarningSink } from '../parsers/input-text';
import { describeFailure, fail, ok } from '../parsers/parse-result';
import type { InstalledPackage, PackageList, ParseResult, ParserInput } from '../parsers/types';

/**
 * Parses the apk database (`/lib/apk/db/installed`): blank-line separated records whose `P:`,
 * `V:`, `A:` and `o:` lines give name, version, arch and origin (the source package secdb uses).
 */
export function parseApkInstalledDb(input: ParserInput): ParseResult<PackageList> {
  const { stdout, stderr, exitCode } = input;
  if (exitCode !== undefined && exitCode !== 0) return fail(`reading the apk database failed (${describeFailure(exitCode, stderr || stdout)})`);
  const packages: InstalledPackage[] = [];
  const warnings = new WarningSink();
  let record = new Map<string, string>();
  const close = () => {
    const name = record.get('P');
    const version = record.get('V');
    if (name && version) {
      const pkg: InstalledPackage = { name, version, arch: record.get('A') ?? '', status: 'installed' };
      const origin = record.get('o');
      if (origin) {
        pkg.sourceName = origin;
        pkg.sourceVersion = version;
      }
      packages.push(pkg);
    } else if (record.size > 0) warnings.add('skipped an apk database record without P: or V:');
    record = new Map();
  };
  for (const line of cleanLines(stdout)) {
    if (line.trim() === '') {
      close();
      continue;
    }
    const m = line.length > MAX_LINE_LENGTH ? null : /^([A-Za-z]):(.*)$/.exec(line);
    if (m && !record.has(m[1] ?? '')) record.set(m[1] ?? '', (m[2] ?? '').trim());
  }
  close();
  if (packages.length === 0) return fail('the apk database holds no package records');
  return ok({ packages, warnings: warnings.list() });
}

/** Parses `pacman -Q`: one `name version` pair per line. */
export function parsePacmanInstalled(input: ParserInput): ParseResult<PackageList> {
  const { stdout, stderr, exitCode } = input;
  if (exitCode !== undefined && exitCode !== 0) return fail(`pacman -Q failed (${describeFailure(exitCode, stderr || stdout)})`);
  const packages: InstalledPackage[] = [];
  const warnings = new WarningSink();
  for (const line of cleanLines(stdout)) {
    if (line.trim() === '') continue;
    const m = line.length > MAX_LINE_LENGTH ? null : /^(\S+) (\S+)\s*$/.exec(line);
    if (m) packages.push({ name: m[1] ?? '', version: m[2] ?? '', arch: '', status: 'installed' });
    else warnings.add(`unreadable pacman -Q line: ${excerpt(line)}`);
  }
  if (packages.length === 0) return fail('pacman -Q printed no packages');
  return ok({ packages, warnings: warnings.list() });
}
