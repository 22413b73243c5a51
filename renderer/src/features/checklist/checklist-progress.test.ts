import { describe, expect, it } from 'vitest';
import { finishedCount, isComplete, progressFraction, progressSegments, progressSummary } from './checklist-progress';

const progress = (done: number, notApplicable: number, pending: number, late = 0) => ({ total: done + notApplicable + pending, done, notApplicable, pending, late, percent: 0 });

describe('checklist progress', () => {
  it('counts done and not-applicable items as finished', () => {
    expect(finishedCount(progress(4, 1, 3))).toBe(5);
    expect(progressFraction(progress(4, 1, 3))).toBe('5/8');
    expect(isComplete(progress(4, 1, 3))).toBe(false);
    expect(isComplete(progress(7, 1, 0))).toBe(true);
  });

  it('splits the bar into stretches that add up to the whole', () => {
    const segments = progressSegments(progress(1, 1, 1, 0));
    expect(segments.map((segment) => segment.kind)).toEqual(['done', 'not_applicable', 'late', 'pending']);
    expect(segments.map((segment) => segment.count)).toEqual([1, 1, 0, 1]);
    expect(segments.reduce((sum, segment) => sum + segment.percent, 0)).toBeCloseTo(100, 5);
    expect(segments[3]?.percent).toBeCloseTo(33.4, 5);
  });

  it('draws late items apart from the rest of the pending ones', () => {
    const segments = progressSegments(progress(2, 0, 6, 2));
    expect(segments.find((segment) => segment.kind === 'late')).toEqual({ kind: 'late', count: 2, percent: 25 });
    expect(segments.find((segment) => segment.kind === 'pending')).toEqual({ kind: 'pending', count: 4, percent: 50 });
  });

  it('draws an empty checklist as an empty bar', () => {
    expect(progressSegments(progress(0, 0, 0)).every((segment) => segment.percent === 0)).toBe(true);
  });

  it('says where the checklist stands in one line', () => {
    expect(progressSummary(progress(5, 1, 2, 2))).toBe('5 of 8 done · 1 not applicable · 2 late');
    expect(progressSummary(progress(2, 0, 6))).toBe('2 of 8 done · 6 to go');
    expect(progressSummary(progress(8, 0, 0))).toBe('8 of 8 done');
  });
});
