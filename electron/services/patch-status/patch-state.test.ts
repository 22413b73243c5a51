import { describe, expect, it } from 'vitest';
import { patchStates, primaryState } from './patch-state';

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
});
