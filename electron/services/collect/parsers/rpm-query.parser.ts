import { formatRpmEvr, parseNevra, parseRpmEvr } from '../../../../shared/domain/versions';
import { binaryDataProblem, cleanLines, excerpt, MAX_LINE_LENGTH, WarningSink } from './input-text';
import { describeFailure, fail, ok } from './parse-result';
import type { InstalledPackage, PackageList, ParseResult, ParserInput } from './types';

const NONE = '(none)';

/**
 * Parses `rpm -qa --queryformat` in either of two shapes:
 * - tab-separated `%{NAME}\t%{EPOCHNUM}\t%{VERSION}\t%{RELEASE}\t%{ARCH}\t%{SOURCERPM}` (the
 *   recommended format; `%{EPOCH}` printing `(none)` is accepted too);
 * - one JSON object per line with `package`, `version` (`[epoch:]version-release`),
 *   `architecture` and `source_name` (the `.src.rpm` file name).
 * Versions are `[epoch:]version-release` with the epoch only when non-zero. `gpg-pubkey` rows are
 * skipped. The source rpm file name is split into `sourceName` and `sourceVersion`.
 */
export function parseRpmQuery(input: ParserInput): ParseResult<PackageList> {
  const { stdout, stderr, exitCode } = input;
  if (exitCode !== undefined && exitCode !== 0) return fail(`rpm query failed (${describeFailure(exitCode, stderr || stdout)})`);
  const binary = binaryDataProblem(stdout);
  if (binary) return fail(`rpm output cannot be read: ${binary}`);
  const packages: InstalledPackage[] = [];
  const warnings = new WarningSink();
  let bad = 0;
  for (const line of cleanLines(stdout)) {
    if (line.trim() === '') continue;
    const row = line.length > MAX_LINE_LENGTH ? null : line.trimStart().startsWith('{') ? fromJson(line) : fromTabs(line);
    if (row === 'skip') continue;
    if (row) packages.push(row);
    else {
      bad++;
      warnings.add(`unreadable rpm row: ${excerpt(line)}`);
    }
  }
  if (packages.length === 0) return fail(bad > 0 ? 'rpm output holds no readable rows' : 'rpm printed no packages; an rpm system always has some');
  return ok({ packages, warnings: warnings.list() });
}

function fromTabs(line: string): InstalledPackage | 'skip' | null {
  const cells = line.split('\t');
  if (cells.length < 5) return null;
  const [name = '', epoch = '', version = '', release = '', arch = '', sourceRpm = ''] = cells;
  if (name === 'gpg-pubkey') return 'skip';
  if (name === '' || version === '' || !/^(?:\d+|\(none\))?$/.test(epoch)) return null;
  const evr = formatRpmEvr({ epoch: epoch === NONE || epoch === '' ? 0 : Number(epoch), version, release: release === NONE ? '' : release });
  return build(name, evr, arch, sourceRpm);
}

function fromJson(line: string): InstalledPackage | 'skip' | null {
  let o: unknown;
  try {
    o = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof o !== 'object' || o === null) return null;
  const r = o as Record<string, unknown>;
  const str = (k: string): string => (typeof r[k] === 'string' ? (r[k] as string) : '');
  const name = str('package') || str('name');
  if (name === 'gpg-pubkey') return 'skip';
  const version = str('version');
  if (name === '' || version === '') return null;
  return build(name, formatRpmEvr(parseRpmEvr(version.replace(/^\(none\):/, ''))), str('architecture') || str('arch'), str('source_name') || str('sourcerpm'));
}

function build(name: string, version: string, arch: string, sourceRpm: string): InstalledPackage {
  const pkg: InstalledPackage = { name, version, arch: arch === NONE ? '' : arch, status: 'installed' };
  const src = sourceRpm === NONE || sourceRpm === '' ? null : parseNevra(sourceRpm);
  if (src) {
    pkg.sourceName = src.name;
    pkg.sourceVersion = `${src.version}-${src.release}`;
  }
  return pkg;
}
