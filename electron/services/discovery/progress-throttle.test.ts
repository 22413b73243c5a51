import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createProgressThrottle, type DiscoveryProgress } from './progress-throttle';

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

const at = (probedAddresses: number): DiscoveryProgress => ({ probedAddresses, liveHosts: 0 });

describe('createProgressThrottle', () => {
  it('emits the first update at once, then at most once per interval with the latest value', () => {
    const seen: number[] = [];
    const throttle = createProgressThrottle((progress) => seen.push(progress.probedAddresses), 100);
    for (let i = 1; i <= 50; i++) {
      throttle.update(at(i));
      vi.advanceTimersByTime(10);
    }
    expect(seen.length).toBeGreaterThanOrEqual(5);
    expect(seen.length).toBeLessThanOrEqual(6);
    expect(seen[0]).toBe(1);
    vi.advanceTimersByTime(200);
    expect(seen.at(-1)).toBe(50);
  });

  it('flushes the final value immediately and cancels the pending one', () => {
    const seen: number[] = [];
    const throttle = createProgressThrottle((progress) => seen.push(progress.probedAddresses), 100);
    throttle.update(at(1));
    throttle.update(at(2));
    throttle.flush(at(3));
    vi.advanceTimersByTime(500);
    expect(seen).toEqual([1, 3]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stop leaves no timer', () => {
    const throttle = createProgressThrottle(() => {}, 100);
    throttle.update(at(1));
    throttle.update(at(2));
    throttle.stop();
    expect(vi.getTimerCount()).toBe(0);
  });
});
