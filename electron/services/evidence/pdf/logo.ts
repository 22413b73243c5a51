/**
 * The MSP logo as pdfmake can draw it. Only PNG and JPEG, checked by their leading bytes: SVG can
 * reference files and URLs, and a file whose bytes do not match its type would abort the whole
 * report, so anything else prints the MSP's name instead; so does a logo larger than the pixel cap
 * (the renderer would decode it whole, however small the file).
 */
import { MAX_LOGO_SIDE_PX } from '../../../../shared/contract/evidence';
import { describeImage } from '../branding/logo';
import type { ReportLogo } from '../evidence-report';

/** Logos above this size are not embedded; a cover logo never needs more. */
export const MAX_LOGO_BYTES = 2 * 1024 * 1024;

const SIGNATURES: Record<string, readonly number[]> = {
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  'image/jpeg': [0xff, 0xd8, 0xff],
};

/** A `data:` URL for a drawable logo, or null when the report should print the wordmark. */
export function logoDataUrl(logo: ReportLogo | null): string | null {
  if (logo === null) return null;
  const mimeType = logo.mimeType.trim().toLowerCase() === 'image/jpg' ? 'image/jpeg' : logo.mimeType.trim().toLowerCase();
  const signature = SIGNATURES[mimeType];
  if (!signature) return null;
  const bytes = Buffer.from(logo.base64, 'base64');
  if (bytes.length === 0 || bytes.length > MAX_LOGO_BYTES) return null;
  if (!signature.every((byte, index) => bytes[index] === byte)) return null;
  // The renderer decodes the whole image: one stored before the pixel cap, or damaged, is not drawn.
  const image = describeImage(bytes);
  if (typeof image === 'string' || image.mimeType !== mimeType || image.width > MAX_LOGO_SIDE_PX || image.height > MAX_LOGO_SIDE_PX) return null;
  return `data:${mimeType};base64,${bytes.toString('base64')}`;
}
