import { describe, expect, it } from 'vitest';
import { MacLookup } from './mac-lookup';

describe('MacLookup', () => {
  it('reads the table once for hosts that finished before the read', async () => {
    let reads = 0;
    let clock = 10;
    const lookup = new MacLookup(async () => {
      reads++;
      return new Map([['10.0.0.1', 'aa:bb:cc:dd:ee:01']]);
    }, () => clock);
    const results = await Promise.all([lookup.macFor('10.0.0.1', 5), lookup.macFor('10.0.0.2', 6), lookup.macFor('10.0.0.1', 9)]);
    expect(results).toEqual(['aa:bb:cc:dd:ee:01', '', 'aa:bb:cc:dd:ee:01']);
    expect(reads).toBe(1);
    clock = 20;
    expect(await lookup.macFor('10.0.0.1', 8)).toBe('aa:bb:cc:dd:ee:01');
    expect(reads).toBe(1);
  });

  it('re-reads for a host whose probes ended after the last snapshot', async () => {
    let clock = 0;
    const tables = [new Map<string, string>(), new Map([['10.0.0.9', 'aa:bb:cc:dd:ee:09']])];
    const lookup = new MacLookup(async () => tables.shift() ?? new Map(), () => clock);
    expect(await lookup.macFor('10.0.0.9', 0)).toBe('');
    clock = 50;
    expect(await lookup.macFor('10.0.0.9', 40)).toBe('aa:bb:cc:dd:ee:09');
  });

  it('treats a failing reader as an empty table', async () => {
    const lookup = new MacLookup(async () => Promise.reject(new Error('EACCES')), () => 0);
    expect(await lookup.macFor('10.0.0.1', 0)).toBe('');
  });
});
