import { describe, expect, it } from 'vitest';
import { RECONNECT_MAX_MS, RECONNECT_MIN_MS, reconnectDelayMs } from './reconnect-backoff';

describe('reconnectDelayMs', () => {
  it('starts small and doubles', () => {
    expect(reconnectDelayMs(0, () => 1)).toBe(RECONNECT_MIN_MS);
    expect(reconnectDelayMs(1, () => 1)).toBe(RECONNECT_MIN_MS * 2);
    expect(reconnectDelayMs(3, () => 1)).toBe(RECONNECT_MIN_MS * 8);
  });

  it('jitters within the upper half of the window', () => {
    expect(reconnectDelayMs(2, () => 0)).toBe(RECONNECT_MIN_MS * 2);
  });

  it('is capped', () => {
    expect(reconnectDelayMs(40, () => 1)).toBe(RECONNECT_MAX_MS);
  });
});
