/** Byte-level helpers shared by the NTLM message codecs: security buffers, VERSION and UTF-16LE. */
import { NTLM_SIGNATURE } from './ntlm-constants';
import { NtlmFormatError } from './ntlm-format-error';

/** UTF-16LE bytes of `text`, the encoding NTLM uses once NTLMSSP_NEGOTIATE_UNICODE is agreed. */
export function utf16le(text: string): Buffer {
  return Buffer.from(text, 'utf16le');
}

/**
 * The VERSION structure (MS-NLMP 2.2.2.10). It is informational only; Windows 10 build 0 with
 * NTLMSSP_REVISION_W2K3 (15) is what servers expect to see.
 */
export const CLIENT_VERSION = Buffer.from([10, 0, 0, 0, 0, 0, 0, 0x0f]);

/** Reads the (len, maxLen, offset) security buffer at `at` and returns the bytes it points to. */
export function readSecurityBuffer(message: Buffer, at: number, field: string): Buffer {
  if (at + 8 > message.length) throw new NtlmFormatError(`${field} fields are truncated`);
  const length = message.readUInt16LE(at);
  const offset = message.readUInt32LE(at + 4);
  if (length === 0) return Buffer.alloc(0);
  if (offset + length > message.length) throw new NtlmFormatError(`${field} points outside the message`);
  return Buffer.from(message.subarray(offset, offset + length));
}

/** Checks the "NTLMSSP\0" signature and message type. */
export function expectMessageType(message: Buffer, type: number): void {
  if (message.length < 12 || !message.subarray(0, 8).equals(NTLM_SIGNATURE)) throw new NtlmFormatError('not an NTLMSSP message');
  const actual = message.readUInt32LE(8);
  if (actual !== type) throw new NtlmFormatError(`expected NTLM message type ${type}, got ${actual}`);
}

/**
 * Lays out a message whose fixed header has `headerLength` bytes and whose variable fields follow
 * it in order, writing each field's security buffer at its given header offset.
 */
export function layoutMessage(header: Buffer, fields: Array<{ at: number; value: Buffer }>): Buffer {
  let offset = header.length;
  for (const field of fields) {
    header.writeUInt16LE(field.value.length, field.at);
    header.writeUInt16LE(field.value.length, field.at + 2);
    header.writeUInt32LE(offset, field.at + 4);
    offset += field.value.length;
  }
  return Buffer.concat([header, ...fields.map((field) => field.value)]);
}

/** A header buffer that already carries the signature and message type. */
export function messageHeader(length: number, type: number): Buffer {
  const header = Buffer.alloc(length);
  NTLM_SIGNATURE.copy(header, 0);
  header.writeUInt32LE(type, 8);
  return header;
}
