/** AUTHENTICATE_MESSAGE (MS-NLMP 2.2.1.3), with VERSION and the 16-byte MIC field. */
import { NtlmFormatError } from './ntlm-format-error';
import { CLIENT_VERSION, expectMessageType, layoutMessage, messageHeader, readSecurityBuffer } from './ntlm-wire';

/** Byte offset of the MIC inside an AUTHENTICATE_MESSAGE that carries VERSION. */
export const MIC_OFFSET = 72;
const HEADER_LENGTH = 88;

/** The fields of an AUTHENTICATE_MESSAGE; strings are decoded from UTF-16LE. */
export interface AuthenticateMessage {
  flags: number;
  lmChallengeResponse: Buffer;
  ntChallengeResponse: Buffer;
  domain: string;
  user: string;
  workstation: string;
  encryptedRandomSessionKey: Buffer;
  mic: Buffer;
}

/** Serializes the message; `mic` may be zeros and patched in later with {@link withMic}. */
export function encodeAuthenticateMessage(input: AuthenticateMessage): Buffer {
  const header = messageHeader(HEADER_LENGTH, 3);
  header.writeUInt32LE(input.flags >>> 0, 60);
  CLIENT_VERSION.copy(header, 64);
  input.mic.copy(header, MIC_OFFSET, 0, 16);
  return layoutMessage(header, [
    { at: 28, value: Buffer.from(input.domain, 'utf16le') },
    { at: 36, value: Buffer.from(input.user, 'utf16le') },
    { at: 44, value: Buffer.from(input.workstation, 'utf16le') },
    { at: 12, value: input.lmChallengeResponse },
    { at: 20, value: input.ntChallengeResponse },
    { at: 52, value: input.encryptedRandomSessionKey },
  ]);
}

/** A copy of `message` with its MIC field set to `mic` (zeros to compute the MIC over it). */
export function withMic(message: Buffer, mic: Buffer): Buffer {
  const copy = Buffer.from(message);
  mic.copy(copy, MIC_OFFSET, 0, 16);
  return copy;
}

/** Parses an AUTHENTICATE_MESSAGE sent by a client that includes VERSION and MIC fields. */
export function decodeAuthenticateMessage(message: Buffer): AuthenticateMessage {
  expectMessageType(message, 3);
  if (message.length < HEADER_LENGTH) throw new NtlmFormatError('AUTHENTICATE_MESSAGE is truncated');
  return {
    flags: message.readUInt32LE(60),
    lmChallengeResponse: readSecurityBuffer(message, 12, 'LmChallengeResponse'),
    ntChallengeResponse: readSecurityBuffer(message, 20, 'NtChallengeResponse'),
    domain: readSecurityBuffer(message, 28, 'DomainName').toString('utf16le'),
    user: readSecurityBuffer(message, 36, 'UserName').toString('utf16le'),
    workstation: readSecurityBuffer(message, 44, 'Workstation').toString('utf16le'),
    encryptedRandomSessionKey: readSecurityBuffer(message, 52, 'EncryptedRandomSessionKey'),
    mic: Buffer.from(message.subarray(MIC_OFFSET, MIC_OFFSET + 16)),
  };
}
