/**
 * The MS-WSMV multipart body that carries an NTLM-sealed SOAP message over plain HTTP:
 * a header part naming the original content and its length, then an octet-stream part with a
 * 4-byte little-endian signature length, the signature and the sealed bytes.
 */

/** The protocol token for NTLM sealing negotiated through the `Negotiate` HTTP scheme. */
export const SPNEGO_ENCRYPTED = 'application/HTTP-SPNEGO-session-encrypted';
/** The protocol token when the `NTLM` HTTP scheme was used. */
export const NTLM_ENCRYPTED = 'application/HTTP-NTLM-session-encrypted';

const BOUNDARY = 'Encrypted Boundary';
const OCTET_STREAM_HEADER = Buffer.from('Content-Type: application/octet-stream\r\n', 'latin1');

/** The HTTP Content-Type for an encrypted body. */
export function encryptedContentType(protocol: string): string {
  return `multipart/encrypted;protocol="${protocol}";boundary="${BOUNDARY}"`;
}

/** The pieces of an encrypted body. */
export interface EncryptedParts {
  protocol: string;
  originalLength: number;
  signature: Buffer;
  sealed: Buffer;
}

/** Serializes the sealed message in the layout Windows sends and expects. */
export function encodeEncryptedBody(parts: EncryptedParts): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32LE(parts.signature.length);
  const head =
    `--${BOUNDARY}\r\n` +
    `\tContent-Type: ${parts.protocol}\r\n` +
    `\tOriginalContent: type=application/soap+xml;charset=UTF-8;Length=${parts.originalLength}\r\n` +
    `--${BOUNDARY}\r\n` +
    `\tContent-Type: application/octet-stream\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), length, parts.signature, parts.sealed, Buffer.from(`--${BOUNDARY}--\r\n`, 'latin1')]);
}

/** Whether an HTTP Content-Type announces an encrypted body. */
export function isEncryptedContentType(contentType: string | undefined): boolean {
  return contentType !== undefined && /^multipart\/(x-multi-)?encrypted/i.test(contentType.trim());
}

/**
 * Reads an encrypted body; the sealed bytes are sliced by the declared length rather than by
 * searching for the closing boundary, which could occur inside ciphertext.
 */
export function decodeEncryptedBody(body: Buffer): EncryptedParts {
  const headerText = body.subarray(0, Math.min(body.length, 512)).toString('latin1');
  const protocol = /Content-Type:\s*(application\/HTTP-[A-Za-z-]+-session-encrypted)/i.exec(headerText)?.[1];
  const length = /OriginalContent:[^\r\n]*Length=(\d+)/i.exec(headerText)?.[1];
  const streamHeader = body.indexOf(OCTET_STREAM_HEADER);
  if (!protocol || length === undefined || streamHeader < 0) throw new Error('encrypted body is missing its headers');
  const originalLength = Number(length);
  let offset = streamHeader + OCTET_STREAM_HEADER.length;
  if (offset + 4 > body.length) throw new Error('encrypted body is truncated');
  const signatureLength = body.readUInt32LE(offset);
  offset += 4;
  if (signatureLength !== 16 || offset + signatureLength + originalLength > body.length) throw new Error('encrypted body is truncated');
  return {
    protocol,
    originalLength,
    signature: Buffer.from(body.subarray(offset, offset + signatureLength)),
    sealed: Buffer.from(body.subarray(offset + signatureLength, offset + signatureLength + originalLength)),
  };
}
