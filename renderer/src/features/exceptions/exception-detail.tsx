import type { ExceptionRecord } from '../../../../shared/contract';
import { formatDay, formatInstantIn, isStartOfLocalDay, lastCoveredDay } from './exception-dates';
import { renewalChain } from './exception-list-model';
import { expiryText, startText } from './exception-scope';
import { ExceptionStatusBadge } from './exception-status-badge';

/**
 * An entry's full record under its row: the reason in full, compensating controls, the planned
 * fix, who recorded it, and its renewal chain, so the history of an accepted risk is visible
 * in one place.
 */
export function ExceptionDetail({ record, records, timeZone, onShow }: { record: ExceptionRecord; records: readonly ExceptionRecord[]; timeZone: string; onShow: (id: number) => void }) {
  const chain = renewalChain(records, record.id);
  return (
    <div className="exception-detail" data-testid={`exception-detail-${record.id}`}>
      <dl className="exception-facts">
        <div className="exception-facts__wide">
          <dt>Reason</dt>
          <dd className="exception-facts__text">{record.reason}</dd>
        </div>
        <div className="exception-facts__wide">
          <dt>Compensating controls</dt>
          <dd className="exception-facts__text">{record.compensatingControls || <span className="muted">None recorded</span>}</dd>
        </div>
        <div>
          <dt>Planned remediation</dt>
          <dd>{record.remediationDate ? formatDay(record.remediationDate) : <span className="muted">Not planned yet</span>}</dd>
        </div>
        <div>
          <dt>Covers</dt>
          <dd>
            From {formatInstantIn(record.startsAt, timeZone)} {isStartOfLocalDay(record.expiresAt, timeZone) ? <>to the end of {formatDay(lastCoveredDay(record.expiresAt, timeZone))}</> : <>to {formatInstantIn(record.expiresAt, timeZone)}</>} <span className="muted">({timeZone})</span>
          </dd>
        </div>
        <div>
          <dt>Recorded</dt>
          <dd>
            {formatInstantIn(record.createdAt, timeZone)} by {record.createdBy || 'unknown'}
          </dd>
        </div>
        <div>
          <dt>Approved by</dt>
          <dd>{record.approver || <span className="text-warning">No approver recorded</span>}</dd>
        </div>
        {record.closedAt ? (
          <div className="exception-facts__wide">
            <dt>Closed</dt>
            <dd className="exception-facts__text">
              {formatInstantIn(record.closedAt, timeZone)}: {record.closeReason || <span className="muted">no reason given</span>}
            </dd>
          </div>
        ) : null}
      </dl>
      <div className="exception-chain" data-testid={`exception-chain-${record.id}`}>
        <h4 className="section-title">Renewal history</h4>
        {chain.length <= 1 ? (
          <p className="muted small">Not renewed: this is the only entry for this risk.</p>
        ) : (
          <>
            <p className="small">
              {record.renewsId !== null ? <>Renews #{record.renewsId}. </> : null}
              {record.renewedById !== null ? <>Renewed by #{record.renewedById}. </> : null}
              Earlier entries stay in the register unchanged.
            </p>
            <ol className="exception-chain__list">
              {chain.map((entry) => (
                <li key={entry.id} className={entry.id === record.id ? 'is-current' : undefined} data-testid="exception-chain-entry" data-exception-id={entry.id}>
                  {entry.id === record.id ? (
                    <span className="exception-chain__id">#{entry.id}</span>
                  ) : (
                    <button type="button" className="link-button exception-chain__id" onClick={() => onShow(entry.id)}>
                      #{entry.id}
                    </button>
                  )}
                  <span className="exception-chain__dates">
                    {startText(entry, timeZone)} – {expiryText(entry, timeZone)}
                  </span>
                  <ExceptionStatusBadge status={entry.status} />
                  <span className="exception-chain__reason muted truncate" title={entry.reason}>
                    {entry.reason}
                  </span>
                </li>
              ))}
            </ol>
          </>
        )}
      </div>
    </div>
  );
}
