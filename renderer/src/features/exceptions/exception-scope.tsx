import type { ExceptionRecord } from '../../../../shared/contract';
import { formatExpiry } from '../../../../shared/domain/sla/local-time';
import { dayOf, formatInstantIn } from './exception-dates';
import { scopeSummary } from './exception-labels';

/** What an entry covers, on two lines: the kind and target, then where it applies. */
export function ScopeCell({ record }: { record: ExceptionRecord }) {
  const scope = scopeSummary(record);
  const isValue = record.scope.kind !== 'asset';
  return (
    <span className="exception-scope">
      <span className="exception-scope__line">
        <span className="exception-scope__kind">{scope.kind}</span>
        <span className={`exception-scope__target cell-strong${isValue ? ' mono' : ''}`} title={scope.target}>
          {scope.target}
        </span>
      </span>
      {scope.where ? <span className="exception-scope__where muted small">{scope.where}</span> : null}
    </span>
  );
}

/**
 * The last day an entry covers, as the admin typed it: an expiry at local midnight is the end of
 * the day before. An expiry at another time (given as an exact instant) shows that time too.
 */
export function expiryText(record: Pick<ExceptionRecord, 'expiresAt'>, timeZone: string): string {
  // The shared rule, as the CLI, the PDF and the CSV print it: `2027-01-05`, the last day covered.
  return formatExpiry(Date.parse(record.expiresAt), timeZone);
}

/** The exact end of an entry, for a tooltip: "Ends 2026-11-08 00:00 (Europe/Berlin)". */
export function expiryTitle(record: Pick<ExceptionRecord, 'expiresAt'>, timeZone: string): string {
  return `Ends ${formatInstantIn(record.expiresAt, timeZone)} (${timeZone})`;
}

/** The day an entry starts, in the site's time zone (`2026-11-02`). */
export function startText(record: Pick<ExceptionRecord, 'startsAt'>, timeZone: string): string {
  return dayOf(record.startsAt, timeZone);
}
