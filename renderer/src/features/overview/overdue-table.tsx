import type { ComplianceSummary, OverdueItem } from '../../../../shared/contract';
import { Badge } from '../../components/badge';
import { TierBadge } from '../../components/tier-badge';
import { formatCount, plural } from '../../lib/format';
import { formatDay } from '../exceptions/exception-dates';
import { SEVERITY_LABELS, SEVERITY_TONES } from '../patch-status/sla-labels';
import { dayCount } from './day-phrases';

const VISIBLE = 10;

function OverdueRow({ item }: { item: OverdueItem }) {
  return (
    <tr data-testid="overdue-row" data-asset-id={item.assetId}>
      <td className="cell-strong">{item.assetName}</td>
      <td title={item.tierDefaulted ? `Unclassified: held to Tier ${item.tier}` : undefined}>
        <TierBadge tier={item.tier} compact />
        {item.tierDefaulted ? <span className="muted small"> default</span> : null}
      </td>
      <td className="overview-table__update" title={item.updateName}>
        {item.updateName}
      </td>
      <td>
        <Badge tone={SEVERITY_TONES[item.severity]}>{SEVERITY_LABELS[item.severity]}</Badge>
        {item.security ? null : <span className="muted small"> not security</span>}
      </td>
      <td>{formatDay(item.dueDate)}</td>
      <td className="num text-danger cell-strong">{dayCount(item.overdueDays)}</td>
    </tr>
  );
}

/** The fixes overdue longest: the work list behind the overdue figure. */
export function OverdueTable({ overdue, expanded, onToggle, statusHref }: { overdue: ComplianceSummary['overdue']; expanded: boolean; onToggle: () => void; statusHref: string }) {
  const shown = expanded ? overdue.items : overdue.items.slice(0, VISIBLE);
  return (
    <section className="overview-card" aria-labelledby="overdue-table-title">
      <header className="overview-card__head">
        <h2 className="overview-card__title" id="overdue-table-title">
          Overdue longest
        </h2>
        <span className="overview-card__subtitle">{overdue.total === 0 ? 'Nothing overdue' : `${plural(overdue.total, 'fix', 'fixes')} past SLA without an exception`}</span>
        <a className="overview-card__link" href={statusHref}>
          Open patch status
        </a>
      </header>
      {overdue.total === 0 ? (
        <p className="muted overview-card__empty" data-testid="overdue-table">
          Every missing fix is within its SLA or covered by an active exception.
        </p>
      ) : (
        <div className="table-scroll">
          <table className="simple-table overview-table" data-testid="overdue-table">
            <thead>
              <tr>
                <th scope="col">Host</th>
                <th scope="col">Tier</th>
                <th scope="col">Update</th>
                <th scope="col">Severity</th>
                <th scope="col">Was due</th>
                <th scope="col" className="num">
                  Overdue
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((item, index) => (
                <OverdueRow key={`${item.assetId}:${item.updateName}:${index}`} item={item} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {overdue.items.length > VISIBLE ? (
        <footer className="attention__footer">
          <button type="button" className="button button--ghost button--small" onClick={onToggle}>
            {expanded ? 'Show fewer' : `Show ${formatCount(overdue.items.length)} longest overdue`}
          </button>
          {overdue.total > overdue.items.length ? <span className="muted small">{formatCount(overdue.total - overdue.items.length)} more in patch status</span> : null}
        </footer>
      ) : null}
    </section>
  );
}
