import { describe, expect, it } from 'vitest';
import { stableJson } from './stable-json';

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
});
