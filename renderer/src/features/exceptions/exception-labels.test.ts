import { describe, expect, it } from 'vitest';
import { EXCEPTION_STATUSES } from '../../../../shared/domain/sla/exception-status';
import { EXCEPTION_STATUS_HINTS, EXCEPTION_STATUS_LABELS, exceptionStatusTone, scopeSummary } from './exception-labels';

describe('exception status tones', () => {
  it('marks expired as danger, expiring soon as warning, active as ok and history as neutral', () => {
    expect(exceptionStatusTone('expired')).toBe('danger');
    expect(exceptionStatusTone('expiring_soon')).toBe('warning');
    expect(exceptionStatusTone('active')).toBe('success');
    expect(exceptionStatusTone('closed')).toBe('neutral');
    expect(exceptionStatusTone('renewed')).toBe('neutral');
    expect(exceptionStatusTone('scheduled')).toBe('info');
  });

  it('has a label and a hint for every status', () => {
    for (const status of EXCEPTION_STATUSES) {
      expect(EXCEPTION_STATUS_LABELS[status]).toBeTruthy();
      expect(EXCEPTION_STATUS_HINTS[status]).toBeTruthy();
    }
  });
});

describe('scopeSummary', () => {
  it('names the asset of a whole-asset entry', () => {
    expect(scopeSummary({ scope: { kind: 'asset', assetId: 4, value: '' }, assetName: 'fs01' })).toEqual({ kind: 'Whole asset', target: 'fs01', where: '' });
  });

  it('falls back to the asset id when the name is gone', () => {
    expect(scopeSummary({ scope: { kind: 'asset', assetId: 4, value: '' }, assetName: '' }).target).toBe('asset #4');
  });

  it('says where a value scope applies', () => {
    expect(scopeSummary({ scope: { kind: 'cve', assetId: null, value: 'CVE-2026-1234' }, assetName: '' })).toEqual({ kind: 'CVE', target: 'CVE-2026-1234', where: 'every asset' });
    expect(scopeSummary({ scope: { kind: 'kb', assetId: 2, value: 'KB5034441' }, assetName: 'dc01' })).toEqual({ kind: 'KB', target: 'KB5034441', where: 'on dc01' });
  });
});
