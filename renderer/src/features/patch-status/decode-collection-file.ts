/**
 * Decodes an offline collection file. Windows PowerShell 5.1's `>` writes UTF-16 LE with a BOM,
 * so reading the file as UTF-8 text would produce NUL-riddled garbage the host cannot parse;
 * the BOM decides the encoding, UTF-8 (with or without its BOM) otherwise.
 */
export function decodeCollectionBytes(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  return new TextDecoder('utf-8').decode(bytes);
}
