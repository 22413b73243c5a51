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

/** The key order of each set of keys (a report holds thousands of rows with the same keys: each set is sorted once). */
class KeyOrders {
  private readonly orders = new Map<string, string[]>();

  of(keys: string[]): string[] {
    // Each key is prefixed with its length, so no two different sets of keys share a signature.
    let signature = '';
    for (const key of keys) signature += `${key.length}:${key},`;
    let order = this.orders.get(signature);
    if (order === undefined) {
      order = [...keys].sort(compareKeys);
      this.orders.set(signature, order);
    }
    return order;
  }
}

/** What JSON.stringify leaves out of an object (and writes as null in an array). */
const omitted = (value: unknown): boolean => value === undefined || typeof value === 'function' || typeof value === 'symbol';

/**
 * Writes `value` as `JSON.stringify` with two-space indentation would write it with every
 * object's keys sorted (any non-array object as its own enumerable keys), piece by piece to
 * `out`, so no sorted copy of the value and no single string of the whole document is built.
 */
function writeJson(value: unknown, indent: string, orders: KeyOrders, out: (text: string) => void): void {
  if (value === null || typeof value !== 'object') {
    out(JSON.stringify(value) ?? 'null');
    return;
  }
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) {
      out('[]');
      return;
    }
    out('[');
    value.forEach((item: unknown, index) => {
      out(index === 0 ? `\n${inner}` : `,\n${inner}`);
      if (omitted(item)) out('null');
      else writeJson(item, inner, orders, out);
    });
    out(`\n${indent}]`);
    return;
  }
  const record = value as Record<string, unknown>;
  let first = true;
  for (const key of orders.of(Object.keys(record))) {
    const item = record[key];
    if (omitted(item)) continue;
    out(`${first ? '{' : ','}\n${inner}${JSON.stringify(key)}: `);
    first = false;
    writeJson(item, inner, orders, out);
  }
  out(first ? '{}' : `\n${indent}}`);
}

/** `value` as pretty-printed JSON with sorted keys and a final LF. Undefined properties are left out, as JSON.stringify does. */
export function stableJson(value: unknown): string {
  const parts: string[] = [];
  writeJson(value, '', new KeyOrders(), (text) => parts.push(text));
  return `${parts.join('')}\n`;
}

// Pieces are gathered into strings of about this many characters, each encoded as it fills.
const CHUNK_CHARS = 1 << 16;

/**
 * `stableJson(value)` as UTF-8 bytes, encoded a chunk at a time: the document (9 MB at 10,000
 * assets) exists once, as the bytes, plus one chunk of text.
 */
export function stableJsonBytes(value: unknown): Uint8Array {
  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = [];
  let pending: string[] = [];
  let pendingChars = 0;
  const flush = () => {
    chunks.push(encoder.encode(pending.join('')));
    pending = [];
    pendingChars = 0;
  };
  writeJson(value, '', new KeyOrders(), (text) => {
    pending.push(text);
    pendingChars += text.length;
    if (pendingChars >= CHUNK_CHARS) flush();
  });
  pending.push('\n');
  flush();
  const bytes = new Uint8Array(chunks.reduce((total, chunk) => total + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}
