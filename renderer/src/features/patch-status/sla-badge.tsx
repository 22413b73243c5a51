import type { PendingSla } from '../../../../shared/contract';
import { Badge } from '../../components/badge';
import { formatDay } from '../exceptions/exception-dates';
import { slaBadge } from './sla-labels';

/**
 * One fix's SLA clock as a badge (`sla-badge`, `data-state` = within, due_soon, overdue or
 * excepted); an excepted fix links to the exception register.
 */
export function SlaBadge({ sla }: { sla: PendingSla | undefined }) {
  if (!sla) return <span className="muted">—</span>;
  const model = slaBadge(sla, (day) => formatDay(day));
  const badge = <Badge tone={model.tone}>{model.text}</Badge>;
  return model.href ? (
    <a href={model.href} className="sla-badge sla-badge--link" title={model.title} data-testid="sla-badge" data-state={sla.state}>
      {badge}
    </a>
  ) : (
    <span className="sla-badge" title={model.title} data-testid="sla-badge" data-state={sla.state}>
      {badge}
    </span>
  );
}
