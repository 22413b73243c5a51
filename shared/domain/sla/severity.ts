/**
 * Normalises the severity text a source reports (MSRC, Red Hat / dnf, SUSE, Debian and Ubuntu
 * urgency, a CVSS base score) to the four severities a patch policy is written in.
 *
 * | Source                      | Source value                         | Policy severity |
 * | --------------------------- | ------------------------------------ | --------------- |
 * | MSRC (Windows Update)       | Critical / Important / Moderate / Low | critical / high / medium / low |
 * | Red Hat, dnf, yum, SUSE     | Critical / Important / Moderate / Low, optionally with a `/Sec.` suffix | critical / high / medium / low |
 * | Debian security tracker     | high / medium / low / unimportant     | high / medium / low / low |
 * | Debian changelog urgency    | emergency, critical                   | critical        |
 * | Ubuntu priority             | critical / high / medium / low / negligible | critical / high / medium / low / low |
 * | CVSS qualitative rating     | Critical / High / Medium / Low / None | critical / high / medium / low / low |
 * | CVSS base score             | 9.0-10.0 / 7.0-8.9 / 4.0-6.9 / 0.0-3.9 | critical / high / medium / low |
 * | anything else, or nothing   | a security fix                        | high            |
 * | anything else, or nothing   | not known to be a security fix        | low             |
 *
 * "Anything else" includes Debian's "not yet assigned", Ubuntu's "untriaged", dnf's
 * "Unknown/Sec." and MSRC's "Unspecified". Unknown security fixes are assumed high rather than
 * critical so that one unrated advisory does not dominate the report, but they are never left
 * at low: an unrated security fix is still a security fix.
 */
import type { Severity } from '../patch-policy';

/** One row of the mapping table, as the UI shows it. */
export interface SeverityMappingRow {
  /** The scale the value comes from. */
  scale: string;
  /** The value as the source spells it (matched case-insensitively). */
  value: string;
  severity: Severity;
}

/** The vendor-text mapping table (the CVSS score bands are in `CVSS_BANDS`). */
export const SEVERITY_MAPPING: readonly SeverityMappingRow[] = [
  { scale: 'MSRC', value: 'Critical', severity: 'critical' },
  { scale: 'MSRC', value: 'Important', severity: 'high' },
  { scale: 'MSRC', value: 'Moderate', severity: 'medium' },
  { scale: 'MSRC', value: 'Low', severity: 'low' },
  { scale: 'Red Hat / dnf / SUSE', value: 'Critical', severity: 'critical' },
  { scale: 'Red Hat / dnf / SUSE', value: 'Important', severity: 'high' },
  { scale: 'Red Hat / dnf / SUSE', value: 'Moderate', severity: 'medium' },
  { scale: 'Red Hat / dnf / SUSE', value: 'Low', severity: 'low' },
  { scale: 'Debian urgency', value: 'emergency', severity: 'critical' },
  { scale: 'Debian urgency', value: 'critical', severity: 'critical' },
  { scale: 'Debian urgency', value: 'high', severity: 'high' },
  { scale: 'Debian urgency', value: 'medium', severity: 'medium' },
  { scale: 'Debian urgency', value: 'low', severity: 'low' },
  { scale: 'Debian urgency', value: 'unimportant', severity: 'low' },
  { scale: 'Ubuntu priority', value: 'critical', severity: 'critical' },
  { scale: 'Ubuntu priority', value: 'high', severity: 'high' },
  { scale: 'Ubuntu priority', value: 'medium', severity: 'medium' },
  { scale: 'Ubuntu priority', value: 'low', severity: 'low' },
  { scale: 'Ubuntu priority', value: 'negligible', severity: 'low' },
  { scale: 'CVSS rating', value: 'Critical', severity: 'critical' },
  { scale: 'CVSS rating', value: 'High', severity: 'high' },
  { scale: 'CVSS rating', value: 'Medium', severity: 'medium' },
  { scale: 'CVSS rating', value: 'Low', severity: 'low' },
  { scale: 'CVSS rating', value: 'None', severity: 'low' },
];

/** CVSS v3/v4 base-score bands, highest first: a score at or above `min` has that severity. */
export const CVSS_BANDS: readonly { min: number; severity: Severity }[] = [
  { min: 9.0, severity: 'critical' },
  { min: 7.0, severity: 'high' },
  { min: 4.0, severity: 'medium' },
  { min: 0.0, severity: 'low' },
];

/** The severity assumed for a security fix whose severity is unknown. */
export const UNKNOWN_SECURITY_SEVERITY: Severity = 'high';

/** The severity assumed for any other fix whose severity is unknown. */
export const UNKNOWN_OTHER_SEVERITY: Severity = 'low';

/** Where a normalised severity came from, so reports can mark assumed values. */
export type SeverityBasis = 'source' | 'cvss' | 'assumed_security' | 'assumed_other';

/** What a source says about one fix. */
export interface SeverityInput {
  /** The source's severity text or a CVSS base score; absent when the source has none. */
  severity?: string | number | null;
  /** Whether the source flags the fix as a security fix; null when it cannot tell. */
  security?: boolean | null;
}

/** The outcome of normalising one fix's severity. */
export interface NormalisedSeverity {
  severity: Severity;
  basis: SeverityBasis;
  /** True when the source flagged the fix as security, by the flag or a `/Sec.` suffix. */
  security: boolean;
}

// Every scale agrees on the words they share ("low" is low everywhere), so one lookup serves all.
const BY_TEXT = new Map<string, Severity>(SEVERITY_MAPPING.map((row) => [row.value.toLowerCase(), row.severity]));

// dnf prints "Important/Sec."; dnf5 and some tools spell it out. A bare "Sec." has no severity.
const SECURITY_SUFFIX = /(?:^|\s*\/\s*)sec(?:\.|urity)?$/i;
const SCORE = /^(?:cvss(?:v?\d(?:\.\d)?)?(?:\s*(?:base\s*)?score)?[\s:]*)?(\d{1,2}(?:\.\d+)?)$/i;

function fromScore(score: number): Severity | null {
  if (!Number.isFinite(score) || score < 0 || score > 10) return null;
  return CVSS_BANDS.find((band) => score >= band.min)?.severity ?? null;
}

/**
 * Normalises one fix's severity to the policy's scale, following the table above.
 *
 * A fix counts as security when the source says so (`security: true`) or its text carries a
 * `/Sec.` suffix. `security: null` (the source cannot tell, yum without updateinfo) is treated
 * as not security, so that every routine update does not become a high-severity breach; the
 * `basis` says when that assumption was made.
 */
export function normaliseSeverity(input: SeverityInput): NormalisedSeverity {
  let security = input.security === true;
  const raw = input.severity;

  let found: { severity: Severity; basis: SeverityBasis } | null = null;
  if (typeof raw === 'number') {
    const severity = fromScore(raw);
    if (severity) found = { severity, basis: 'cvss' };
  } else if (typeof raw === 'string') {
    let text = raw.trim().replace(/\s+/g, ' ');
    if (SECURITY_SUFFIX.test(text)) {
      security = true;
      text = text.replace(SECURITY_SUFFIX, '').trim();
    }
    const score = SCORE.exec(text);
    if (score?.[1] !== undefined) {
      const severity = fromScore(Number(score[1]));
      if (severity) found = { severity, basis: 'cvss' };
    } else {
      const severity = BY_TEXT.get(text.toLowerCase());
      if (severity) found = { severity, basis: 'source' };
    }
  }

  if (found) return { ...found, security };
  return security
    ? { severity: UNKNOWN_SECURITY_SEVERITY, basis: 'assumed_security', security }
    : { severity: UNKNOWN_OTHER_SEVERITY, basis: 'assumed_other', security };
}

/** Whether a fix counts as a security fix: flagged by the source or marked `/Sec.` in its severity. */
export function isSecurityFix(input: SeverityInput): boolean {
  return normaliseSeverity(input).security;
}
