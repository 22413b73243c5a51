import { parseNevra, type Nevra } from '../../../../shared/domain/versions';
import { cleanLines, excerpt, MAX_LINE_LENGTH, WarningSink } from './input-text';
import { describeFailure, fail, ok } from './parse-result';
import type { ParseResult, ParserInput } from './types';

/** Advisory types dnf prints in the label column. */
export type AdvisoryType = 'security' | 'bugfix' | 'enhancement' | 'newpackage' | 'unknown';

/** One `<id> <label> <NEVRA>` line of `dnf updateinfo list`. */
export interface RpmAdvisoryEntry {
  /** RHSA-2023:3106, ALSA-..., FEDORA-2024-...; null on `--with-cve` lines that only name the CVE. */
  advisory: string | null;
  cve: string | null;
  type: AdvisoryType;
  /** `Critical`, `Important`, `Moderate`, `Low`; absent for non-security advisories. */
  severity?: string;
  package: Nevra;
}

/** Result of the updateinfo parser. */
export interface RpmAdvisoryList {
  entries: RpmAdvisoryEntry[];
  warnings: string[];
}

const CVE = /^CVE-\d{4}-\d+$/i;
const SEC_LABEL = /^(?:(critical|important|moderate|low|none|unknown)\/)?sec\.?$/i;
const PLAIN_LABEL = /^(security|bugfix|enhancement|newpackage|unknown)$/i;
const ADVISORY_ID = /^[A-Za-z][A-Za-z0-9_.-]*[-:][\w.:-]+$/;
const BANNER = /^(?:Last metadata expiration check:|Updating Subscription Management repositories\.|Loaded plugins:|Updating and loading repositories:|Repositories loaded\.|Unable to read consumer identity|This system is|\s*\*\s+\S+:|\s+:|Loading mirror speeds|updateinfo list done)/;

/**
 * Parses `dnf updateinfo list [--security] [--with-cve]` (and yum's `updateinfo list`):
 * `<ADVISORY-ID> <label> <NEVRA>`, or with `--with-cve` `<CVE-ID> <label> <NEVRA>`. Labels are
 * `Critical/Sec.` ... `Low/Sec.` (lower case on old yum), `bugfix`, `enhancement`, `newpackage`.
 * Empty output is a valid answer but means "unknown", not "secure": repositories without
 * updateinfo metadata print nothing. Use {@link applyRpmAdvisories} to mark pending updates.
 */
export function parseDnfUpdateinfo(input: ParserInput): ParseResult<RpmAdvisoryList> {
  const { stdout, stderr, exitCode } = input;
  if (exitCode !== undefined && exitCode !== 0) return fail(`updateinfo failed (${describeFailure(exitCode, stderr || stdout)})`);
  const entries: RpmAdvisoryEntry[] = [];
  const warnings = new WarningSink();
  let unknown = 0;
  for (const line of cleanLines(stdout)) {
    if (line.trim() === '' || BANNER.test(line)) continue;
    const entry = line.length > MAX_LINE_LENGTH ? null : parseLine(line.trim().split(/\s+/));
    if (entry) entries.push(entry);
    else {
      unknown++;
      warnings.add(`unrecognised updateinfo line: ${excerpt(line)}`);
    }
  }
  if (entries.length === 0 && unknown > 0) return fail('updateinfo output holds no advisory lines and unrecognised text');
  return ok({ entries, warnings: warnings.list() });
}

function parseLine(tokens: string[]): RpmAdvisoryEntry | null {
  // Three columns normally; some versions print both the CVE and the advisory id.
  if (tokens.length !== 3 && tokens.length !== 4) return null;
  const pkg = parseNevra(tokens[tokens.length - 1] ?? '');
  if (!pkg) return null;
  const label = tokens[tokens.length - 2] ?? '';
  const ids = tokens.slice(0, tokens.length - 2);
  const cve = ids.find((t) => CVE.test(t)) ?? null;
  const advisory = ids.find((t) => !CVE.test(t)) ?? null;
  if (advisory !== null && !ADVISORY_ID.test(advisory)) return null;
  if (cve === null && advisory === null) return null;
  const sec = SEC_LABEL.exec(label);
  if (sec) {
    const entry: RpmAdvisoryEntry = { advisory, cve: cve?.toUpperCase() ?? null, type: 'security', package: pkg };
    const sev = sec[1];
    if (sev) entry.severity = sev.charAt(0).toUpperCase() + sev.slice(1).toLowerCase();
    return entry;
  }
  const plain = PLAIN_LABEL.exec(label);
  if (!plain) return null;
  return { advisory, cve: cve?.toUpperCase() ?? null, type: (plain[1] ?? 'unknown').toLowerCase() as AdvisoryType, package: pkg };
}
