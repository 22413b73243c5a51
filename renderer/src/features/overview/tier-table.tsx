import type { ComplianceFigures } from '../../../../shared/contract';
import { TierBadge } from '../../components/tier-badge';
import { formatCount } from '../../lib/format';
import type { TierTableRow } from './chart-data';
import { formatPatchedShare, formatShare } from './share-format';

function ShareCell({ share, count, of, patched = false }: { share: number | null; count: number; of: number; patched?: boolean }) {
  return (
    <td className="num">
      <span className="cell-strong">{patched ? formatPatchedShare(share) : formatShare(share)}</span>
      <span className="overview-table__sub">
        {formatCount(count)}/{formatCount(of)}
      </span>
    </td>
  );
}

function Count({ value, tone }: { value: number; tone?: 'danger' | 'warning' }) {
  return <td className={`num${value > 0 && tone ? ` text-${tone} cell-strong` : value === 0 ? ' muted' : ''}`}>{formatCount(value)}</td>;
}

function FigureCells({ figures }: { figures: ComplianceFigures }) {
  const { assets, missing } = figures;
  return (
    <>
      <td className="num">{formatCount(assets.inScope)}</td>
      <ShareCell share={assets.coverageShare} count={assets.measured} of={assets.inScope} />
      <ShareCell share={assets.fullyPatchedShare} count={assets.fullyPatched} of={assets.measured} patched />
      <ShareCell share={assets.securityPatchedShare} count={assets.securityPatched} of={assets.measured} patched />
      <td className="num">{formatCount(missing.total)}</td>
      <ShareCell share={missing.withinSlaShare} count={missing.within + missing.dueSoon + missing.excepted} of={missing.total} />
      <Count value={missing.dueSoon} tone="warning" />
      <Count value={missing.overdue} tone="danger" />
      <Count value={missing.excepted} />
      <Count value={figures.breaches} />
    </>
  );
}

/** Every per-tier figure of the period as numbers (the charts draw some of them). */
export function TierTable({ rows }: { rows: readonly TierTableRow[] }) {
  return (
    <section className="overview-card" aria-labelledby="tier-table-title">
      <header className="overview-card__head">
        <h2 className="overview-card__title" id="tier-table-title">
          Per tier
        </h2>
        <span className="overview-card__subtitle">At the end of the period, by each asset&apos;s own tier; patched shares of measured assets only; breaches counted inside the period</span>
      </header>
      <div className="table-scroll">
        <table className="simple-table overview-table" data-testid="tier-table">
          <thead>
            <tr>
              <th scope="col">Tier</th>
              <th scope="col" className="num">
                In scope
              </th>
              <th scope="col" className="num" title="Assets with a successful collection within the freshness limit before the end of the period">
                Measured
              </th>
              <th scope="col" className="num" title="Measured assets with nothing missing (of measured)">
                Fully patched
              </th>
              <th scope="col" className="num" title="Measured assets with no security fix missing (of measured)">
                No security gap
              </th>
              <th scope="col" className="num">
                Missing fixes
              </th>
              <th scope="col" className="num" title="Missing fixes within their SLA, due soon, or covered by an active exception">
                Within SLA
              </th>
              <th scope="col" className="num">
                Due soon
              </th>
              <th scope="col" className="num">
                Overdue
              </th>
              <th scope="col" className="num">
                Excepted
              </th>
              <th scope="col" className="num" title="Fixes in breach without an exception at some time inside the period">
                Breaches
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key} className={row.total ? 'overview-table__total' : undefined} data-tier={row.total ? 'site' : (row.tier ?? 'none')}>
                <th scope="row">{row.total ? row.label : <TierBadge tier={row.tier} />}</th>
                <FigureCells figures={row.figures} />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
