import type { ExceptionStatus } from '../../../../shared/domain/sla/exception-status';
import { Badge } from '../../components/badge';
import { EXCEPTION_STATUS_HINTS, EXCEPTION_STATUS_LABELS, exceptionStatusTone } from './exception-labels';

/** An entry's status as a coloured badge, with what it means for the SLA on hover. */
export function ExceptionStatusBadge({ status, testId }: { status: ExceptionStatus; testId?: string }) {
  return (
    <span className="exception-status" data-status={status} data-testid={testId}>
      <Badge tone={exceptionStatusTone(status)} title={EXCEPTION_STATUS_HINTS[status]}>
        {EXCEPTION_STATUS_LABELS[status]}
      </Badge>
    </span>
  );
}
