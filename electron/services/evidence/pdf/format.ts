/**
 * How the evidence PDF writes numbers, shares, dates and labels. One place, so every page says
 * "72.5%" and "2026-10-14 09:05" the same way. Deterministic: no locale or runtime-zone lookups
 * besides the site's own IANA zone.
 */
import type { Severity } from '../../../../shared/domain/patch-policy';
import { formatShare as formatSharedShare } from '../../../../shared/domain/share-format';
import type { Tier } from '../../../../shared/domain/risk-tier';
import type { ExceptionScopeKind, ExceptionStatus } from '../../../../shared/domain/sla/exception-status';
import { formatDeadline as deadlineText, formatExpiry as expiryText, formatLocalDateTime, monthName, parseInstant } from '../../../../shared/domain/sla/local-time';
import { formatCount } from '../../../../shared/domain/text/plural';
import type { ChecklistState } from '../evidence-report';

/** What an empty or unknown value prints as. */
export const DASH = '–';

export { formatCount, plural } from '../../../../shared/domain/text/plural';
export { formatLongDate } from '../../../../shared/domain/sla/local-time';
export { osLabel } from '../../../../shared/domain/os-label';

/** A share 0-1 as every surface writes it (`72.5%`); a dash when there was nothing to divide. */
export function formatShare(share: number | null): string {
  return formatSharedShare(share, DASH);
}

/** A fully- or security-patched share: "not measured" when no asset was measured. */
export { formatPatchedShare } from '../../../../shared/domain/share-format';

/** `part of whole` with the share (`29 of 40 (72.5%)`). */
export function formatPartOf(part: number, whole: number, share: number | null): string {
  return `${formatCount(part)} of ${formatCount(whole)} (${formatShare(share)})`;
}

/** An instant as the site's local date and time (`2026-10-14 09:05`); a dash for null. */
export function formatDateTime(iso: string | null, timeZone: string): string {
  return iso === null ? DASH : formatLocalDateTime(parseInstant(iso), timeZone);
}

/** A deadline (`end of 2026-11-25` for a day's end, else its local date and time); a dash for null. */
export function formatDeadline(iso: string | null, timeZone: string): string {
  return iso === null ? DASH : deadlineText(parseInstant(iso), timeZone);
}

/** An exception's expiry: its last covered day (`2027-01-05`), as the admin typed it; a dash for null. */
export function formatExpiry(iso: string | null, timeZone: string): string {
  return iso === null ? DASH : expiryText(parseInstant(iso), timeZone);
}

/** An instant as the site's local date (`2026-10-14`); a dash for null. */
export function formatDate(iso: string | null, timeZone: string): string {
  return iso === null ? DASH : formatLocalDateTime(parseInstant(iso), timeZone).slice(0, 10);
}

/** A `YYYY-MM` month, short (`Oct`), with the year on January and on the first point (`Nov 2025`). */
export function formatMonthTick(month: string, withYear: boolean): string {
  const [year, index] = month.split('-').map(Number) as [number, number];
  const name = monthName(index).slice(0, 3);
  return withYear || index === 1 ? `${name} ${year}` : name;
}

/** `Tier 1` ... `Tier 4`, or `Unclassified`. */
export function tierLabel(tier: Tier | null): string {
  return tier === null ? 'Unclassified' : `Tier ${tier}`;
}

/** `T1`-`T4`, or a dash for an unclassified asset in a narrow column. */
export function tierShort(tier: Tier | null): string {
  return tier === null ? DASH : `T${tier}`;
}

const SEVERITY_LABELS: Record<Severity, string> = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low' };

/** `Critical`, `High`, `Medium`, `Low`. */
export function severityLabel(severity: Severity): string {
  return SEVERITY_LABELS[severity];
}

const EXCEPTION_STATUS_LABELS: Record<ExceptionStatus, string> = {
  active: 'Active',
  expiring_soon: 'Expiring soon',
  expired: 'Expired',
  closed: 'Closed',
  renewed: 'Renewed',
  scheduled: 'Scheduled',
};

/** A register status for people (`Expiring soon`). */
export function exceptionStatusLabel(status: ExceptionStatus): string {
  return EXCEPTION_STATUS_LABELS[status];
}

const SCOPE_LABELS: Record<ExceptionScopeKind, string> = { asset: 'Whole asset', update: 'Update', cve: 'CVE', kb: 'KB', package: 'Package' };

/** What an exception covers, in words (`Package php8.1-fpm`, `Whole asset`). */
export function scopeLabel(kind: ExceptionScopeKind, value: string): string {
  if (kind === 'asset' || value === '') return SCOPE_LABELS[kind];
  // CVE and KB values already say what they are.
  if ((kind === 'cve' && /^cve-/i.test(value)) || (kind === 'kb' && /^kb/i.test(value))) return value;
  return `${SCOPE_LABELS[kind]} ${value}`;
}

const CHECKLIST_LABELS: Record<ChecklistState, string> = { done: 'Done', skipped: 'Skipped', not_applicable: 'N/A', open: 'Open' };

/** A checklist state for people (`Done`, `N/A`). */
export function checklistStateLabel(state: ChecklistState): string {
  return CHECKLIST_LABELS[state];
}

/** Text or a dash when it is empty. */
export function orDash(text: string | null | undefined): string {
  return text === null || text === undefined || text.trim() === '' ? DASH : text;
}

const ZERO_WIDTH_SPACE = '\u200B';
const LONG_RUN = /[^\s\u200B]{20,}/g;

/**
 * Lets very long unbroken tokens (FQDNs, package names, hashes, URLs) wrap inside a table cell.
 * pdfmake sizes flexible columns by their longest word, so one 200-character hostname would
 * push the other columns off the page. A zero-width space (invisible, dropped by text
 * extraction) goes after each `.`, `/`, `_`, `-`, `:`, `\`, `@` or `=` of such a token, and
 * every 16 characters where it has none. Short tokens such as dates are left alone.
 */
export function breakLongWords(text: string): string {
  if (text.length < 20) return text;
  return text.replace(LONG_RUN, (run) => {
    let out = '';
    let sinceBreak = 0;
    for (const char of run) {
      out += char;
      sinceBreak += 1;
      if ('./_-:\\@='.includes(char) || sinceBreak >= 16) {
        out += ZERO_WIDTH_SPACE;
        sinceBreak = 0;
      }
    }
    return out.endsWith(ZERO_WIDTH_SPACE) ? out.slice(0, -1) : out;
  });
}

/** Text cut to `max` characters with an ellipsis, for one-line places such as the running header. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text.trim());
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}
