import { Badge } from '../../components/badge';

/** The "known exploited" badge: CISA KEV, with ransomware use when the catalogue says so; the dates in its tooltip. */
export function KevBadge({ kev }: { kev: { dateAdded?: string; dueDate: string | null; knownRansomware: boolean | null } }) {
  const title = `CISA Known Exploited Vulnerabilities${kev.dateAdded ? `, listed ${kev.dateAdded}` : ''}${kev.dueDate ? `, due ${kev.dueDate}` : ''}${kev.knownRansomware ? '; used in ransomware campaigns' : ''}`;
  return (
    <Badge tone="danger" title={title} testId="kev-badge">
      KEV{kev.knownRansomware ? ' · ransomware' : ''}
    </Badge>
  );
}
