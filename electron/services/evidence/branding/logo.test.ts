import { describe, expect, it } from 'vitest';
import { checkLogo, describeImage } from './logo';

/** A real 1×1 PNG. */
const TINY_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC';
/** The segments of a JPEG up to its frame header: SOI, JFIF APP0, SOF0 for 32×16. */
const JPEG_HEAD = Buffer.from('ffd8ffe000104a46494600010100000100010000ffc0001108001000200301220002110103110100ffd9', 'hex');

const refusal = (base64: string, mimeType: 'image/png' | 'image/jpeg' = 'image/png') => {
  try {
    checkLogo({ base64, mimeType });
  } catch (error) {
    return (error as Error).message;
  }
  return 'accepted';
};

describe('checkLogo', () => {
  it('accepts a PNG and a JPEG by their bytes, with their size in pixels', () => {
    expect(checkLogo({ base64: TINY_PNG, mimeType: 'image/png' })).toMatchObject({ mimeType: 'image/png', width: 1, height: 1 });
    expect(checkLogo({ base64: JPEG_HEAD.toString('base64'), mimeType: 'image/jpeg' })).toMatchObject({ mimeType: 'image/jpeg', width: 32, height: 16 });
    expect(checkLogo({ base64: `data:image/png;base64,${TINY_PNG}`, mimeType: 'image/png' }).bytes.length).toBe(Buffer.from(TINY_PNG, 'base64').length);
  });

  it('refuses other formats, wrong types, damaged or cut-short files and oversized logos, saying why', () => {
    expect(refusal(Buffer.from('GIF89a....').toString('base64'))).toBe('the logo was refused: it is a GIF image; use a PNG or JPEG');
    expect(refusal(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>').toString('base64'))).toMatch(/an SVG image/);
    expect(refusal(Buffer.from('hello').toString('base64'))).toMatch(/not a PNG or JPEG image/);
    expect(refusal(TINY_PNG, 'image/jpeg')).toBe('the logo was refused: it is a PNG image but was sent as image/jpeg');
    const png = Buffer.from(TINY_PNG, 'base64');
    expect(refusal(png.subarray(0, png.length - 5).toString('base64'))).toMatch(/incomplete PNG/);
    expect(refusal(JPEG_HEAD.subarray(0, 24).toString('base64'), 'image/jpeg')).toMatch(/incomplete JPEG/);
    const huge = Buffer.concat([png, Buffer.alloc(512 * 1024)]);
    expect(refusal(huge.toString('base64'))).toBe('the logo was refused: it is 513 KB; the largest allowed is 512 KB');
    expect(refusal('not base64 at all!')).toMatch(/not base64 text/);
    // A few bytes can describe a huge image, which the PDF renderer would decode whole.
    const wide = Buffer.from(png);
    wide.writeUInt32BE(20_000, 16);
    expect(refusal(wide.toString('base64'))).toBe('the logo was refused: it is 20000 × 1 pixels; the largest allowed is 2048 pixels on each side (a few hundred is plenty for the cover)');
    const tall = Buffer.from(JPEG_HEAD);
    tall.writeUInt16BE(2049, 25);
    expect(refusal(tall.toString('base64'), 'image/jpeg')).toMatch(/32 × 2049 pixels/);
    expect(refusal('==')).toMatch(/it is empty/);
  });

  it('names the field in the error', () => {
    try {
      checkLogo({ base64: 'R0lGODlh', mimeType: 'image/png' }, 'branding.logo');
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ code: 'bad_request', issues: [{ path: 'branding.logo' }] });
    }
  });

  it('refuses a JPEG without a frame header', () => {
    expect(describeImage(Buffer.from('ffd8ffd9', 'hex'))).toMatch(/incomplete JPEG|damaged JPEG/);
    expect(describeImage(Buffer.from('ffd8ffda000200', 'hex'))).toMatch(/damaged JPEG/);
  });
});
