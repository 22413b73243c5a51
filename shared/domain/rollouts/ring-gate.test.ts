import { describe, expect, it } from 'vitest';
import { describeGateWait, ringGate, type RingGateInput } from './ring-gate';

const T0 = Date.UTC(2026, 11, 8, 22, 0);
const base: RingGateInput = { policy: { soakMinutes: 60, requireApproval: true }, hostStates: ['installed', 'installed', 'failed'], endedAtMs: T0, healthChecksPassed: true, approvedAtMs: T0 + 1, nowMs: T0 + 60 * 60_000 };

describe('ringGate', () => {
  it('opens when every host ended, checks passed, the soak ran and an admin approved', () => {
    expect(ringGate(base)).toEqual({ open: true });
  });

  it('lists everything it still waits for', () => {
    expect(ringGate({ ...base, hostStates: ['installed', 'running'], endedAtMs: null, healthChecksPassed: null, approvedAtMs: null, nowMs: T0 })).toEqual({
      open: false,
      waits: [{ reason: 'hosts_running', open: 1 }, { reason: 'health_checks_pending' }, { reason: 'soaking', untilMs: Number.POSITIVE_INFINITY }, { reason: 'approval_needed' }],
    });
    expect(ringGate({ ...base, nowMs: T0 + 59 * 60_000 })).toEqual({ open: false, waits: [{ reason: 'soaking', untilMs: T0 + 60 * 60_000 }] });
  });

  it('never opens after a ring where no host succeeded, even with every host unreachable', () => {
    expect(ringGate({ ...base, hostStates: ['unreachable', 'unreachable'] })).toEqual({ open: false, waits: [{ reason: 'no_host_succeeded' }] });
    expect(ringGate({ ...base, healthChecksPassed: false })).toEqual({ open: false, waits: [{ reason: 'health_checks_failed' }] });
  });

  it('describes each wait in words naming the ring', () => {
    expect(describeGateWait({ reason: 'hosts_running', open: 1 }, 'pilot')).toBe('1 host of ring pilot still open');
    expect(describeGateWait({ reason: 'approval_needed' }, 'test')).toBe('an admin must approve the gate after ring test');
    expect(describeGateWait({ reason: 'soaking', untilMs: Date.parse('2026-12-08T10:00:00.000Z') }, 'test')).toBe('ring test soaks until 2026-12-08T10:00:00.000Z');
  });
});
