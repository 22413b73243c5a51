import { parseAptRelease, isSecurityRelease } from './apt-release';
import { binaryDataProblem, cleanLines, excerpt, MAX_LINE_LENGTH, WarningSink } from './input-text';
import { describeFailure, fail, ok } from './parse-result';
import type { ParseResult, ParserInput, PendingUpdate, UpdateList } from './types';

const ACTION = /^(Inst|Conf|Remv|Purg) /;
const ERROR = /^E: /;
// The translated summary always holds four counts, whatever the language.
const SUMMARY = /^\D*\d+\D+\d+\D+\d+\D+\d+\D*$/;
const SIMULATION_NOTE = /^NOTE: This is only a simulation!/;

/**
 * Parses `apt-get -s [-qq] upgrade|dist-upgrade` (any of its simulate spellings).
 *
 * Counts from the action lines, never from the translated summary: `Inst` with an installed
 * version is an upgrade, without one a NEW package, `Remv`/`Purg` a removal; `Conf` is ignored.
 * An update is security when any of its origins has the `Debian-Security` label or a `-security`
 * archive. A non-zero exit, an `E:` line, or unrecognised output without actions is an error.
 */
export function parseAptSimulate(input: ParserInput): ParseResult<UpdateList> {
  const { stdout, stderr, exitCode } = input;
  if (exitCode !== undefined && exitCode !== 0) return fail(`apt-get failed (${describeFailure(exitCode, stderr || stdout)})`);
  const errorLine = [stdout, stderr ?? ''].map((s) => cleanLines(s).find((l) => ERROR.test(l))).find(Boolean);
  if (errorLine) return fail(`apt-get reported an error: ${excerpt(errorLine)}`);
  const binary = binaryDataProblem(stdout);
  if (binary) return fail(`apt-get output cannot be read: ${binary}`);

  const updates: PendingUpdate[] = [];
  const warnings = new WarningSink();
  let unknown = 0;
  let sawSummary = false;
  let inNote = false;
  for (const line of cleanLines(stdout)) {
    if (line.trim() === '') continue;
    // Without root, apt-get starts a simulation with this note and its indented lines; with -qq
    // and nothing to do, the note is all it prints.
    if (SIMULATION_NOTE.test(line)) {
      inNote = true;
      continue;
    }
    if (inNote && /^\s/.test(line)) continue;
    inNote = false;
    if (line.length > MAX_LINE_LENGTH) {
      warnings.add(`ignored an over-long line (${line.length} characters)`);
      continue;
    }
    const action = ACTION.exec(line)?.[1];
    if (action === 'Conf') continue;
    if (action === 'Inst') {
      const u = parseInst(line);
      if (u) updates.push(u);
      else warnings.add(`unreadable Inst line: ${excerpt(line)}`);
      continue;
    }
    if (action === 'Remv' || action === 'Purg') {
      const m = splitAction(line);
      if (m && m.group === null) updates.push(removal(m.name, m.installed));
      else warnings.add(`unreadable ${action} line: ${excerpt(line)}`);
      continue;
    }
    if (SUMMARY.test(line.trim())) sawSummary = true;
    else unknown++;
  }
  if (updates.length === 0 && unknown > 0 && !sawSummary) {
    return fail('apt-get output holds no Inst/Remv lines and no summary; it does not look like a simulation');
  }
  return ok({ updates, warnings: warnings.list() });
}

interface ActionParts {
  name: string;
  installed: string | null;
  /** The text inside `( ... )`, or null when the line has no candidate group. */
  group: string | null;
}

/**
 * Splits `<verb> name [installed] (group) [trailing]...` by peeling bracket groups off the end.
 * The release list may hold spaces and the trailing groups may too (`[systemd:amd64 ]`, and on
 * a dependency loop apt 2.6 adds `[e2fsprogs:amd64 on libext2fs2:amd64]`), so nothing splits on
 * whitespace; index scans instead of a backtracking pattern keep hostile lines linear.
 */
function splitAction(line: string): ActionParts | null {
  let rest = line.trimEnd();
  const afterVerb = rest.indexOf(' ');
  rest = rest.slice(afterVerb + 1);
  const nameEnd = rest.indexOf(' ');
  const name = nameEnd < 0 ? rest : rest.slice(0, nameEnd);
  if (name === '') return null;
  rest = nameEnd < 0 ? '' : rest.slice(nameEnd + 1);
  let installed: string | null = null;
  const inst = /^\[([^\]\s]*)\]/.exec(rest);
  if (inst) {
    installed = inst[1] ?? '';
    rest = rest.slice(inst[0].length).trimStart();
  }
  while (rest.endsWith(']')) {
    const open = rest.lastIndexOf('[');
    if (open < 0) return null;
    rest = rest.slice(0, open).trimEnd();
  }
  if (rest === '') return { name, installed, group: null };
  if (!rest.startsWith('(') || !rest.endsWith(')')) return null;
  return { name, installed, group: rest.slice(1, -1) };
}

function parseInst(line: string): PendingUpdate | null {
  const m = splitAction(line);
  if (!m || m.group === null) return null;
  const group = m.group.trim();
  const space = group.indexOf(' ');
  const candidate = space < 0 ? group : group.slice(0, space);
  let releases = space < 0 ? '' : group.slice(space + 1).trim();
  let arch: string | undefined;
  const archMatch = /(?:^|\s)\[([^\]\s]+)\]$/.exec(releases);
  if (archMatch) {
    arch = archMatch[1];
    releases = releases.slice(0, archMatch.index).trim();
  }
  const origins = releases === '' ? [] : releases.split(', ').map(parseAptRelease);
  let name = m.name;
  const colon = name.indexOf(':');
  if (colon > 0) {
    arch ??= name.slice(colon + 1);
    name = name.slice(0, colon);
  }
  const installed = m.installed;
  const update: PendingUpdate = {
    name,
    installedVersion: installed,
    availableVersion: candidate,
    repository: origins.map((o) => o.archive).join(', '),
    security: origins.some(isSecurityRelease),
    cves: [],
    advisories: [],
    kind: installed === null ? 'new' : 'upgrade',
  };
  if (arch !== undefined) update.arch = arch;
  return update;
}

function removal(rawName: string, installed: string | null): PendingUpdate {
  const colon = rawName.indexOf(':');
  const update: PendingUpdate = {
    name: colon > 0 ? rawName.slice(0, colon) : rawName,
    installedVersion: installed,
    availableVersion: '',
    repository: '',
    security: false,
    cves: [],
    advisories: [],
    kind: 'remove',
  };
  if (colon > 0) update.arch = rawName.slice(colon + 1);
  return update;
}
