import { describe, expect, it } from 'vitest';
import { computeTier, effectiveTier, exposureLevel, IMPACT_LEVELS, TIER_TABLE } from './risk-tier';

const base = { internetFacing: false, privilegedData: false, untrustedReachable: false };

describe('risk tiers', () => {
  it('summarises exposure with internet facing first', () => {
    expect(exposureLevel({ impact: 'low', ...base })).toBe('limited');
    expect(exposureLevel({ impact: 'low', ...base, privilegedData: true })).toBe('elevated');
    expect(exposureLevel({ impact: 'low', ...base, untrustedReachable: true, internetFacing: true })).toBe('high');
  });

  it('applies the table', () => {
    expect(computeTier({ impact: 'critical', ...base })).toBe(1);
    expect(computeTier({ impact: 'moderate', ...base, internetFacing: true })).toBe(1);
    expect(computeTier({ impact: 'moderate', ...base, privilegedData: true })).toBe(2);
    expect(computeTier({ impact: 'low', ...base })).toBe(4);
  });

  it('never lowers the tier when exposure grows', () => {
    for (const impact of IMPACT_LEVELS) {
      const row = TIER_TABLE[impact];
      expect(row.high).toBeLessThanOrEqual(row.elevated);
      expect(row.elevated).toBeLessThanOrEqual(row.limited);
    }
  });

  it('lets an override win', () => {
    expect(effectiveTier(3, 1)).toBe(1);
    expect(effectiveTier(3, null)).toBe(3);
    expect(effectiveTier(null, null)).toBeNull();
  });
});
