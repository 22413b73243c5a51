import { describe, expect, it } from 'vitest';
import { canonicalJson, canonicalJsonBytes, compareCodePoints } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts keys at every level, indents by two spaces and ends with one LF', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: true, y: null }], c: 'x' } })).toBe(
      '{\n  "a": {\n    "c": "x",\n    "d": [\n      {\n        "y": null,\n        "z": true\n      }\n    ]\n  },\n  "b": 1\n}\n',
    );
  });

  it('gives the same bytes whatever order the keys were added in', () => {
    expect(canonicalJsonBytes({ site: 'Zürich', files: [], at: 1 })).toEqual(canonicalJsonBytes({ at: 1, files: [], site: 'Zürich' }));
    expect(new TextDecoder().decode(canonicalJsonBytes({ s: 'Zürich' }))).toContain('Zürich');
  });

  it('refuses what JSON cannot hold exactly', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(/\$\.a: NaN/);
    expect(() => canonicalJson({ a: undefined as never })).toThrow(/\$\.a is undefined/);
    expect(() => canonicalJson({ 10: 'x' })).toThrow(/integer-like/);
  });

  it('orders by code point, not by UTF-16 unit', () => {
    expect(compareCodePoints('\u{1F600}', '\uFFFD')).toBeGreaterThan(0);
    expect('\u{1F600}' < '\uFFFD').toBe(true);
    expect(compareCodePoints('a', 'ab')).toBeLessThan(0);
  });
});
