import type { ExceptionRecord } from '../../../../shared/contract';
import type { ExceptionScopeKind, ExceptionStatus } from '../../../../shared/domain/sla/exception-status';
import type { BadgeTone } from '../../components/badge';

/** How each status reads in the register. */
export const EXCEPTION_STATUS_LABELS: Record<ExceptionStatus, string> = {
  active: 'Active',
  expiring_soon: 'Expiring soon',
  expired: 'Expired',
  scheduled: 'Scheduled',
  closed: 'Closed',
  renewed: 'Renewed',
};

/**
 * The badge tone of each status. Expired is danger because its fixes count as breaches again;
 * closed and renewed are history, so they stay neutral and never compete for attention.
 */
export const EXCEPTION_STATUS_TONES: Record<ExceptionStatus, BadgeTone> = {
  expired: 'danger',
  expiring_soon: 'warning',
  active: 'success',
  scheduled: 'info',
  closed: 'neutral',
  renewed: 'neutral',
};

/** What each status means for the SLA, shown on hover. */
export const EXCEPTION_STATUS_HINTS: Record<ExceptionStatus, string> = {
  active: 'Covers its scope: missed deadlines are not counted as breaches.',
  expiring_soon: 'Still covers its scope, but ends within 14 days: renew it or plan the fix.',
  expired: 'Past its expiry: what it covered counts as breaches again until it is fixed, renewed or closed.',
  scheduled: 'Starts later: it covers nothing yet.',
  closed: 'Ended early; kept as history.',
  renewed: 'Continued by a newer entry; kept as history.',
};

/** The badge tone of a status. */
export function exceptionStatusTone(status: ExceptionStatus): BadgeTone {
  return EXCEPTION_STATUS_TONES[status];
}

/** The scope kinds in the order the form offers them. */
export const SCOPE_KIND_ORDER: readonly ExceptionScopeKind[] = ['asset', 'update', 'package', 'cve', 'kb'];

/** Short names of the scope kinds. */
export const SCOPE_KIND_LABELS: Record<ExceptionScopeKind, string> = {
  asset: 'Whole asset',
  update: 'Update',
  package: 'Package',
  cve: 'CVE',
  kb: 'KB',
};

/** Example values, shown as placeholders. */
export const SCOPE_VALUE_PLACEHOLDERS: Record<Exclude<ExceptionScopeKind, 'asset'>, string> = {
  update: 'RHSA-2026:1234 or the update title',
  package: 'openssl',
  cve: 'CVE-2026-12345',
  kb: 'KB5034441',
};

/** What the value of each scope kind matches, shown under the field. */
export const SCOPE_VALUE_HINTS: Record<Exclude<ExceptionScopeKind, 'asset'>, string> = {
  update: 'One update, by its exact title or package name, or by an advisory it carries (RHSA-2026:1234, DSA-5800-1, USN-7000-1).',
  package: 'Every update of this package, whatever the version or architecture.',
  cve: 'Every update that fixes this CVE, e.g. CVE-2026-12345.',
  kb: 'The Windows update with this KB number, e.g. KB5034441.',
};

/** A register entry's scope in words, split for a table cell. */
export interface ScopeSummary {
  /** "Whole asset", "CVE", … */
  kind: string;
  /** The asset for a whole-asset entry, else the value (a CVE, a KB, a package…). */
  target: string;
  /** Where a non-asset entry applies: one asset, or every asset of the site; empty for a whole asset. */
  where: string;
}

/** Describes what an entry covers. */
export function scopeSummary(record: Pick<ExceptionRecord, 'scope' | 'assetName'>): ScopeSummary {
  const assetName = record.assetName || (record.scope.assetId === null ? '' : `asset #${record.scope.assetId}`);
  if (record.scope.kind === 'asset') return { kind: SCOPE_KIND_LABELS.asset, target: assetName, where: '' };
  return { kind: SCOPE_KIND_LABELS[record.scope.kind], target: record.scope.value, where: record.scope.assetId === null ? 'every asset' : `on ${assetName}` };
}
