/**
 * The register's one obvious next step, and its line in the steps rail. Lapsed entries come
 * first: their fixes count as breaches again, and nobody is told unless the UI says so.
 */
import type { ExceptionRecord } from '../../../../shared/contract';
import { plural } from '../../lib/format';
import { countExceptions, type ExceptionCounts } from './exception-list-model';

/** What the banner suggests. */
export interface ExceptionsNextStep {
  kind: 'expired' | 'expiring' | 'add' | 'review';
  tone: 'default' | 'warning';
  text: string;
}

/** The next step for the register, from its counts. */
export function exceptionsNextStep(counts: ExceptionCounts): ExceptionsNextStep {
  if (counts.expired > 0) {
    const these = counts.expired === 1 ? 'Its fixes count' : 'Their fixes count';
    return { kind: 'expired', tone: 'warning', text: `${plural(counts.expired, 'exception')} expired. ${these} as SLA breaches again: renew with a fresh reason, or close once fixed.` };
  }
  if (counts.expiring_soon > 0) {
    return { kind: 'expiring', tone: 'default', text: `${plural(counts.expiring_soon, 'exception')} ${counts.expiring_soon === 1 ? 'expires' : 'expire'} within 14 days. Renew ${counts.expiring_soon === 1 ? 'it' : 'them'} or get the fix in before then.` };
  }
  if (counts.open === 0) {
    return { kind: 'add', tone: 'default', text: 'When a fix cannot be applied in time, record it here with an owner, a reason and an expiry, so the risk is accepted on purpose.' };
  }
  return { kind: 'review', tone: 'default', text: `${plural(counts.active + counts.scheduled, 'exception')} in force, none expiring within 14 days. Each one stops on its expiry date unless renewed.` };
}

/** The register in a few words for the steps rail. */
export function exceptionsRailStatus(records: readonly Pick<ExceptionRecord, 'status'>[]): string {
  const counts = countExceptions(records);
  if (counts.expired > 0) return `${plural(counts.expired, 'exception')} expired`;
  if (counts.expiring_soon > 0) return `${plural(counts.expiring_soon, 'exception')} expiring soon`;
  if (counts.open > 0) return `${plural(counts.open, 'exception')} in force`;
  return records.length === 0 ? 'None recorded' : 'None in force';
}
