import { compareRpmVersions, isRpmArch } from '../../../../shared/domain/versions';
import { binaryDataProblem, cleanLines, excerpt, MAX_LINE_LENGTH, WarningSink } from './input-text';
import { describeFailure, fail, ok } from './parse-result';
import type { ParseResult, ParserInput, PendingUpdate, ReplacedPackage, UpdateList } from './types';

/** Pending updates plus the installed packages that obsoleting updates replace. */
export interface YumUpdateList extends UpdateList {
  replaced: ReplacedPackage[];
}

const EVR = /^(?:\d+:)?[^\s:-]+-[^\s:-]+$/;
const OBSOLETING = /^Obsoleting Packages\s*$/;

interface Row {
  name: string;
  arch: string;
  evr: string;
  repo: string;
  indented: boolean;
  inObsoleting: boolean;
}

/**
 * Parses `yum check-update`, `dnf check-update` and `dnf5 check-upgrade`.
 *
 * Exit 100 means updates, 0 none, anything else an error. A row is accepted only when its first
 * token is `name.arch` with a known arch, because mirror lines (` * base: mirror`) and translated
 * banners also have three tokens. Wrapped rows are joined. Under `Obsoleting Packages` each
 * unindented line is a pending change, counted once per name.arch (the highest version) and
 * skipped when the main list already has it; the indented line after it is the installed package
 * being replaced and goes to `replaced`, never to `updates`. `Security:` footers are ignored.
 * The format cannot tell security updates, so `security` is null (see dnf-updateinfo).
 */
export function parseYumCheckUpdate(input: ParserInput): ParseResult<YumUpdateList> {
  const { stdout, stderr, exitCode } = input;
  if (exitCode !== undefined && exitCode !== 0 && exitCode !== 100) {
    return fail(`check-update failed (${describeFailure(exitCode, stderr || stdout)})`);
  }
  const binary = binaryDataProblem(stdout);
  if (binary) return fail(`check-update output cannot be read: ${binary}`);
  const warnings = new WarningSink();
  const unknownLines: string[] = [];
  const rows = readRows(stdout, warnings, unknownLines);
  if (rows === null) {
    // Exit 0 is yum's own word that nothing is pending, and plugins may say more than the
    // banners we know ("Determining fastest mirrors", "Repodata is over 2 weeks old"). That holds
    // only for output that is recognisably yum's (it carries a header) and lists no package.
    if (exitCode !== 0 || !hasYumHeader(stdout) || unknownLines.some(mentionsPackage)) return fail('check-update output holds no rows and unrecognised text');
    for (const line of unknownLines) warnings.add(`ignored a message: ${excerpt(line)}`);
    return ok({ updates: [], warnings: warnings.list(), replaced: [] });
  }

  const main = new Map<string, PendingUpdate>();
  const obsoleting = new Map<string, PendingUpdate>();
  const replaced: ReplacedPackage[] = [];
  let lastReplacement: Row | null = null;
  for (const row of rows) {
    if (row.inObsoleting && row.indented && lastReplacement) {
      replaced.push({ name: row.name, arch: row.arch, version: row.evr, repository: row.repo.replace(/^@/, ''), replacedBy: `${lastReplacement.name}.${lastReplacement.arch}` });
      continue;
    }
    const key = `${row.name}.${row.arch}`;
    const target = row.inObsoleting ? obsoleting : main;
    const seen = target.get(key);
    if (!seen || compareRpmVersions(row.evr, seen.availableVersion) > 0) target.set(key, toUpdate(row));
    if (row.inObsoleting) lastReplacement = row;
  }
  for (const [key, update] of obsoleting) {
    if (main.has(key)) continue;
    const replaces = replaced.filter((r) => r.replacedBy === key);
    const same = replaces.find((r) => r.name === update.name);
    if (same) update.installedVersion = same.version;
    else update.kind = 'new';
    main.set(key, update);
  }
  const updates = [...main.values()];
  if (exitCode === 100 && updates.length === 0) return fail('check-update exited 100 (updates available) but no rows could be read');
  if (exitCode === 0 && updates.length > 0) warnings.add('check-update exited 0 (no updates) but printed update rows');
  return ok({ updates, warnings: warnings.list(), replaced });
}

function toUpdate(row: Row): PendingUpdate {
  return { name: row.name, arch: row.arch, installedVersion: null, availableVersion: row.evr, repository: row.repo, security: null, cves: [], advisories: [], kind: 'upgrade' };
}

function splitNameArch(token: string): { name: string; arch: string } | null {
  const dot = token.lastIndexOf('.');
  if (dot <= 0) return null;
  const arch = token.slice(dot + 1);
  return isRpmArch(arch) ? { name: token.slice(0, dot), arch } : null;
}

/** Rows in output order, or null when nothing was a row and some text was not recognised. */
function readRows(stdout: string, warnings: WarningSink, unknownLines: string[]): Row[] | null {
  const rows: Row[] = [];
  let inObsoleting = false;
  let pending: { tokens: string[]; indented: boolean; inObsoleting: boolean } | null = null;
  let unknown = 0;

  const flush = (): void => {
    if (!pending) return;
    const [first = '', evr = '', repo = ''] = pending.tokens;
    const na = splitNameArch(first);
    if (na && EVR.test(evr) && repo !== '') rows.push({ ...na, evr, repo, indented: pending.indented, inObsoleting: pending.inObsoleting });
    else warnings.add(`incomplete row: ${excerpt(pending.tokens.join(' '))}`);
    pending = null;
  };

  for (const line of cleanLines(stdout)) {
    if (line.length > MAX_LINE_LENGTH) {
      unknown++;
      unknownLines.push(line);
      continue;
    }
    const tokens = line.trim().split(/\s+/).filter(Boolean);
    if (tokens.length === 0) continue;
    const indented = /^\s/.test(line);
    if (OBSOLETING.test(line.trim())) {
      flush();
      inObsoleting = true;
      continue;
    }
    const startsRow = splitNameArch(tokens[0] ?? '') !== null && (tokens.length === 1 || EVR.test(tokens[1] ?? ''));
    if (pending && !startsRow && pending.tokens.length < 3) {
      pending.tokens.push(...tokens);
      if (pending.tokens.length >= 3) flush();
      continue;
    }
    flush();
    if (startsRow && tokens.length <= 3) {
      pending = { tokens, indented, inObsoleting };
      if (tokens.length === 3) flush();
      continue;
    }
    unknown++;
    if (!BANNER.test(line)) unknownLines.push(line);
  }
  flush();
  return rows.length === 0 && unknown > 0 && !onlyBanners(stdout) ? null : rows;
}

// What yum and dnf print around an empty result; anything else without rows is suspect.
const BANNER = /^(?:Loaded plugins:|Loading mirror speeds|\s*\*\s+\S+:|Last metadata expiration check:|Updating and loading repositories:|Repositories loaded\.|Updating Subscription Management repositories\.|Security:|This system is|Unable to read consumer identity|:|\s+\S+[,:]?$)/;

function onlyBanners(stdout: string): boolean {
  return cleanLines(stdout).every((l) => l.trim() === '' || BANNER.test(l));
}

// The lines yum and dnf print before any result; they mark a capture as theirs.
const HEADER = /^(?:Loaded plugins:|Loading mirror speeds|Last metadata expiration check:|Updating and loading repositories:|Updating Subscription Management repositories\.)/;

function hasYumHeader(stdout: string): boolean {
  return cleanLines(stdout).some((line) => HEADER.test(line));
}

function mentionsPackage(line: string): boolean {
  return line.trim().split(/\s+/).some((token) => splitNameArch(token) !== null);
}
