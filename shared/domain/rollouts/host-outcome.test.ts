import { describe, expect, it } from 'vitest';
import { countVerdicts, hostVerdict } from './host-outcome';

describe('host outcomes', () => {
  it('count unreachable and blocked hosts as not attempted, and a rolled-back host as a failure', () => {
    expect(hostVerdict('unreachable')).toBe('not_attempted');
    expect(hostVerdict('preflight_blocked')).toBe('not_attempted');
    expect(hostVerdict('rolled_back')).toBe('failure');
    expect(hostVerdict('nothing_to_do')).toBe('success');
    expect(countVerdicts(['installed', 'failed', 'unreachable', 'running', 'pending'])).toEqual({ open: 2, success: 1, failure: 1, not_attempted: 1 });
  });
});
