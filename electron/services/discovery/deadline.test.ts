import { describe, expect, it } from 'vitest';
import { startDeadline } from './deadline';

function blockEventLoop(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // Simulates a busy main process.
  }
}

describe('startDeadline', () => {
  it('expires after the time', async () => {
    const started = Date.now();
    await new Promise<void>((resolve) => startDeadline(40, resolve));
    expect(Date.now() - started).toBeGreaterThanOrEqual(38);
  });

  it('never fires once cleared, even between the timer and the deferred expiry', async () => {
    let fired = false;
    const early = startDeadline(20, () => (fired = true));
    early.clear();
    const late = startDeadline(5, () => (fired = true));
    setTimeout(() => late.clear(), 5);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fired).toBe(false);
  });

  it('expires after the timers due at the same moment, in the check phase', async () => {
    const order: string[] = [];
    startDeadline(10, () => order.push('deadline'));
    setTimeout(() => order.push('timer'), 10);
    blockEventLoop(30);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(order).toEqual(['timer', 'deadline']);
  });
});
