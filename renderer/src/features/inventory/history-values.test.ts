import { describe, expect, it } from 'vitest';
import { formatChangeValue } from './history-values';

describe('formatChangeValue', () => {
  it('reads empty values as ∅', () => {
    expect(formatChangeValue('')).toBe('∅');
    expect(formatChangeValue(null)).toBe('∅');
    expect(formatChangeValue([])).toBe('∅');
  });

  it('reads ports, access and records', () => {
    expect(formatChangeValue([{ port: 22, protocol: 'tcp', service: 'ssh', banner: '' }, { port: 445, protocol: 'tcp', service: '', banner: '' }])).toBe('22/tcp ssh, 445/tcp');
    expect(formatChangeValue({ method: 'ssh', port: 22, username: 'admin' })).toBe('ssh on 22 as admin');
    expect(formatChangeValue({ method: 'none', port: null, username: '' })).toBe('none');
    expect(formatChangeValue({ impact: 'high', internetFacing: true })).toBe('impact: high, internetFacing: yes');
    expect(formatChangeValue(3)).toBe('3');
  });
});
