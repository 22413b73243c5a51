import { describe, expect, it } from 'vitest';
import { sampleLogoPng } from '../evidence-report.fixture';
import { logoDataUrl, MAX_LOGO_BYTES } from './logo';

const b64 = (bytes: Uint8Array | string): string => Buffer.from(bytes).toString('base64');

describe('logoDataUrl', () => {
  it('accepts a PNG and a JPEG whose bytes match their type', () => {
    const png = b64(sampleLogoPng());
    expect(logoDataUrl({ mimeType: 'image/png', base64: png })).toBe(`data:image/png;base64,${png}`);
    // SOI, JFIF APP0, SOF0 for 32×16: enough for the size check.
    const jpeg = b64(Buffer.from('ffd8ffe000104a46494600010100000100010000ffc0001108001000200301220002110103110100ffd9', 'hex'));
    expect(logoDataUrl({ mimeType: 'IMAGE/JPG', base64: jpeg })).toBe(`data:image/jpeg;base64,${jpeg}`);
  });

  it('refuses SVG, other types, mismatched bytes, empty and oversized images', () => {
    expect(logoDataUrl(null)).toBeNull();
    expect(logoDataUrl({ mimeType: 'image/svg+xml', base64: b64('<svg xmlns="http://www.w3.org/2000/svg"/>') })).toBeNull();
    expect(logoDataUrl({ mimeType: 'image/gif', base64: b64('GIF89a') })).toBeNull();
    expect(logoDataUrl({ mimeType: 'image/png', base64: b64(new Uint8Array([0xff, 0xd8, 0xff])) })).toBeNull();
    expect(logoDataUrl({ mimeType: 'image/png', base64: '' })).toBeNull();
    const huge = new Uint8Array(MAX_LOGO_BYTES + 1);
    huge.set(sampleLogoPng().subarray(0, 8));
    expect(logoDataUrl({ mimeType: 'image/png', base64: b64(huge) })).toBeNull();
  });

  it('does not draw a logo above the pixel cap or one whose header is damaged (the renderer would decode it whole)', () => {
    const wide = Buffer.from(sampleLogoPng());
    wide.writeUInt32BE(2049, 16);
    expect(logoDataUrl({ mimeType: 'image/png', base64: b64(wide) })).toBeNull();
    const atCap = Buffer.from(sampleLogoPng());
    atCap.writeUInt32BE(2048, 16);
    atCap.writeUInt32BE(2048, 20);
    expect(logoDataUrl({ mimeType: 'image/png', base64: b64(atCap) })).not.toBeNull();
    expect(logoDataUrl({ mimeType: 'image/jpeg', base64: b64(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])) })).toBeNull();
  });
});
