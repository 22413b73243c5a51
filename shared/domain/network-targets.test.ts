import { describe, expect, it } from 'vitest';
import { countAddresses, iterateAddresses, parseTarget, parseTargets, rangesContain } from './network-targets';

describe('parseTarget', () => {
  it('parses single addresses, CIDR blocks and both range forms', () => {
    expect(parseTarget('10.0.0.1')).toMatchObject({ ok: true, range: { first: 167772161, last: 167772161 } });
    const cidr = parseTarget('10.0.0.77/24');
    expect(cidr.ok && [cidr.range.first, cidr.range.last]).toEqual([167772160, 167772415]);
    const short = parseTarget('10.0.0.5-40');
    expect(short.ok && short.range.last - short.range.first + 1).toBe(36);
    const long = parseTarget('10.0.0.250-10.0.1.4');
    expect(long.ok && long.range.last - long.range.first + 1).toBe(11);
  });

  it('names what is wrong with malformed targets', () => {
    expect(parseTarget('10.0.0.256')).toEqual({ ok: false, message: '"10.0.0.256" is not an IPv4 address, CIDR block or range' });
    expect(parseTarget('10.0.0.0/33')).toMatchObject({ ok: false, message: expect.stringContaining('prefix length') });
    expect(parseTarget('10.0.0.40-5')).toMatchObject({ ok: false, message: expect.stringContaining('reversed') });
    expect(parseTarget('10.0.0.1-300')).toMatchObject({ ok: false, message: expect.stringContaining('0 to 255') });
    expect(parseTarget('host.example')).toMatchObject({ ok: false });
    expect(parseTarget('01.2.3.4')).toMatchObject({ ok: false });
  });
});

describe('parseTargets', () => {
  it('counts overlapping targets once and reports problems by position', () => {
    const result = parseTargets(['10.0.0.0/30', '10.0.0.2-5']);
    expect(result.ok && result.addressCount).toBe(6);
    expect(parseTargets(['10.0.0.1', 'bad'])).toEqual({ ok: false, problems: [{ index: 1, message: expect.any(String) }] });
  });

  it('iterates distinct addresses in order and answers containment', () => {
    const result = parseTargets(['127.0.0.3', '127.0.0.1-2', '127.0.0.2']);
    if (!result.ok) throw new Error('expected ok');
    expect([...iterateAddresses(result.ranges)]).toEqual(['127.0.0.1', '127.0.0.2', '127.0.0.3']);
    expect(countAddresses(result.ranges)).toBe(3);
    expect(rangesContain(result.ranges, '127.0.0.2')).toBe(true);
    expect(rangesContain(result.ranges, '127.0.0.9')).toBe(false);
  });
});
