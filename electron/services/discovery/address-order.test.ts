import { describe, it, expect } from 'vitest';
import { formatIpv4, parseTargets, type TargetRange } from '../../../shared/domain/network-targets';
import { scatterStep, scatteredAddresses } from './address-order';

function ranges(...targets: string[]): TargetRange[] {
  const parsed = parseTargets(targets);
  if (!parsed.ok) throw new Error('bad targets');
  return parsed.ranges;
}

describe('scatteredAddresses', () => {
  it('visits every address of a block exactly once', () => {
    const seen = [...scatteredAddresses(ranges('10.0.0.0/22'))];
    expect(seen).toHaveLength(1024);
    expect(new Set(seen).size).toBe(1024);
    expect(Math.min(...seen)).toBe(ranges('10.0.0.0')[0]!.first);
  });

  it('deduplicates overlapping targets and handles gaps between ranges', () => {
    const seen = [...scatteredAddresses(ranges('10.0.0.0/24', '10.0.0.10-20', '10.0.5.7', '192.168.1.1-3'))].map(formatIpv4);
    expect(seen).toHaveLength(256 + 1 + 3);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toContain('10.0.5.7');
    expect(seen).toContain('192.168.1.3');
  });

  it('yields single addresses and empty lists', () => {
    expect([...scatteredAddresses(ranges('10.1.2.3'))].map(formatIpv4)).toEqual(['10.1.2.3']);
    expect([...scatteredAddresses([])]).toEqual([]);
  });

  it('spreads a contiguous sub-block across the whole walk', () => {
    const all = ranges('127.64.0.0/16');
    const blockFirst = all[0]!.first;
    const positions: number[] = [];
    let position = 0;
    for (const address of scatteredAddresses(all)) {
      if (address - blockFirst < 256) positions.push(position);
      position++;
    }
    expect(positions).toHaveLength(256);
    const largestGap = Math.max(...positions.slice(1).map((value, i) => value - positions[i]!));
    expect(largestGap).toBeLessThan(1024);
    expect(positions[255]! - positions[0]!).toBeGreaterThan(60_000);
  });

  it('is lazy: the first address comes without walking the rest', () => {
    const iterator = scatteredAddresses(ranges('0.0.0.0/8'));
    expect(iterator.next().done).toBe(false);
  });

  it('picks a step coprime with the count', () => {
    for (const count of [1, 2, 3, 10, 256, 1000, 65_536, 16_777_216]) {
      const step = scatterStep(count);
      let a = step;
      let b = count;
      while (b !== 0) [a, b] = [b, a % b];
      expect(a).toBe(1);
    }
  });
});
