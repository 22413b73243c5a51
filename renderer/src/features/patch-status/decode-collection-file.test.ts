import { describe, expect, it } from 'vitest';
import { decodeCollectionBytes } from './decode-collection-file';

const text = '# patchdesk-collection v1 platform=windows\r\nÄ';

describe('decodeCollectionBytes', () => {
  it('reads UTF-16 LE and BE by their BOM', () => {
    const le = new Uint8Array([0xff, 0xfe, ...[...text].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8])]);
    const be = new Uint8Array([0xfe, 0xff, ...[...text].flatMap((c) => [c.charCodeAt(0) >> 8, c.charCodeAt(0) & 0xff])]);
    expect(decodeCollectionBytes(le)).toBe(text);
    expect(decodeCollectionBytes(be)).toBe(text);
  });

  it('reads UTF-8 with or without a BOM', () => {
    const utf8 = new TextEncoder().encode(text);
    expect(decodeCollectionBytes(utf8)).toBe(text);
    expect(decodeCollectionBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]))).toBe(text);
  });
});
