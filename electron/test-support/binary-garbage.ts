/** Binary captures for parser tests: what reaches a parser when a command prints bytes, not text. */
import { gzipSync } from 'node:zlib';

/** `length` pseudo-random bytes from a fixed seed, decoded as UTF-8 the way collectors decode output. */
export function randomBytesText(length: number, seed: number): string {
  const bytes = new Uint8Array(length);
  let state = seed >>> 0 || 1;
  for (let index = 0; index < length; index++) {
    // xorshift32: the same bytes on every run, so a failure can be replayed.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    bytes[index] = state & 0xff;
  }
  return new TextDecoder('utf-8').decode(bytes);
}

/** A real capture gzipped and then read as UTF-8 text, as when compressed output is piped by mistake. */
export function gzippedText(text: string): string {
  return new TextDecoder('utf-8').decode(gzipSync(Buffer.from(text, 'utf8')));
}
