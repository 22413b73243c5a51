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

const ISSUE_ID = /^(CVE-\d{4}-\d{4,19}|TEMP-\d{7}-[0-9A-F]{6})$/;

/**
 * Reads the tracker file, calling `visit` for each issue; returns the number of packages and
 * issues. Throws a {@link FeedFormatError} naming `what` for a truncated or foreign file.
 */
export function readDebianTracker(bytes: Uint8Array, what: string, visit: (issue: TrackerIssueRecord) => void): { packages: number; issues: number } {
  let packages = 0;
  let issues = 0;
  forEachTopLevelMember(bytes, what, (name, valueBytes) => {
    const value = parseMember(valueBytes, what, name);
    if (!isObject(value)) throw new FeedFormatError(`${what} is not the Debian security tracker's JSON: "${shown(name)}" is not an object of issues`);
    packages++;
    for (const [issueId, issue] of Object.entries(value)) {
      visit(parseIssue(name, issueId, issue, what));
      issues++;
    }
  });
  if (packages === 0) throw new FeedFormatError(`${what} is an empty JSON object, not the Debian security tracker's data`);
  return { packages, issues };
}

function parseIssue(packageName: string, issueId: string, issue: unknown, what: string): TrackerIssueRecord {
  const where = `${what}, ${shown(packageName)}/${shown(issueId)}`;
  if (!ISSUE_ID.test(issueId) || !isObject(issue) || !isObject(issue['releases'])) {
    throw new FeedFormatError(`${what} is not the Debian security tracker's JSON: ${shown(packageName)}/${shown(issueId)} is not an issue with "releases" by codename`);
  }
  const releases: TrackerRelease[] = [];
  for (const [release, state] of Object.entries(issue['releases'])) {
    if (!isObject(state)) throw new FeedFormatError(`${where}: release "${shown(release)}" is not an object`);
    releases.push(parseRelease(release, state, where));
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

function parseRelease(release: string, state: Record<string, unknown>, where: string): TrackerRelease {
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
  if (status === 'undetermined') return { ...common, status: 'undetermined', fixedVersion: null };
  throw new FeedFormatError(`${where}: release "${shown(release)}" has the status ${shown(status)}, which the tracker never uses`);
}
