/**
 * The Debian security tracker's JSON (`security-tracker.debian.org/tracker/data/json`):
 * formats.md §1.6. One object of source packages, each an object of issues (CVE ids or `TEMP-`
 * ids), each with `releases` by codename: status, fixed version, urgency, `nodsa`. The file is
 * 50-70 MB, so it is read package by package (see json-members.ts) and each issue is handed to
 * the caller as it is read; nothing holds the whole document.
 *
 * Statuses become `fixed` (resolved with a fixed version), `not_affected` (fixed version "0":
 * the release never had the bug), `open` (no fix yet) and `undetermined`. Unknown urgency strings
 * are kept as written (they mean "unknown").
 */
import { FeedFormatError, isObject, shown, text } from '../feed-error';
import { forEachTopLevelMember, parseMember } from './json-members';

/** One release's state of one issue in one source package. */
export interface TrackerRelease {
  release: string;
  status: 'fixed' | 'open' | 'not_affected' | 'undetermined';
  fixedVersion: string | null;
  urgency: string | null;
  /** `nodsa` and `nodsa_reason` in words, when the tracker gives them. */
  note: string | null;
}

/** One issue of one source package. */
export interface TrackerIssueRecord {
  package: string;
  /** A CVE id or a `TEMP-` id. */
  issueId: string;
  description: string | null;
  scope: string | null;
  debianBug: number | null;
  releases: TrackerRelease[];
}

const ISSUE_ID = /^(CVE-\d{4}-\d{4,19}|TEMP-\d+-[0-9A-Fa-f]+)$/;

/**
 * Reads the tracker file, calling `visit` for each issue; returns the number of packages and
 * issues. Throws a {@link FeedFormatError} naming `what` for a truncated or foreign file.
 */
export function readDebianTracker(bytes: Uint8Array, what: string, visit: (issue: TrackerIssueRecord) => void): { packages: number; issues: number; warnings: string[] } {
  let packages = 0;
  let issues = 0;
  const odd = { ids: [] as string[], idCount: 0, statuses: new Set<string>(), statusCount: 0 };
  forEachTopLevelMember(bytes, what, (name, valueBytes) => {
    const value = parseMember(valueBytes, what, name);
    if (!isObject(value)) throw new FeedFormatError(`${what} is not the Debian security tracker's JSON: "${shown(name)}" is not an object of issues`);
    packages++;
    for (const [issueId, issue] of Object.entries(value)) {
      if (!isObject(issue) || !isObject(issue['releases'])) throw new FeedFormatError(`${what} is not the Debian security tracker's JSON: ${shown(name)}/${shown(issueId)} is not an issue with "releases" by codename`);
      // One odd key must not make the whole 60 MB file unusable: it is left out and counted.
      if (!ISSUE_ID.test(issueId)) {
        odd.idCount++;
        if (odd.ids.length < 3) odd.ids.push(`${shown(name, 40)}/${shown(issueId, 40)}`);
        continue;
      }
      visit(parseIssue(name, issueId, issue, what, odd));
      issues++;
    }
  });
  if (packages === 0) throw new FeedFormatError(`${what} is an empty JSON object, not the Debian security tracker's data`);
  if (issues === 0) throw new FeedFormatError(`${what} holds no CVE or TEMP- issue: not the Debian security tracker's data`);
  const warnings: string[] = [];
  if (odd.idCount > 0) warnings.push(`${odd.idCount} issues whose id is neither a CVE nor a TEMP- id were left out (${odd.ids.join(', ')})`);
  if (odd.statusCount > 0) warnings.push(`${odd.statusCount} release states had a status the tracker did not use before (${[...odd.statuses].join(', ')}); they count as undetermined`);
  return { packages, issues, warnings };
}

interface OddStatuses {
  statuses: Set<string>;
  statusCount: number;
}

function parseIssue(packageName: string, issueId: string, issue: Record<string, unknown>, what: string, odd: OddStatuses): TrackerIssueRecord {
  const where = `${what}, ${shown(packageName)}/${shown(issueId)}`;
  const releases: TrackerRelease[] = [];
  for (const [release, state] of Object.entries(issue['releases'] as Record<string, unknown>)) {
    if (!isObject(state)) throw new FeedFormatError(`${where}: release "${shown(release)}" is not an object`);
    releases.push(parseRelease(release, state, odd));
  }
  const bug = issue['debianbug'];
  return {
    package: packageName,
    issueId,
    description: text(issue['description']),
    scope: text(issue['scope']),
    debianBug: typeof bug === 'number' && Number.isInteger(bug) ? bug : null,
    releases,
  };
}

function parseRelease(release: string, state: Record<string, unknown>, odd: OddStatuses): TrackerRelease {
  const status = text(state['status']);
  const fixed = text(state['fixed_version']);
  const nodsa = text(state['nodsa']);
  const reason = text(state['nodsa_reason']);
  const note = nodsa || reason ? [nodsa ? `no DSA: ${nodsa}` : 'no DSA', reason ? `(${reason})` : ''].filter(Boolean).join(' ') : null;
  const common = { release, urgency: text(state['urgency']), note };
  if (status === 'resolved') {
    if (fixed === '0') return { ...common, status: 'not_affected', fixedVersion: null };
    // "resolved" without a version has happened for issues closed by removal; it says nothing about a version.
    if (!fixed) return { ...common, status: 'undetermined', fixedVersion: null };
    return { ...common, status: 'fixed', fixedVersion: fixed };
  }
  if (status === 'open') return { ...common, status: 'open', fixedVersion: null };
  if (status !== 'undetermined') {
    // Never read as fixed: an unknown state says nothing about a fix.
    odd.statusCount++;
    if (odd.statuses.size < 5) odd.statuses.add(shown(status, 30));
  }
  return { ...common, status: 'undetermined', fixedVersion: null };
}
