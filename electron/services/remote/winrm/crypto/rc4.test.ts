import { describe, expect, it } from 'vitest';
import { Rc4, rc4 } from './rc4';

// RFC 6229 section 2, key stream at the given offsets (encrypting zeros yields the key stream).
const RFC_6229: Array<{ key: string; offsets: Record<number, string> }> = [
  {
    key: '0102030405',
    offsets: {
      0: 'b2396305f03dc027ccc3524a0a1118a8',
      16: '6982944f18fc82d589c403a47a0d0919',
      240: '28cb1132c96ce286421dcaadb8b69eae',
      256: '1cfcf62b03eddb641d77dfcf7f8d8c93',
    },
  },
  {
    key: '0102030405060708090a0b0c0d0e0f10',
    offsets: {
      0: '9ac7cc9a609d1ef7b2932899cde41b97',
      16: '5248c4959014126a6e8a84f11d1a9e1c',
      240: '065902e4b620f6cc36c8589f66432f2b',
      256: 'd39d566bc6bce3010768151549f3873f',
    },
  },
];

describe('rc4', () => {
  it.each(RFC_6229)('matches the RFC 6229 key stream for key $key', ({ key, offsets }) => {
    const stream = rc4(Buffer.from(key, 'hex'), Buffer.alloc(272));
    for (const [offset, expected] of Object.entries(offsets)) {
      expect(stream.subarray(Number(offset), Number(offset) + 16).toString('hex')).toBe(expected);
    }
  });

  it('keeps its state across updates', () => {
    const key = Buffer.from('0102030405', 'hex');
    const stream = new Rc4(key);
    const joined = Buffer.concat([stream.update(Buffer.alloc(7)), stream.update(Buffer.alloc(265))]);
    expect(joined.equals(rc4(key, Buffer.alloc(272)))).toBe(true);
  });

  it('rejects an empty key', () => {
    expect(() => new Rc4(Buffer.alloc(0))).toThrow(RangeError);
  });
});
