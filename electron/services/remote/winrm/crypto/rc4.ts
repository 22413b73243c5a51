/**
 * RC4, the stream cipher NTLM uses for sealing and for the key exchange. OpenSSL 3 only offers it
 * through the legacy provider, which Node 20 does not load, so it is done here.
 */

/** A keyed RC4 stream whose state carries across calls, as NTLM's sealing handle requires. */
export class Rc4 {
  private readonly s = new Uint8Array(256);
  private i = 0;
  private j = 0;

  constructor(key: Uint8Array) {
    if (key.length === 0 || key.length > 256) throw new RangeError('RC4 key must be 1 to 256 bytes');
    for (let n = 0; n < 256; n++) this.s[n] = n;
    let j = 0;
    for (let n = 0; n < 256; n++) {
      const sn = this.s[n] ?? 0;
      j = (j + sn + (key[n % key.length] ?? 0)) & 0xff;
      this.s[n] = this.s[j] ?? 0;
      this.s[j] = sn;
    }
  }

  /** XORs `data` with the next bytes of the key stream, returning a new buffer. */
  update(data: Uint8Array): Buffer {
    const out = Buffer.alloc(data.length);
    const s = this.s;
    let { i, j } = this;
    for (let n = 0; n < data.length; n++) {
      i = (i + 1) & 0xff;
      const si = s[i] ?? 0;
      j = (j + si) & 0xff;
      const sj = s[j] ?? 0;
      s[i] = sj;
      s[j] = si;
      out[n] = (data[n] ?? 0) ^ (s[(si + sj) & 0xff] ?? 0);
    }
    this.i = i;
    this.j = j;
    return out;
  }
}

/** One-shot RC4 of `data` under `key` (MS-NLMP's RC4K). */
export function rc4(key: Uint8Array, data: Uint8Array): Buffer {
  return new Rc4(key).update(data);
}
