import { describe, expect, it } from 'vitest';
import { formatPercentValue, formatShare, sharePercent } from './share-format';

describe('formatShare', () => {
  it('writes nothing measured as a dash, not as zero', () => {
    expect(formatShare(null)).toBe('—');
    expect(formatShare(undefined)).toBe('—');
    expect(formatShare(Number.NaN)).toBe('—');
  });

  it('rounds to whole percents', () => {
    expect(formatShare(0)).toBe('0%');
    expect(formatShare(1)).toBe('100%');
    expect(formatShare(0.6566)).toBe('66%');
    expect(formatShare(0.125)).toBe('13%');
  });

  it('never rounds a near-total or near-nothing share to 100% or 0%', () => {
    expect(formatShare(0.996)).toBe('>99%');
    expect(formatShare(0.9999)).toBe('>99%');
    expect(formatShare(0.004)).toBe('<1%');
    expect(formatShare(0.99)).toBe('99%');
  });

  it('clamps values outside 0-1', () => {
    expect(formatShare(1.2)).toBe('100%');
    expect(formatShare(-0.1)).toBe('0%');
  });
});

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
