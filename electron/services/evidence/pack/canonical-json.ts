/**
 * Canonical JSON for signed documents: object keys sorted by code point at every level,
 * two-space indentation, LF line ends and one final LF, UTF-8. The same value always gives the
 * same bytes, so a signature over them can be reproduced and checked anywhere.
 */

/** JSON values a signed document may hold (no undefined, no functions, finite numbers only). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** The canonical text of `value`. Throws on values JSON cannot represent exactly. */
export function canonicalJson(value: JsonValue): string {
  return `${JSON.stringify(sortKeys(value, '$'), null, 2)}\n`;
}

/** The canonical UTF-8 bytes of `value`. */
export function canonicalJsonBytes(value: JsonValue): Uint8Array {
  return new TextEncoder().encode(canonicalJson(value));
}

function sortKeys(value: JsonValue, path: string): JsonValue {
  if (Array.isArray(value)) return value.map((item, index) => sortKeys(item, `${path}[${index}]`));
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`${path}: ${value} cannot be written as JSON`);
    return value;
  }
  if (typeof value !== 'object') throw new Error(`${path}: a ${typeof value} cannot be written as JSON`);
  const sorted: { [key: string]: JsonValue } = {};
  for (const key of Object.keys(value).sort(compareCodePoints)) {
    // JavaScript objects always list integer-like keys first, whatever order they were added in.
    if (/^(0|[1-9]\d*)$/.test(key)) throw new Error(`${path}.${key}: integer-like keys cannot be kept in sorted order`);
    const item = value[key];
    if (item === undefined) throw new Error(`${path}.${key} is undefined`);
    sorted[key] = sortKeys(item, `${path}.${key}`);
  }
  return sorted;
}

/** Code-point order, independent of locale (plain `<` compares UTF-16 units, which differs above U+FFFF). */
export function compareCodePoints(a: string, b: string): number {
  const left = Array.from(a);
  const right = Array.from(b);
  for (let index = 0; index < Math.min(left.length, right.length); index++) {
    const difference = (left[index]?.codePointAt(0) ?? 0) - (right[index]?.codePointAt(0) ?? 0);
    if (difference !== 0) return difference;
  }
  return left.length - right.length;
}
