import type { ExceptionRecord } from '../../../../shared/contract';
import { expiryPhrase } from './exception-dates';
import { expiryText, ScopeCell } from './exception-scope';
import { ExceptionStatusBadge } from './exception-status-badge';

/** The entry a renew or close dialog acts on, in one compact block. */
export function ExceptionBrief({ record, timeZone, nowMs }: { record: ExceptionRecord; timeZone: string; nowMs: number }) {
  return (
    <div className="exception-brief">
      <div className="exception-brief__head">
        <span className="mono muted">#{record.id}</span>
        <ScopeCell record={record} />
        <ExceptionStatusBadge status={record.status} />
      </div>
      <dl className="exception-brief__facts">
        <div>
          <dt>Owner</dt>
          <dd>{record.owner}</dd>
        </div>
        <div>
          <dt>Expires</dt>
          <dd>
            {expiryText(record, timeZone)} <span className="muted">({expiryPhrase(record, nowMs)})</span>
          </dd>
        </div>
      </dl>
      <p className="exception-brief__reason muted small" title={record.reason}>
        {record.reason}
      </p>
    </div>
  );
}
