import { feedAgeFlags, feedAgeLimits } from '../../../../shared/domain/intel/feed-age';
import { InlineAlert } from '../../components/inline-alert';
import { usePolicy } from '../tiers/use-tiers';
import { useIntelStatus } from './use-intel-feeds';

/**
 * The dashboard's flag on the vulnerability feeds: each feed older than the site policy's limit
 * for its kind ("KEV feed is 12 days old (limit 7): ...") and each headline figure with no feed
 * at all ("no KEV feed imported: known-exploited figures not measured"). Nothing when every feed
 * is within its limit. The Feeds panel in Site settings imports newer ones.
 */
export function FeedAgeNotice({ siteId, onOpenFeeds }: { siteId: number; onOpenFeeds: () => void }) {
  const status = useIntelStatus();
  const policy = usePolicy(siteId);
  if (!status.data || !policy.data) return null;
  const flags = feedAgeFlags(status.data, feedAgeLimits(policy.data.feedAgeLimitDays));
  if (flags.length === 0) return null;
  return (
    <InlineAlert tone="warning" title="Vulnerability feeds need attention" testId="feed-age-notice">
      <ul className="feed-age-notice__list">
        {flags.map((flag) => (
          <li key={`${flag.kind}-${flag.feedId ?? 'missing'}`} data-testid="feed-age-flag" data-kind={flag.kind} data-state={flag.state}>
            {flag.message}
          </li>
        ))}
      </ul>
      <button type="button" className="button button--small button--ghost" onClick={onOpenFeeds} data-testid="feed-age-open-feeds">
        Open the Feeds panel
      </button>
    </InlineAlert>
  );
}
