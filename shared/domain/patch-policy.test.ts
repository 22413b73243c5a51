import { describe, expect, it } from 'vitest';
import { DEFAULT_PATCH_POLICY, withPolicyDefaults } from './patch-policy';

describe('withPolicyDefaults', () => {
  it('reads a policy stored before the freshness limit existed with the default of 7 days', () => {
    const { freshnessDays: _dropped, ...older } = DEFAULT_PATCH_POLICY;
    expect(withPolicyDefaults({ ...older, maxExceptionDays: 30 })).toEqual({ ...DEFAULT_PATCH_POLICY, maxExceptionDays: 30, freshnessDays: 7 });
  });

  it('keeps a stored freshness limit', () => {
    expect(withPolicyDefaults({ ...DEFAULT_PATCH_POLICY, freshnessDays: 14 }).freshnessDays).toBe(14);
  });
});
