import { describe, expect, it } from 'vitest';
import { stableJson, stableJsonBytes } from './stable-json';

describe('stableJson', () => {
  it('sorts keys at every level, whatever order they were added in', () => {
    const a = stableJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: null } });
    const b = stableJson({ a: { c: null, d: [{ y: 2, z: 1 }] }, b: 1 });
    expect(a).toBe(b);
    expect(a).toBe('{\n  "a": {\n    "c": null,\n    "d": [\n      {\n        "y": 2,\n        "z": 1\n      }\n    ]\n  },\n  "b": 1\n}\n');
  });

  it('puts integer-like keys (SLA tiers) first in numeric order, as JavaScript does', () => {
    const json = stableJson({ x: 0, '10': 'ten', '2': 'two', Á: 1, B: 2 });
    expect(Object.keys(JSON.parse(json) as object)).toEqual(['2', '10', 'B', 'x', 'Á']);
    expect(json).toBe(stableJson({ B: 2, Á: 1, '2': 'two', x: 0, '10': 'ten' }));
  });

  it('ends with a single LF and drops undefined properties', () => {
    const json = stableJson({ a: undefined, b: 'é' });
    expect(json).toBe('{\n  "b": "é"\n}\n');
    expect(json.includes('\r')).toBe(false);
  });

  it('writes what sorting every object and JSON.stringify(value, null, 2) wrote, and the same as bytes', () => {
    // The former implementation, as the oracle: a sorted deep copy, then one JSON.stringify.
    const sortedCopy = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(sortedCopy);
      if (value === null || typeof value !== 'object') return value;
      const keys = Object.keys(value).sort((a, b) => {
        const ai = /^(0|[1-9]\d*)$/.test(a);
        const bi = /^(0|[1-9]\d*)$/.test(b);
        if (ai && bi) return Number(a) - Number(b);
        if (ai !== bi) return ai ? -1 : 1;
        const ac = Array.from(a).map((c) => c.codePointAt(0) ?? 0);
        const bc = Array.from(b).map((c) => c.codePointAt(0) ?? 0);
        for (let i = 0; i < Math.min(ac.length, bc.length); i++) if (ac[i] !== bc[i]) return (ac[i] ?? 0) - (bc[i] ?? 0);
        return ac.length - bc.length;
      });
      return Object.fromEntries(keys.map((key) => [key, sortedCopy((value as Record<string, unknown>)[key])]));
    };
    let state = 11;
    const next = () => (state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    const KEYS = ['a', 'B', 'é', '10', '2', 'zeta', 'a b', '"q"', '😀', ''];
    const randomValue = (depth: number): unknown => {
      const pick = Math.floor(next() * (depth > 3 ? 6 : 9));
      switch (pick) {
        case 0: return null;
        case 1: return next() < 0.5;
        case 2: return [0, -0, 1.5, -42, 1e21, Number.NaN, Infinity][Math.floor(next() * 7)];
        case 3: return ['', 'plain', 'line\nbreak', 'tab\t"quote"\\', 'Schäfer – 😀', '\u0001\u2028'][Math.floor(next() * 6)];
        case 4: return undefined;
        case 5: return new Date(0);
        case 6: return Array.from({ length: Math.floor(next() * 4) }, () => randomValue(depth + 1));
        default: return Object.fromEntries(KEYS.filter(() => next() < 0.4).map((key) => [key, randomValue(depth + 1)]));
      }
    };
    for (let round = 0; round < 300; round++) {
      const value = { root: randomValue(0), list: [randomValue(1), undefined, () => 1], nested: { x: randomValue(1), f: () => 1 } };
      const expected = `${JSON.stringify(sortedCopy(value), null, 2)}\n`;
      expect(stableJson(value)).toBe(expected);
      expect(Buffer.from(stableJsonBytes(value)).toString('utf8')).toBe(expected);
    }
    // Long enough to be encoded in several chunks.
    const big = { rows: Array.from({ length: 5_000 }, (_, index) => ({ id: index, name: `host-${index} – Schäfer 😀`, tags: ['a', 'b'] })) };
    expect(Buffer.from(stableJsonBytes(big)).toString('utf8')).toBe(`${JSON.stringify(sortedCopy(big), null, 2)}\n`);
  });
});
