/** The NTLMv2 computations of MS-NLMP 3.3.2: NTOWFv2, the LMv2/NTLMv2 responses and the session base key. */
import { createHmac } from 'node:crypto';
import { md4 } from '../crypto/md4';
import { utf16le } from './ntlm-wire';

/** HMAC-MD5, the MAC every NTLMv2 derivation is built from. */
export function hmacMd5(key: Uint8Array, ...parts: Uint8Array[]): Buffer {
  const mac = createHmac('md5', key);
  for (const part of parts) mac.update(part);
  return mac.digest();
}

/** NTOWFv2 (= LMOWFv2): HMAC_MD5(MD4(UNICODE(password)), UNICODE(Uppercase(user) + domain)). */
export function ntowfv2(password: string, user: string, domain: string): Buffer {
  return hmacMd5(md4(utf16le(password)), utf16le(user.toUpperCase() + domain));
}

/**
 * The NTLMv2 client blob ("temp" in 3.3.2): versions 1/1, the timestamp, the client challenge
 * and the AV pairs the client vouches for, each padded as the spec lays out.
 */
export function ntlmv2ClientBlob(timestamp: Buffer, clientChallenge: Buffer, avPairs: Buffer): Buffer {
  return Buffer.concat([Buffer.from([1, 1, 0, 0, 0, 0, 0, 0]), timestamp, clientChallenge, Buffer.alloc(4), avPairs, Buffer.alloc(4)]);
}

/** NTProofStr and the full NtChallengeResponse (NTProofStr followed by the blob). */
export function ntlmv2Response(responseKeyNt: Buffer, serverChallenge: Buffer, blob: Buffer): { ntProofStr: Buffer; response: Buffer } {
  const ntProofStr = hmacMd5(responseKeyNt, serverChallenge, blob);
  return { ntProofStr, response: Buffer.concat([ntProofStr, blob]) };
}

/** LmChallengeResponse for NTLMv2: HMAC_MD5(ResponseKeyLM, server + client challenge) + client challenge. */
export function lmv2Response(responseKeyLm: Buffer, serverChallenge: Buffer, clientChallenge: Buffer): Buffer {
  return Buffer.concat([hmacMd5(responseKeyLm, serverChallenge, clientChallenge), clientChallenge]);
}

/** SessionBaseKey = HMAC_MD5(ResponseKeyNT, NTProofStr); with NTLMv2 it is also the KeyExchangeKey. */
export function ntlmv2SessionBaseKey(responseKeyNt: Buffer, ntProofStr: Buffer): Buffer {
  return hmacMd5(responseKeyNt, ntProofStr);
}

const FILETIME_UNIX_EPOCH = 116444736000000000n;

/** A Windows FILETIME (100 ns ticks since 1601) as 8 little-endian bytes. */
export function fileTime(epochMs: number): Buffer {
  const out = Buffer.alloc(8);
  out.writeBigUInt64LE(BigInt(Math.floor(epochMs)) * 10000n + FILETIME_UNIX_EPOCH);
  return out;
}
