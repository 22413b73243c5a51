import { cleanLines, excerpt, MAX_LINE_LENGTH, WarningSink } from './input-text';
import { describeFailure, fail, ok } from './parse-result';
import type { ParseResult, ParserInput, PendingUpdate, UpdateList } from './types';

// apk list -u: `pkg-ver arch {origin} (licence) [upgradable from: pkg-oldver]`; licences hold spaces.
const LIST_ROW = /^(\S+) (\S+) \{([^}]*)\} \((.*)\) \[upgradable from: (\S+)\]\s*$/;
// apk version -l '<': `pkg-ver   < newver`.
const VERSION_ROW = /^(\S+)\s+([<>=?~])\s+(\S+)\s*$/;
const NOISE = /^(?:WARNING:|fetch |Installed:\s+Available:|OK:)/;

/** Splits `name-version-rN` at the last two hyphens, as apk does. */
function splitPkgVer(s: string): { name: string; version: string } | null {
  const r = s.lastIndexOf('-');
  if (r <= 0) return null;
  const v = s.lastIndexOf('-', r - 1);
  if (v <= 0) return null;
  return { name: s.slice(0, v), version: s.slice(v + 1) };
}

/**
 * Parses Alpine `apk list --upgradable` (`apk list -u`) and `apk version -l '<'` output.
 * The list form gives the arch and `{origin}` (secdb keys on it; kept in `repository` as
 * `origin:<name>` since the format has no repository). apk cannot tell security updates.
 * `ERROR:` lines, a non-zero exit or unrecognised output without rows are errors.
 */
export function parseApk(input: ParserInput): ParseResult<UpdateList> {
  const { stdout, stderr, exitCode } = input;
  if (exitCode !== undefined && exitCode !== 0) return fail(`apk failed (${describeFailure(exitCode, stderr || stdout)})`);
  const err = cleanLines(`${stdout}\n${stderr ?? ''}`).find((l) => l.startsWith('ERROR:'));
  if (err) return fail(`apk reported an error: ${excerpt(err)}`);
  const updates: PendingUpdate[] = [];
  const warnings = new WarningSink();
  let unknown = 0;
  for (const line of cleanLines(stdout)) {
    if (line.trim() === '' || NOISE.test(line)) continue;
    const u = line.length > MAX_LINE_LENGTH ? null : fromList(line) ?? fromVersion(line, warnings);
    if (u === 'skip') continue;
    if (u) updates.push(u);
    else {
      unknown++;
      warnings.add(`unrecognised apk line: ${excerpt(line)}`);
    }
  }
  if (updates.length === 0 && unknown > 0) return fail('apk output holds no upgrade rows and unrecognised text');
  return ok({ updates, warnings: warnings.list() });
}

function fromList(line: string): PendingUpdate | null {
  const m = LIST_ROW.exec(line);
  if (!m) return null;
  const now = splitPkgVer(m[1] ?? '');
  if (!now) return null;
  const from = m[5] ?? '';
  const installed = from.startsWith(`${now.name}-`) ? from.slice(now.name.length + 1) : (splitPkgVer(from)?.version ?? null);
  return { name: now.name, arch: m[2] ?? '', installedVersion: installed, availableVersion: now.version, repository: `origin:${m[3] ?? ''}`, security: null, cves: [], advisories: [], kind: 'upgrade' };
}

function fromVersion(line: string, warnings: WarningSink): PendingUpdate | 'skip' | null {
  const m = VERSION_ROW.exec(line);
  if (!m) return null;
  const now = splitPkgVer(m[1] ?? '');
  if (!now) return null;
  if (m[2] !== '<') {
    warnings.add(`skipped ${now.name}: apk marks it '${m[2]}', not '<'`);
    return 'skip';
  }
  return { name: now.name, installedVersion: now.version, availableVersion: m[3] ?? '', repository: '', security: null, cves: [], advisories: [], kind: 'upgrade' };
}
