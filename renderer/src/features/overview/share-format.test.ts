import { describe, expect, it } from 'vitest';
import { formatPercentValue, sharePercent } from './share-format';

describe('chart percents', () => {
  it('keeps one decimal for the axis and null for unknown', () => {
    expect(sharePercent(0.6566)).toBe(65.7);
    expect(sharePercent(null)).toBeNull();
    expect(sharePercent(1)).toBe(100);
  });

  it('formats an axis or tooltip value', () => {
    expect(formatPercentValue(65.7)).toBe('66%');
    expect(formatPercentValue(null)).toBe('—');
    expect(formatPercentValue('x')).toBe('—');
  });
});
