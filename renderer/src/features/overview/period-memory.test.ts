import { describe, expect, it } from 'vitest';
import { recallPeriod, rememberPeriod } from './period-memory';

describe('period memory', () => {
  it('keeps one choice per site', () => {
    expect(recallPeriod(41)).toBeUndefined();
    rememberPeriod(41, { preset: 'lastMonth', custom: { from: '2026-10-01', to: '2026-10-31' } });
    rememberPeriod(42, { preset: 'custom', custom: { from: '2026-03-01', to: '2026-03-31' } });
    expect(recallPeriod(41)?.preset).toBe('lastMonth');
    expect(recallPeriod(42)?.custom).toEqual({ from: '2026-03-01', to: '2026-03-31' });
    rememberPeriod(41, { preset: 'last90', custom: { from: '2026-10-01', to: '2026-10-31' } });
    expect(recallPeriod(41)?.preset).toBe('last90');
  });
});
