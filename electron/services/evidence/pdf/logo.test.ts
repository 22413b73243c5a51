import { describe, expect, it } from 'vitest';
import { sampleLogoPng } from '../evidence-report.fixture';
import { logoDataUrl, MAX_LOGO_BYTES } from './logo';

const b64 = (bytes: Uint8Array | string): string => Buffer.from(bytes).toString('base64');

describe('logoDataUrl', () => {
  it('accepts a PNG and a JPEG whose bytes match their type', () => {
    const png = b64(sampleLogoPng());
    expect(logoDataUrl({ mimeType: 'image/png', base64: png })).toBe(`data:image/png;base64,${png}`);
    const jpeg = b64(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]));
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
});
