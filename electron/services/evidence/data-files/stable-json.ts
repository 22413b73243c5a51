/**
 * JSON with a stable key order, so two packs of the same data hold byte-identical JSON whatever
 * order the report's objects were built in: keys sorted at every level (integer-like keys such
 * as SLA tiers first, in numeric order, as JavaScript objects always list them; then the rest
 * by code point), two-space indentation, LF line ends and a final LF.
 */

function compareKeys(a: string, b: string): number {
  const ai = /^(0|[1-9]\d*)$/.test(a);
  const bi = /^(0|[1-9]\d*)$/.test(b);
  if (ai && bi) return Number(a) - Number(b);
  if (ai !== bi) return ai ? -1 : 1;
  // Code-point order, independent of locale.
  const ac = Array.from(a);
  const bc = Array.from(b);
  for (let i = 0; i < Math.min(ac.length, bc.length); i++) {
    const diff = (ac[i]?.codePointAt(0) ?? 0) - (bc[i]?.codePointAt(0) ?? 0);
    if (diff !== 0) return diff;
  }
  return ac.length - bc.length;
}

function sorted(value: unknown, orders: Map<string, string[]>): unknown {
  if (Array.isArray(value)) return value.map((item) => sorted(item, orders));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  const keys = Object.keys(value);
  // A report holds thousands of rows with the same keys: sort each set of keys once. Each key is
  // prefixed with its length, so no two different sets of keys share a signature.
  let signature = '';
  for (const key of keys) signature += `${key.length}:${key},`;
  let order = orders.get(signature);
  if (order === undefined) {
    order = [...keys].sort(compareKeys);
    orders.set(signature, order);
  }
  for (const key of order) out[key] = sorted((value as Record<string, unknown>)[key], orders);
  return out;
}

/** `value` as pretty-printed JSON with sorted keys and a final LF. Undefined properties are left out, as JSON.stringify does. */
export function stableJson(value: unknown): string {
  return `${JSON.stringify(sorted(value, new Map()), null, 2)}\n`;
}
