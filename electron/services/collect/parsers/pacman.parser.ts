import { cleanLines, excerpt, MAX_LINE_LENGTH, WarningSink } from './input-text';
import { describeFailure, fail, ok } from './parse-result';
import type { ParseResult, ParserInput, PendingUpdate, UpdateList } from './types';

const ROW = /^(\S+) (\S+) -> (\S+)( \[ignored\])?\s*$/;

/**
 * Parses Arch `checkupdates [--nocolor]` and `pacman -Qu`: `name old -> new`, pacman adding
 * ` [ignored]` for IgnorePkg entries (kept out of `updates`, reported as warnings).
 *
 * Exit codes: checkupdates 0 = updates, 2 = none, 1 = failure. `pacman -Qu` exits 1 when there
 * is nothing to upgrade, so exit 1 with empty stdout and stderr is read as "none"; checkupdates
 * always prints `==> ERROR: ...` when it fails, which stays an error.
 */
export function parsePacman(input: ParserInput): ParseResult<UpdateList> {
  const { stdout, stderr, exitCode } = input;
  const silent = stdout.trim() === '' && (stderr ?? '').trim() === '';
  if (exitCode === 2) return stdout.trim() === '' ? ok({ updates: [], warnings: [] }) : fail('exit 2 (no updates) but output was printed');
  if (exitCode === 1 && silent) return ok({ updates: [], warnings: [] });
  if (exitCode !== undefined && exitCode !== 0) return fail(`checkupdates failed (${describeFailure(exitCode, stderr || stdout)})`);
  const err = cleanLines(`${stdout}\n${stderr ?? ''}`).find((l) => /^(?:==> )?ERROR:|^error:/.test(l));
  if (err) return fail(`pacman reported an error: ${excerpt(err)}`);
  const updates: PendingUpdate[] = [];
  const warnings = new WarningSink();
  let unknown = 0;
  for (const line of cleanLines(stdout)) {
    if (line.trim() === '') continue;
    const m = line.length > MAX_LINE_LENGTH ? null : ROW.exec(line);
    if (!m) {
      unknown++;
      warnings.add(`unrecognised line: ${excerpt(line)}`);
      continue;
    }
    if (m[4]) {
      warnings.add(`${m[1]} ${m[3]} is held back by IgnorePkg`);
      continue;
    }
    updates.push({ name: m[1] ?? '', installedVersion: m[2] ?? '', availableVersion: m[3] ?? '', repository: '', security: null, cves: [], advisories: [], kind: 'upgrade' });
  }
  if (updates.length === 0 && unknown > 0) return fail('pacman output holds no update rows and unrecognised text');
  if (exitCode === 0 && updates.length === 0 && unknown === 0 && warnings.warnings.length === 0) {
    return fail('checkupdates exited 0 (updates printed) but printed nothing');
  }
  return ok({ updates, warnings: warnings.list() });
}
