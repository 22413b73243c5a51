import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startDeadline } from './deadline';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate'] });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('startDeadline', () => {
  it('expires once the time has passed, not a millisecond before', () => {
    const onExpire = vi.fn();
    startDeadline(40, onExpire);
    vi.advanceTimersByTime(39);
    expect(onExpire).not.toHaveBeenCalled();
    vi.runAllTimers();
    expect(onExpire).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('never fires once cleared, before the timer or between the timer and the deferred expiry', () => {
    const onExpire = vi.fn();
    startDeadline(20, onExpire).clear();
    const late = startDeadline(5, onExpire);
    // Due at the same moment as the deadline's timer but queued after it, so it runs after the
    // expiry has been deferred and before the deferred callback: the window this test is about.
    setTimeout(() => late.clear(), 5);
    vi.runAllTimers();
    expect(onExpire).not.toHaveBeenCalled();
  });

  it('defers the expiry behind the timers due at the same moment', () => {
    const order: string[] = [];
    startDeadline(10, () => order.push('deadline'));
    setTimeout(() => order.push('timer'), 10);
    vi.runAllTimers();
    expect(order).toEqual(['timer', 'deadline']);
  });
});
