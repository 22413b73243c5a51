/**
 * MD4 (RFC 1320), needed only for the NTLM NT hash. Node 20's OpenSSL 3 keeps MD4 in the legacy
 * provider, which is not loaded by default, so it is done here in plain TypeScript.
 */

const ROUND2_ORDER = [0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15];
const ROUND3_ORDER = [0, 8, 4, 12, 2, 10, 6, 14, 1, 9, 5, 13, 3, 11, 7, 15];
const ROUND1_SHIFTS = [3, 7, 11, 19];
const ROUND2_SHIFTS = [3, 5, 9, 13];
const ROUND3_SHIFTS = [3, 9, 11, 15];

function rotl(value: number, bits: number): number {
  return ((value << bits) | (value >>> (32 - bits))) >>> 0;
}

function padded(message: Uint8Array): Buffer {
  const totalLength = Math.ceil((message.length + 9) / 64) * 64;
  const block = Buffer.alloc(totalLength);
  block.set(message);
  block[message.length] = 0x80;
  const bitLength = BigInt(message.length) * 8n;
  block.writeBigUInt64LE(bitLength & 0xffffffffffffffffn, totalLength - 8);
  return block;
}

/** The 16-byte MD4 digest of `message`. */
export function md4(message: Uint8Array): Buffer {
  const data = padded(message);
  const state = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476];
  const x = new Array<number>(16).fill(0);
  for (let offset = 0; offset < data.length; offset += 64) {
    for (let i = 0; i < 16; i++) x[i] = data.readUInt32LE(offset + i * 4);
    let [a, b, c, d] = state as [number, number, number, number];
    const word = (i: number): number => x[i] ?? 0;
    for (let i = 0; i < 16; i++) {
      const f = (b & c) | (~b & d);
      const next = rotl((a + f + word(i)) >>> 0, ROUND1_SHIFTS[i % 4] ?? 0);
      [a, b, c, d] = [d, next, b, c];
    }
    for (let i = 0; i < 16; i++) {
      const g = (b & c) | (b & d) | (c & d);
      const next = rotl((a + g + word(ROUND2_ORDER[i] ?? 0) + 0x5a827999) >>> 0, ROUND2_SHIFTS[i % 4] ?? 0);
      [a, b, c, d] = [d, next, b, c];
    }
    for (let i = 0; i < 16; i++) {
      const h = b ^ c ^ d;
      const next = rotl((a + h + word(ROUND3_ORDER[i] ?? 0) + 0x6ed9eba1) >>> 0, ROUND3_SHIFTS[i % 4] ?? 0);
      [a, b, c, d] = [d, next, b, c];
    }
    state[0] = ((state[0] ?? 0) + a) >>> 0;
    state[1] = ((state[1] ?? 0) + b) >>> 0;
    state[2] = ((state[2] ?? 0) + c) >>> 0;
    state[3] = ((state[3] ?? 0) + d) >>> 0;
  }
  const digest = Buffer.alloc(16);
  state.forEach((value, i) => digest.writeUInt32LE(value, i * 4));
  return digest;
}
