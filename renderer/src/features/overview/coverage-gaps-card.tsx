import type { ComplianceSummary } from '../../../../shared/contract';
import { coverageGapPhrase } from '../../../../shared/domain/coverage';
import { TierBadge } from '../../components/tier-badge';
import { formatCount, plural } from '../../lib/format';

/**
 * The assets not measured at the end of the period, as the evidence pack lists them: same rule,
 * same reasons and words (`coverageGapPhrase`), same order (the server sorts with
 * `compareCoverageGaps`). None of them counts in the patched shares.
 */
export function CoverageGapsCard({ summary, statusHref }: { summary: ComplianceSummary; statusHref: string }) {
  // The hosts are collected from patch status; the list links there once, not per row.
  const { coverageGaps: gaps, site } = summary;
  const hidden = gaps.total - gaps.items.length;
  return (
    <section className="overview-card" aria-labelledby="coverage-gaps-title" data-testid="coverage-gaps">
      <header className="overview-card__head">
        <h2 className="overview-card__title" id="coverage-gaps-title">
          Coverage gaps
        </h2>
        <span className="overview-card__subtitle" data-testid="coverage-gaps-summary">
          {formatCount(site.assets.measured)} of {plural(site.assets.inScope, 'asset')} measured (a successful collection within {plural(summary.freshnessDays, 'day')} before the period&apos;s end); {plural(gaps.total, 'gap')}, not counted as patched
        </span>
      </header>
      {gaps.total === 0 ? (
        <p className="muted">Every asset in scope was measured.</p>
      ) : (
        <div className="table-scroll">
          <table className="simple-table overview-table" data-testid="coverage-gaps-table">
            <thead>
              <tr>
                <th scope="col">Asset</th>
                <th scope="col">Tier</th>
                <th scope="col">Why not measured</th>
              </tr>
            </thead>
            <tbody>
              {gaps.items.map((gap) => (
                <tr key={gap.assetId} data-testid="coverage-gap-row" data-reason={gap.reason}>
                  <th scope="row" className="cell-strong">
                    {gap.assetName}
                  </th>
                  <td>
                    <TierBadge tier={gap.tier} />
                  </td>
                  <td>{coverageGapPhrase(gap, summary.period.timeZone)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {gaps.total > 0 ? (
        <p className="muted small">
          {hidden > 0 ? `and ${plural(hidden, 'more gap')}. ` : ''}
          <a href={statusHref}>Collect them in patch status</a> to close the gaps.
        </p>
      ) : null}
    </section>
  );
}
