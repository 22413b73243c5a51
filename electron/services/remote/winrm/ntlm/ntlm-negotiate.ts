/** NEGOTIATE_MESSAGE (MS-NLMP 2.2.1.1), the client's opening token. */
import { NtlmFlag } from './ntlm-constants';
import { NtlmFormatError } from './ntlm-format-error';
import { CLIENT_VERSION, expectMessageType, messageHeader } from './ntlm-wire';

/**
 * Flags the client asks for: Unicode, NTLMv2 with extended session security, 128-bit keys with key
 * exchange, and signing plus sealing so WinRM over plain HTTP can encrypt messages.
 */
export const CLIENT_NEGOTIATE_FLAGS =
  (NtlmFlag.UNICODE |
    NtlmFlag.OEM |
    NtlmFlag.REQUEST_TARGET |
    NtlmFlag.SIGN |
    NtlmFlag.SEAL |
    NtlmFlag.NTLM |
    NtlmFlag.ALWAYS_SIGN |
    NtlmFlag.EXTENDED_SESSIONSECURITY |
    NtlmFlag.VERSION |
    NtlmFlag.NEGOTIATE_128 |
    NtlmFlag.KEY_EXCH |
    NtlmFlag.NEGOTIATE_56) >>>
  0;

/** A NEGOTIATE_MESSAGE with no domain or workstation supplied (they go in the AUTHENTICATE). */
export function encodeNegotiateMessage(flags: number = CLIENT_NEGOTIATE_FLAGS): Buffer {
  const message = messageHeader(40, 1);
  message.writeUInt32LE(flags >>> 0, 12);
  CLIENT_VERSION.copy(message, 32);
  return message;
}

/** The flags of a NEGOTIATE_MESSAGE (what a server needs from it). */
export function decodeNegotiateMessage(message: Buffer): { flags: number } {
  expectMessageType(message, 1);
  if (message.length < 16) throw new NtlmFormatError('NEGOTIATE_MESSAGE is truncated');
  return { flags: message.readUInt32LE(12) };
}
