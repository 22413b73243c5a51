/** CHALLENGE_MESSAGE (MS-NLMP 2.2.1.2): the server's nonce, chosen flags and target info. */
import { type AvPair, encodeAvPairs, parseAvPairs } from './av-pairs';
import { NtlmFlag, hasFlag } from './ntlm-constants';
import { NtlmFormatError } from './ntlm-format-error';
import { CLIENT_VERSION, expectMessageType, layoutMessage, messageHeader, readSecurityBuffer } from './ntlm-wire';

/** A parsed CHALLENGE_MESSAGE. */
export interface ChallengeMessage {
  flags: number;
  serverChallenge: Buffer;
  targetName: string;
  /** The raw TargetInfo block, echoed verbatim in the NTLMv2 response. */
  targetInfo: Buffer;
  targetInfoPairs: AvPair[];
}

/** Parses a CHALLENGE_MESSAGE; only Unicode servers are supported, which every Windows is. */
export function decodeChallengeMessage(message: Buffer): ChallengeMessage {
  expectMessageType(message, 2);
  if (message.length < 48) throw new NtlmFormatError('CHALLENGE_MESSAGE is truncated');
  const flags = message.readUInt32LE(20);
  if (!hasFlag(flags, NtlmFlag.UNICODE)) throw new NtlmFormatError('server did not agree to Unicode');
  const targetInfo = hasFlag(flags, NtlmFlag.TARGET_INFO) ? readSecurityBuffer(message, 40, 'TargetInfo') : Buffer.alloc(0);
  return {
    flags,
    serverChallenge: Buffer.from(message.subarray(24, 32)),
    targetName: readSecurityBuffer(message, 12, 'TargetName').toString('utf16le'),
    targetInfo,
    targetInfoPairs: targetInfo.length > 0 ? parseAvPairs(targetInfo) : [],
  };
}

/** Builds a CHALLENGE_MESSAGE (used by test servers; a client never sends one). */
export function encodeChallengeMessage(input: { flags: number; serverChallenge: Buffer; targetName: string; targetInfo: readonly AvPair[] }): Buffer {
  const header = messageHeader(56, 2);
  header.writeUInt32LE((input.flags | NtlmFlag.TARGET_INFO | NtlmFlag.VERSION) >>> 0, 20);
  input.serverChallenge.copy(header, 24, 0, 8);
  CLIENT_VERSION.copy(header, 48);
  return layoutMessage(header, [
    { at: 12, value: Buffer.from(input.targetName, 'utf16le') },
    { at: 40, value: encodeAvPairs(input.targetInfo) },
  ]);
}
