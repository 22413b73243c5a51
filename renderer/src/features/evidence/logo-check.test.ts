import { describe, expect, it } from 'vitest';
import { MAX_LOGO_BYTES } from '../../../../shared/contract/evidence';
import { checkLogoFile, imageTypeOf } from './logo-check';

const PNG_HEAD = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function withHead(head: readonly number[], length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  bytes.set(head);
  return bytes;
}

describe('logo file check', () => {
  it('accepts a PNG or JPEG by its bytes, whatever its name', () => {
    expect(checkLogoFile('logo.png', withHead(PNG_HEAD, 100))).toEqual({ ok: true, mimeType: 'image/png' });
    expect(checkLogoFile('logo.bin', withHead([0xff, 0xd8, 0xff, 0xe0], 100))).toEqual({ ok: true, mimeType: 'image/jpeg' });
  });

  it('accepts exactly 512 KB and refuses one byte more, saying the limit', () => {
    expect(checkLogoFile('logo.png', withHead(PNG_HEAD, MAX_LOGO_BYTES)).ok).toBe(true);
    const refused = checkLogoFile('big.png', withHead(PNG_HEAD, 600 * 1024));
    expect(refused).toEqual({ ok: false, message: expect.stringContaining('“big.png” is 600 KB; a logo can be at most 512 KB') });
  });

  it('names the format of a wrong file', () => {
    const text = (value: string) => new TextEncoder().encode(value);
    expect(checkLogoFile('logo.gif', text('GIF89a....'))).toEqual({ ok: false, message: '“logo.gif” is a GIF image. Use a PNG or JPEG logo.' });
    expect(checkLogoFile('logo.svg', text('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toEqual({ ok: false, message: '“logo.svg” is an SVG image. Use a PNG or JPEG logo.' });
    expect(checkLogoFile('logo.webp', text('RIFF\0\0\0\0WEBPVP8 '))).toEqual({ ok: false, message: '“logo.webp” is a WebP image. Use a PNG or JPEG logo.' });
    expect(checkLogoFile('notes.txt', text('hello'))).toEqual({ ok: false, message: '“notes.txt” is not a PNG or JPEG image. Use a PNG or JPEG logo.' });
  });

  it('refuses an empty file and a file named .png that is not one', () => {
    expect(checkLogoFile('logo.png', new Uint8Array())).toEqual({ ok: false, message: '“logo.png” is empty.' });
    expect(checkLogoFile('logo.png', new Uint8Array([0x89, 0x50, 0x4e]))).toMatchObject({ ok: false });
  });

  it('tells the type from the first bytes only', () => {
    expect(imageTypeOf(withHead(PNG_HEAD, 8))).toBe('image/png');
    expect(imageTypeOf(new Uint8Array([0xff, 0xd8]))).toBeNull();
  });
});
