import type { ExceptionRecord } from '../../../../shared/contract';

/** A register entry for tests: active, whole asset 1, with the given fields changed. */
export function makeException(patch: Partial<ExceptionRecord> & { id: number }): ExceptionRecord {
  return {
    siteId: 1,
    scope: { kind: 'asset', assetId: 1, value: '' },
    assetName: 'fs01',
    reason: 'Vendor has not certified the update',
    compensatingControls: '',
    owner: 'Ana',
    approver: '',
    startsAt: '2026-10-01T00:00:00.000Z',
    expiresAt: '2026-12-31T00:00:00.000Z',
    remediationDate: null,
    closedAt: null,
    closeReason: '',
    renewsId: null,
    renewedById: null,
    status: 'active',
    createdAt: '2026-10-01T08:00:00.000Z',
    createdBy: 'admin',
    ...patch,
  };
}
