import { describe, expect, it } from 'vitest';
import { ageInDays, patchStates, primaryState } from './patch-state';

const base = { collected: true, measured: true, lastCollectionFailed: false, unsupportedOs: false, pending: 0, security: 0, rebootRequired: false };

describe('patch state', () => {
  it('puts the most urgent state first and lets states overlap', () => {
    expect(patchStates({ ...base, pending: 3, security: 1, rebootRequired: true })).toEqual(['security_pending', 'reboot_pending', 'updates_pending']);
    expect(primaryState({ ...base, lastCollectionFailed: true, pending: 2 })).toBe('unreachable');
    expect(patchStates(base)).toEqual(['up_to_date']);
    expect(patchStates({ ...base, unsupportedOs: true })).toEqual(['unsupported_os']);
    expect(patchStates({ ...base, collected: false })).toEqual(['never_collected']);
    expect(patchStates({ ...base, collected: false, unsupportedOs: true })).toEqual(['never_collected', 'unsupported_os']);
  });

  it('never calls a host without a fresh success up to date', () => {
    expect(patchStates({ ...base, measured: false })).toEqual(['not_measured']);
    expect(patchStates({ ...base, measured: false, pending: 2 })).toEqual(['not_measured', 'updates_pending']);
    expect(patchStates({ ...base, measured: false, lastCollectionFailed: true })).toEqual(['unreachable']);
  });

  it('measures ages in days to one decimal, never negative', () => {
    const now = new Date('2026-11-22T12:00:00Z');
    expect(ageInDays('2026-11-12T12:00:00Z', now)).toBe(10);
    expect(ageInDays('2026-11-22T00:00:00Z', now)).toBe(0.5);
    expect(ageInDays('2026-12-01T00:00:00Z', now)).toBe(0);
  });
});
