/**
 * Base64 for the bytes that cross the contract (packs, logos). Browsers have no Buffer, and
 * `String.fromCharCode(...bytes)` overflows the call stack on a few hundred kilobytes, so the
 * conversion goes in chunks.
 */

const CHUNK = 0x8000;

/** Encodes bytes as standard, padded base64. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let offset = 0; offset < bytes.length; offset += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(offset, offset + CHUNK));
  }
  return btoa(binary);
}

/** Decodes standard base64 (whitespace ignored); throws a RangeError naming the problem for anything else. */
export function base64ToBytes(text: string): Uint8Array<ArrayBuffer> {
  const clean = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 === 1) throw new RangeError('the data is not base64 text');
  const binary = atob(clean);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

/** A `data:` URL for an image held as base64 (the CSP allows `data:` images, not blobs). */
export function dataUrl(mimeType: string, base64: string): string {
  return `data:${mimeType};base64,${base64}`;
}
