import { binaryDataProblem, cleanLines, excerpt, MAX_LINE_LENGTH, WarningSink } from './input-text';
import { describeFailure, fail, ok } from './parse-result';
import type { ParseResult, ParserInput, PendingUpdate, UpdateList } from './types';

// `name/suite[,suite...] candidate arch [upgradable from: installed]`
const ROW = /^([^\s/]+)\/(\S*) (\S+) (\S+)(?: \[[^\]:]*: ([^\]\s]+)\])?\s*$/;
// `Listing...`, `Listing... Done` and their translations all end in an ellipsis and maybe a word.
const HEADER = /(?:\.\.\.|…)(?:\s*\S+)?\s*$/;

/**
 * Parses `apt list --upgradable`. Security when any suite ends in `-security`; suites may repeat.
 * Multi-arch packages appear once per arch and stay separate. The stderr warning about apt's
 * unstable CLI is ignored; `E:` lines, a non-zero exit or unrecognised output are errors.
 */
export function parseAptList(input: ParserInput): ParseResult<UpdateList> {
  const { stdout, stderr, exitCode } = input;
  if (exitCode !== undefined && exitCode !== 0) return fail(`apt list failed (${describeFailure(exitCode, stderr || stdout)})`);
  const binary = binaryDataProblem(stdout);
  if (binary) return fail(`apt list output cannot be read: ${binary}`);
  const errorLine = [stdout, stderr ?? ''].map((s) => cleanLines(s).find((l) => l.startsWith('E: '))).find(Boolean);
  if (errorLine) return fail(`apt reported an error: ${excerpt(errorLine)}`);

  const updates: PendingUpdate[] = [];
  const warnings = new WarningSink();
  let headerSeen = false;
  let unknown = 0;
  for (const line of cleanLines(stdout)) {
    if (line.trim() === '') continue;
    if (line.length > MAX_LINE_LENGTH) {
      unknown++;
      continue;
    }
    const m = ROW.exec(line);
    if (m) {
      const suites = (m[2] ?? '').split(',').filter(Boolean);
      updates.push({
        name: m[1] ?? '',
        arch: m[4] ?? '',
        installedVersion: m[5] ?? null,
        availableVersion: m[3] ?? '',
        repository: [...new Set(suites)].join(', '),
        security: suites.some((s) => s.endsWith('-security')),
        cves: [],
        advisories: [],
        kind: m[5] === undefined ? 'new' : 'upgrade',
      });
      continue;
    }
    if (!headerSeen && updates.length === 0 && HEADER.test(line)) {
      headerSeen = true;
      continue;
    }
    if (line.startsWith('W: ') || line.startsWith('N: ') || /^WARNING: apt does not have a stable CLI/.test(line)) continue;
    unknown++;
    warnings.add(`unrecognised line: ${excerpt(line)}`);
  }
  if (updates.length === 0 && unknown > 0) return fail('apt list output holds no package rows and unrecognised lines');
  return ok({ updates, warnings: warnings.list() });
}
