import { describe, expect, it } from 'vitest';
import { formatPatchedShare, formatShare } from './share-format';

describe('formatShare', () => {
  it('writes one decimal', () => {
    expect(formatShare(9 / 11)).toBe('81.8%');
    expect(formatShare(0)).toBe('0.0%');
    expect(formatShare(1)).toBe('100.0%');
    expect(formatShare(0.125)).toBe('12.5%');
  });

  it('never rounds a near-total or near-nothing share to 100% or 0%', () => {
    expect(formatShare(0.9999)).toBe('>99.9%');
    expect(formatShare(0.0001)).toBe('<0.1%');
  });

  it('writes nothing to divide as a dash, and an unmeasured patched share as not measured', () => {
    expect(formatShare(null)).toBe('—');
    expect(formatShare(Number.NaN)).toBe('—');
    expect(formatPatchedShare(null)).toBe('not measured');
    expect(formatPatchedShare(0)).toBe('0.0%');
  });
});
