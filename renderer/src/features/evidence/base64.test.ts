import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64, dataUrl } from './base64';

function sampleBytes(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = 7;
  for (let index = 0; index < length; index += 1) {
    state = (state * 1103515245 + 12345) >>> 0;
    bytes[index] = state >>> 24;
  }
  return bytes;
}

describe('base64', () => {
  it('encodes exactly as Node does, including large inputs that span chunks', () => {
    for (const length of [0, 1, 2, 3, 4, 0x8000, 0x8000 + 1, 300_000]) {
      const bytes = sampleBytes(length);
      expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    }
  });

  it('round-trips every byte value', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, index) => index);
    expect(base64ToBytes(bytesToBase64(bytes))).toEqual(bytes);
  });

  it('ignores whitespace and refuses what is not base64', () => {
    expect(Array.from(base64ToBytes('AAEC\nAw=='))).toEqual([0, 1, 2, 3]);
    expect(() => base64ToBytes('not base64!')).toThrow('not base64');
    expect(() => base64ToBytes('A')).toThrow('not base64');
  });

  it('builds a data URL', () => {
    expect(dataUrl('image/png', 'AAAA')).toBe('data:image/png;base64,AAAA');
  });
});
