import { describe, expect, it } from 'vitest';
import { tiersNextStep } from './tiers-next-step';

describe('tiersNextStep', () => {
  it('goes inventory → classify → policy', () => {
    expect(tiersNextStep(0, 0).kind).toBe('inventory');
    expect(tiersNextStep(40, 30)).toEqual({ kind: 'classify', text: 'Classify 30 assets' });
    expect(tiersNextStep(40, 0).kind).toBe('policy');
  });
});
