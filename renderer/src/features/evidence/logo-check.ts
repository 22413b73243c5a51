/**
 * A first look at a logo file before it is sent: a PNG or JPEG by its bytes (not its name), of
 * at most 512 KB. The host checks again, thoroughly (complete image, matching type); this only
 * spares the admin a round trip and says what is wrong in words.
 */
import { MAX_LOGO_BYTES, type LogoMimeType } from '../../../../shared/contract/evidence';
import { formatBytes } from './pack-format';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;
const JPEG_SIGNATURE = [0xff, 0xd8, 0xff] as const;

/** The outcome of the check: the image type, or why the file cannot be a logo. */
export type LogoCheck = { ok: true; mimeType: LogoMimeType } | { ok: false; message: string };

/** Checks a picked file's bytes; `fileName` only names it in the message. */
export function checkLogoFile(fileName: string, bytes: Uint8Array): LogoCheck {
  const name = `“${fileName}”`;
  if (bytes.length === 0) return { ok: false, message: `${name} is empty.` };
  const mimeType = imageTypeOf(bytes);
  if (!mimeType) {
    const other = otherFormat(bytes);
    return { ok: false, message: other ? `${name} is ${other} image. Use a PNG or JPEG logo.` : `${name} is not a PNG or JPEG image. Use a PNG or JPEG logo.` };
  }
  if (bytes.length > MAX_LOGO_BYTES) {
    return { ok: false, message: `${name} is ${formatBytes(bytes.length, 'en-US')}; a logo can be at most ${formatBytes(MAX_LOGO_BYTES, 'en-US')}. Export it smaller (a few hundred pixels wide is plenty for the cover).` };
  }
  return { ok: true, mimeType };
}

/** PNG or JPEG by the file's first bytes; null for anything else. */
export function imageTypeOf(bytes: Uint8Array): LogoMimeType | null {
  if (startsWith(bytes, PNG_SIGNATURE)) return 'image/png';
  if (startsWith(bytes, JPEG_SIGNATURE)) return 'image/jpeg';
  return null;
}

/** Names the image formats people commonly try instead, for a helpful refusal. */
function otherFormat(bytes: Uint8Array): string | null {
  const head = String.fromCharCode(...bytes.subarray(0, 64));
  if (head.startsWith('GIF8')) return 'a GIF';
  if (head.startsWith('RIFF') && head.slice(8, 12) === 'WEBP') return 'a WebP';
  if (head.startsWith('BM')) return 'a BMP';
  if (/^\s*(<\?xml|<svg)/i.test(head)) return 'an SVG';
  return null;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((byte, index) => bytes[index] === byte);
}
