/** The names that make a ZIP a signed Patchdesk intel bundle (the same as an evidence pack's). */

/** The manifest's and signature's names, as in evidence packs. */
export const BUNDLE_MANIFEST = 'manifest.json';
export const BUNDLE_SIGNATURE = 'manifest.sig';
export const BUNDLE_FORMAT = 'patchdesk-intel-bundle';

/**
 * True when ZIP bytes look like a signed bundle (or an evidence pack: both carry a manifest and its
 * signature), from the names in the central directory at the end of the file.
 */
export function looksLikeBundle(bytes: Uint8Array): boolean {
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) return false;
  const tail = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).subarray(Math.max(0, bytes.length - 70_000));
  return tail.includes(BUNDLE_MANIFEST) && tail.includes(BUNDLE_SIGNATURE);
}
