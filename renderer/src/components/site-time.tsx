/**
 * Times on screen, in the current site's time zone, in the one style every surface uses
 * (`2026-11-25 14:30`, 24-hour, ISO date; see shared/domain/sla/local-time). The zone is named in
 * each time's tooltip, so no time is shown without it.
 */
import { formatZonedDateTime, isInstant, parseInstant } from '../../../shared/domain/sla/local-time';
import { useCurrentSite } from '../features/sites/current-site-context';
import { formatDateTime, formatRelative } from '../lib/format';

/** The current site's IANA time zone; UTC before there is a site. */
export function useSiteTimeZone(): string {
  return useCurrentSite().site?.timezone ?? 'UTC';
}

/** `2026-11-25 14:30` in the site's zone, with `2026-11-25 14:30 Europe/Berlin` as its tooltip; an em dash for none. */
export function SiteTime({ at }: { at: string | null | undefined }) {
  const timeZone = useSiteTimeZone();
  if (!at) return <span className="muted">—</span>;
  return (
    <time dateTime={at} title={isInstant(at) ? formatZonedDateTime(parseInstant(at), timeZone) : undefined}>
      {formatDateTime(at, timeZone)}
    </time>
  );
}

/** "3 h ago", with the site-zone time as its tooltip; "never" (muted) for none. */
export function RelativeTime({ at }: { at: string | null | undefined }) {
  const timeZone = useSiteTimeZone();
  if (!at) return <span className="muted">never</span>;
  return (
    <time dateTime={at} title={isInstant(at) ? formatZonedDateTime(parseInstant(at), timeZone) : undefined}>
      {formatRelative(at, timeZone)}
    </time>
  );
}
