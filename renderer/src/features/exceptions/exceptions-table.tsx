import { Fragment, type MouseEvent } from 'react';
import type { ExceptionRecord } from '../../../../shared/contract';
import { Icon } from '../../components/icon';
import { expiryPhrase } from './exception-dates';
import { ExceptionDetail } from './exception-detail';
import { isOpen } from './exception-list-model';
import { expiryText, expiryTitle, ScopeCell, startText } from './exception-scope';
import { ExceptionStatusBadge } from './exception-status-badge';

const COLUMNS = 9;

/** Clicking a row opens its detail, unless the click was on a control inside it. */
function fromControl(event: MouseEvent): boolean {
  return event.target instanceof Element && event.target.closest('button, a, input, select, textarea') !== null;
}

/**
 * The register as a dense table: one line per entry, its detail expanding underneath. Open
 * entries carry Renew and Close; closed and renewed ones are history and only read.
 */
export function ExceptionsTable({
  rows,
  records,
  timeZone,
  nowMs,
  expandedId,
  onToggle,
  onShow,
  onRenew,
  onClose,
}: {
  rows: readonly ExceptionRecord[];
  /** The whole register, for renewal chains that cross tabs. */
  records: readonly ExceptionRecord[];
  timeZone: string;
  nowMs: number;
  expandedId: number | null;
  onToggle: (id: number) => void;
  onShow: (id: number) => void;
  onRenew: (record: ExceptionRecord) => void;
  onClose: (record: ExceptionRecord) => void;
}) {
  return (
    <table className="simple-table exceptions-table" data-testid="exceptions-table">
      <thead>
        <tr>
          <th scope="col" className="exceptions-table__toggle">
            <span className="visually-hidden">Details</span>
          </th>
          <th scope="col" className="exceptions-table__id">
            ID
          </th>
          <th scope="col" className="exceptions-table__scope">
            Scope
          </th>
          <th scope="col">Reason</th>
          <th scope="col" className="exceptions-table__person">
            Owner · approver
          </th>
          <th scope="col" className="exceptions-table__start">
            Starts
          </th>
          <th scope="col" className="exceptions-table__expires">
            Expires
          </th>
          <th scope="col" className="exceptions-table__status">
            Status
          </th>
          <th scope="col" className="exceptions-table__actions">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((record) => {
          const expanded = expandedId === record.id;
          const detailId = `exception-detail-row-${record.id}`;
          const open = isOpen(record);
          return (
            <Fragment key={record.id}>
              <tr
                className={`exceptions-table__row exceptions-table__row--${record.status}${expanded ? ' is-expanded' : ''}`}
                data-testid={`exception-row-${record.id}`}
                data-status={record.status}
                onClick={(event) => {
                  if (!fromControl(event)) onToggle(record.id);
                }}
              >
                <td className="exceptions-table__toggle">
                  <button
                    type="button"
                    className="icon-button icon-button--small"
                    aria-expanded={expanded}
                    aria-controls={expanded ? detailId : undefined}
                    aria-label={`${expanded ? 'Hide' : 'Show'} details of exception ${record.id}`}
                    onClick={() => onToggle(record.id)}
                    data-testid={`exception-expand-${record.id}`}
                  >
                    <Icon name={expanded ? 'chevronDown' : 'chevronRight'} size={14} />
                  </button>
                </td>
                <td className="mono muted">#{record.id}</td>
                <td className="exceptions-table__scope">
                  <ScopeCell record={record} />
                </td>
                <td className="exceptions-table__reason">
                  <span className="truncate" title={record.reason}>
                    {record.reason}
                  </span>
                </td>
                <td className="exceptions-table__person">
                  <span className="truncate" title={record.owner}>
                    {record.owner}
                  </span>
                  <span className="truncate muted small" title={record.approver ? `Approved by ${record.approver}` : 'No approver recorded'}>
                    {record.approver || 'no approver'}
                  </span>
                </td>
                <td className="exceptions-table__date exceptions-table__start">{startText(record, timeZone)}</td>
                <td className="exceptions-table__date" title={expiryTitle(record, timeZone)}>
                  <span className="exceptions-table__expiry">{expiryText(record, timeZone)}</span>
                  <span className={`exceptions-table__relative small exceptions-table__relative--${record.status}`} data-testid={`exception-expires-${record.id}`}>
                    {expiryPhrase(record, nowMs)}
                  </span>
                </td>
                <td>
                  <ExceptionStatusBadge status={record.status} testId={`exception-status-${record.id}`} />
                </td>
                <td className="row-actions">
                  {open ? (
                    <>
                      <button type="button" className={`button button--small${record.status === 'expired' || record.status === 'expiring_soon' ? '' : ' button--ghost'}`} onClick={() => onRenew(record)} data-testid={`renew-exception-${record.id}`}>
                        Renew…
                      </button>
                      <button type="button" className="button button--small button--ghost" onClick={() => onClose(record)} data-testid={`close-exception-${record.id}`}>
                        Close…
                      </button>
                    </>
                  ) : record.renewedById !== null ? (
                    <button type="button" className="link-button small" onClick={() => onShow(record.renewedById ?? record.id)}>
                      See #{record.renewedById}
                    </button>
                  ) : null}
                </td>
              </tr>
              {expanded ? (
                <tr className="exceptions-table__detail" id={detailId}>
                  <td colSpan={COLUMNS}>
                    <ExceptionDetail record={record} records={records} timeZone={timeZone} onShow={onShow} />
                  </td>
                </tr>
              ) : null}
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}
