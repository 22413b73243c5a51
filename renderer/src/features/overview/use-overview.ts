import { useEffect, useRef } from 'react';
import type { ComplianceSummaryRequest } from '../../../../shared/contract';
import { useApiQuery } from '../../api/use-api-query';

/**
 * The site's compliance summary for a period. Collections, exception changes and ticked checklist
 * items all move these figures without invalidating this channel, so a summary already cached
 * is read again when the dashboard opens (it stays on screen meanwhile).
 */
export function useComplianceSummary(request: ComplianceSummaryRequest) {
  const query = useApiQuery('compliance:summary', request);
  const hadData = useRef(query.data !== undefined);
  const { refetch } = query;
  useEffect(() => {
    if (hadData.current) void refetch();
    hadData.current = false;
  }, [refetch]);
  return query;
}
