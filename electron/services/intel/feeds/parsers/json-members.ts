/**
 * Walks the members of a top-level JSON object without parsing the whole document: each member's
 * value is handed over as its own bytes, to be parsed alone. The Debian security tracker's JSON is
 * one 50-70 MB object of source packages; parsing it member by member keeps memory to one package
 * at a time, and a file cut short is recognised as truncated instead of failing deep in a parser.
 */
import { FeedFormatError } from '../feed-error';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

const decoder = new TextDecoder('utf-8');

/**
 * Calls `visit` with each member name and the raw bytes of its value, in file order. Throws a
 * {@link FeedFormatError} naming `what` when the bytes are not one JSON object or end early.
 */
export function forEachTopLevelMember(bytes: Uint8Array, what: string, visit: (name: string, value: Uint8Array) => void): void {
  const truncated = () => new FeedFormatError(`${what} is truncated: the JSON ends before its closing brace`);
  let at = skipSpace(bytes, bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0);
  if (at >= bytes.length) throw new FeedFormatError(`${what} is empty`);
  if (bytes[at] !== OPEN_BRACE) throw new FeedFormatError(`${what} is not a JSON object (it starts with "${preview(bytes, at)}")`);
  at = skipSpace(bytes, at + 1);
  if (bytes[at] === CLOSE_BRACE) return expectEnd(bytes, at + 1, what);
  for (;;) {
    if (at >= bytes.length) throw truncated();
    if (bytes[at] !== QUOTE) throw new FeedFormatError(`${what} is not valid JSON: expected a member name at byte ${at}, found "${preview(bytes, at)}"`);
    const nameEnd = endOfString(bytes, at);
    if (nameEnd < 0) throw truncated();
    const name = JSON.parse(decoder.decode(bytes.subarray(at, nameEnd))) as string;
    at = skipSpace(bytes, nameEnd);
    if (at >= bytes.length) throw truncated();
    if (bytes[at] !== COLON) throw new FeedFormatError(`${what} is not valid JSON: expected ":" after "${name.slice(0, 60)}" at byte ${at}`);
    at = skipSpace(bytes, at + 1);
    if (at >= bytes.length) throw truncated();
    const valueEnd = endOfValue(bytes, at);
    if (valueEnd < 0) throw truncated();
    visit(name, bytes.subarray(at, valueEnd));
    at = skipSpace(bytes, valueEnd);
    if (at >= bytes.length) throw truncated();
    if (bytes[at] === COMMA) {
      at = skipSpace(bytes, at + 1);
      continue;
    }
    if (bytes[at] === CLOSE_BRACE) return expectEnd(bytes, at + 1, what);
    throw new FeedFormatError(`${what} is not valid JSON: expected "," or "}" at byte ${at}, found "${preview(bytes, at)}"`);
  }
}

/** Parses one member's value bytes; a syntax error names the member. */
export function parseMember(value: Uint8Array, what: string, name: string): unknown {
  try {
    return JSON.parse(decoder.decode(value));
  } catch (error) {
    throw new FeedFormatError(`${what} is not valid JSON in "${name.slice(0, 60)}": ${(error as Error).message}`);
  }
}

function expectEnd(bytes: Uint8Array, from: number, what: string): void {
  const at = skipSpace(bytes, from);
  if (at < bytes.length) throw new FeedFormatError(`${what} is not valid JSON: unexpected "${preview(bytes, at)}" after the closing brace at byte ${at}`);
}

function skipSpace(bytes: Uint8Array, from: number): number {
  let at = from;
  while (at < bytes.length) {
    const byte = bytes[at] as number;
    if (byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09) break;
    at++;
  }
  return at;
}

/**
 * The index just past the string that starts at `from` (a quote), or -1 when it never ends. Jumps
 * from quote to quote with the native `indexOf` (most of the tracker's bytes are inside strings);
 * a quote after an odd number of backslashes is escaped.
 */
function endOfString(bytes: Uint8Array, from: number): number {
  let at = from + 1;
  for (;;) {
    const quote = bytes.indexOf(QUOTE, at);
    if (quote < 0) return -1;
    let backslashes = 0;
    for (let before = quote - 1; before > from && bytes[before] === BACKSLASH; before--) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    at = quote + 1;
  }
}

/** The index just past the value that starts at `from`, or -1 when the bytes end inside it. */
function endOfValue(bytes: Uint8Array, from: number): number {
  const first = bytes[from];
  if (first === QUOTE) return endOfString(bytes, from);
  if (first !== OPEN_BRACE && first !== OPEN_BRACKET) {
    let at = from;
    while (at < bytes.length) {
      const byte = bytes[at];
      if (byte === COMMA || byte === CLOSE_BRACE || byte === CLOSE_BRACKET || byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09) return at;
      at++;
    }
    return -1;
  }
  let depth = 0;
  for (let at = from; at < bytes.length; at++) {
    const byte = bytes[at];
    if (byte === QUOTE) {
      const end = endOfString(bytes, at);
      if (end < 0) return -1;
      at = end - 1;
    } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) depth++;
    else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      depth--;
      if (depth === 0) return at + 1;
    }
  }
  return -1;
}

function preview(bytes: Uint8Array, at: number): string {
  return decoder.decode(bytes.subarray(at, at + 20)).replace(/[\u0000-\u001f\u007f]/g, ' ');
}
