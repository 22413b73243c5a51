import { describe, expect, it } from 'vitest';
import { splitTargets, summariseTargets } from './target-list';

describe('target lists', () => {
  it('splits on lines, commas and spaces', () => {
    expect(splitTargets('10.0.0.0/24\n192.168.1.1, 192.168.1.5-9  \n')).toEqual(['10.0.0.0/24', '192.168.1.1', '192.168.1.5-9']);
  });

  it('counts distinct addresses and reports each bad target', () => {
    const summary = summariseTargets(['10.0.0.0/24', '10.0.0.10-20', '10.0.0.300']);
    expect(summary.addressCount).toBe(256);
    expect(summary.problems).toHaveLength(1);
    expect(summary.entries[2]).toMatchObject({ ok: false });
    expect(summary.entries[0]).toEqual({ source: '10.0.0.0/24', ok: true, addresses: 256 });
  });

  it('flags scans larger than a /16', () => {
    expect(summariseTargets(['10.0.0.0/16']).large).toBe(false);
    expect(summariseTargets(['10.0.0.0/15']).large).toBe(true);
  });
});
