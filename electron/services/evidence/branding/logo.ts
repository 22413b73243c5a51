/**
 * Checks a logo before it is stored: it must really be a PNG or JPEG (by its bytes, not its
 * name), complete, at most 512 KB and 2,048 pixels on each side, because it is embedded in every report and a broken image
 * would only fail later, while the report is being built.
 */
import { LOGO_MIME_TYPES, MAX_LOGO_BYTES, MAX_LOGO_SIDE_PX, type BrandingLogo, type LogoMimeType } from '../../../../shared/contract/evidence';
import { AppError } from '../../../platform/app-error';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** A PNG ends with an empty IEND chunk and its fixed CRC. */
const PNG_END = [0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82];

/** A checked logo, ready to store. */
export interface CheckedLogo {
  mimeType: LogoMimeType;
  bytes: Buffer;
  width: number;
  height: number;
}

/** Decodes and checks a logo from the contract; a bad one throws an AppError saying what is wrong at `path`. */
export function checkLogo(logo: BrandingLogo, path = 'logo'): CheckedLogo {
  const refuse = (message: string) => new AppError('bad_request', `the logo was refused: ${message}`, [{ path, message }]);
  const base64 = stripDataUrl(logo.base64.trim());
  if (!/^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(base64)) throw refuse('it is not base64 text');
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length === 0) throw refuse('it is empty');
  if (bytes.length > MAX_LOGO_BYTES) throw refuse(`it is ${Math.ceil(bytes.length / 1024)} KB; the largest allowed is ${MAX_LOGO_BYTES / 1024} KB`);
  const detected = describeImage(bytes);
  if (typeof detected === 'string') throw refuse(detected);
  if (detected.mimeType !== logo.mimeType) throw refuse(`it is a ${nameOf(detected.mimeType)} image but was sent as ${logo.mimeType}`);
  if (detected.width > MAX_LOGO_SIDE_PX || detected.height > MAX_LOGO_SIDE_PX) {
    throw refuse(`it is ${detected.width} × ${detected.height} pixels; the largest allowed is ${MAX_LOGO_SIDE_PX} pixels on each side (a few hundred is plenty for the cover)`);
  }
  return { ...detected, bytes };
}

/** The logo's type and size in pixels, or why it is not a usable PNG or JPEG. */
export function describeImage(bytes: Uint8Array): Omit<CheckedLogo, 'bytes'> | string {
  if (startsWith(bytes, PNG_SIGNATURE)) return describePng(bytes);
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return describeJpeg(bytes);
  const other = otherFormat(bytes);
  return other ? `it is ${other} image; use a PNG or JPEG` : `it is not a PNG or JPEG image (allowed: ${LOGO_MIME_TYPES.join(', ')})`;
}

function describePng(bytes: Uint8Array): Omit<CheckedLogo, 'bytes'> | string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 33 + PNG_END.length || String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') return 'it is a damaged PNG (no image header)';
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  if (width === 0 || height === 0) return 'it is a PNG of zero width or height';
  if (!startsWith(bytes.subarray(bytes.length - PNG_END.length), PNG_END)) return 'it is an incomplete PNG (the file was cut short)';
  return { mimeType: 'image/png', width, height };
}

/** Walks the JPEG's segments to its frame header, which holds the size. */
function describeJpeg(bytes: Uint8Array): Omit<CheckedLogo, 'bytes'> | string {
  let offset = 2;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) return 'it is a damaged JPEG (bad segment marker)';
    const marker = bytes[offset + 1] ?? 0;
    if (marker === 0xff) {
      offset += 1;
      continue;
    }
    const length = ((bytes[offset + 2] ?? 0) << 8) | (bytes[offset + 3] ?? 0);
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) {
      if (offset + 9 > bytes.length) break;
      const height = ((bytes[offset + 5] ?? 0) << 8) | (bytes[offset + 6] ?? 0);
      const width = ((bytes[offset + 7] ?? 0) << 8) | (bytes[offset + 8] ?? 0);
      if (width === 0 || height === 0) return 'it is a JPEG of zero width or height';
      return { mimeType: 'image/jpeg', width, height };
    }
    if (marker === 0xd9 || marker === 0xda || length < 2) return 'it is a damaged JPEG (no frame header)';
    offset += 2 + length;
  }
  return 'it is an incomplete JPEG (the file was cut short)';
}

/** Names common image formats people try, for a helpful refusal. */
function otherFormat(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 64)).toString('latin1');
  if (head.startsWith('GIF8')) return 'a GIF';
  if (head.startsWith('RIFF') && head.slice(8, 12) === 'WEBP') return 'a WebP';
  if (head.startsWith('BM')) return 'a BMP';
  if (/^\s*(<\?xml|<svg)/i.test(head)) return 'an SVG';
  return null;
}

/** Accepts what a browser's FileReader produces (`data:image/png;base64,...`). */
function stripDataUrl(text: string): string {
  const match = /^data:[^,;]*;base64,/i.exec(text);
  return match ? text.slice(match[0].length) : text;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

function nameOf(mimeType: LogoMimeType): string {
  return mimeType === 'image/png' ? 'PNG' : 'JPEG';
}
