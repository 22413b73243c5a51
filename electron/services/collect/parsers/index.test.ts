import { describe, expect, it } from 'vitest';
import { FORMAT_NAMES, isFormatName, PARSERS } from './index';
import { withCpuTime } from '../../../test-support/cpu-time';

function randomText(bytes: number, seed: number): string {
  const alphabet = 'Inst Conf Remv ([]):,-./|<>{}=~^\t\r\n\u0000\u001b[31mÄé中 0123456789abcxyz.x86_64 -> @System Version: uptime is';
  let s = seed;
  const out: string[] = [];
  for (let i = 0; i < bytes; i++) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    out.push(alphabet.charAt(s % alphabet.length));
  }
  return out.join('');
}

describe('parser registry', () => {
  it('lists every format with a description', () => {
    expect(Object.keys(PARSERS).sort()).toEqual([...FORMAT_NAMES].sort());
    for (const name of FORMAT_NAMES) expect(PARSERS[name].description.length).toBeGreaterThan(10);
    expect(isFormatName('apt-simulate')).toBe(true);
    expect(isFormatName('nope')).toBe(false);
  });

  it.each(FORMAT_NAMES)('%s never throws and rejects empty output with a failing exit code', (name) => {
    const { parse } = PARSERS[name];
    expect(parse({ stdout: '', stderr: 'fatal: something broke', exitCode: 5 }).ok).toBe(false);
    for (const seed of [1, 2, 3]) expect(() => parse({ stdout: randomText(20_000, seed) })).not.toThrow();
  });

  const big = randomText(4_000_000, 7);
  it.each(FORMAT_NAMES)('%s stays fast on 4 MB of hostile text', (name) => {
    const { cpuMs } = withCpuTime(() => PARSERS[name].parse({ stdout: big, exitCode: 0 }));
    expect(cpuMs).toBeLessThan(4_000);
  });
});
