/**
 * The client side of an NTLMv2 handshake (MS-NLMP 3.1.5): NEGOTIATE out, CHALLENGE in,
 * AUTHENTICATE out, leaving an {@link NtlmSessionSecurity} for signing and sealing.
 */
import { createHash, randomBytes as cryptoRandomBytes } from 'node:crypto';
import { rc4 } from '../crypto/rc4';
import { type AvPair, encodeAvPairs, findAvPair } from './av-pairs';
import { decodeChallengeMessage } from './ntlm-challenge';
import { AV_FLAG_MIC_PRESENT, AvId, NtlmFlag, hasFlag } from './ntlm-constants';
import { encodeAuthenticateMessage, withMic } from './ntlm-authenticate';
import { NtlmFormatError } from './ntlm-format-error';
import { CLIENT_NEGOTIATE_FLAGS, encodeNegotiateMessage } from './ntlm-negotiate';
import { NtlmSessionSecurity } from './ntlm-session-security';
import { fileTime, hmacMd5, lmv2Response, ntlmv2ClientBlob, ntlmv2Response, ntlmv2SessionBaseKey, ntowfv2 } from './ntlmv2';

/** The user and domain NTLM hashes and sends; a UPN travels whole in `user` with an empty domain. */
export interface NtlmAccount {
  user: string;
  domain: string;
}

/** Splits `DOMAIN\user`; `user@domain` and bare names are kept whole, as Windows expects. */
export function parseAccountName(username: string): NtlmAccount {
  const slash = username.indexOf('\\');
  if (slash >= 0) return { domain: username.slice(0, slash), user: username.slice(slash + 1) };
  return { user: username, domain: '' };
}

/** Knobs for {@link NtlmClient}; the random and clock hooks exist so the MS-NLMP vectors can be replayed. */
export interface NtlmClientOptions {
  workstation?: string;
  /** The application data of the channel bindings (e.g. `tls-server-end-point:` + certificate hash). */
  channelBindings?: Buffer;
  randomBytes?: (size: number) => Buffer;
  /** The current time as an 8-byte FILETIME, used only when the server sends no MsvAvTimestamp. */
  fileTimeNow?: () => Buffer;
}

/** The result of answering a CHALLENGE. */
export interface NtlmAuthenticateResult {
  message: Buffer;
  flags: number;
  session: NtlmSessionSecurity;
}

/** MD5 of a gss_channel_bindings_struct with empty addresses, as MsvAvChannelBindings carries (2.2.2.1). */
export function channelBindingsHash(applicationData: Buffer): Buffer {
  const header = Buffer.alloc(20);
  header.writeUInt32LE(applicationData.length, 16);
  return createHash('md5').update(header).update(applicationData).digest();
}

function clientAvPairs(serverPairs: readonly AvPair[], withMicFlag: boolean, channelBindings: Buffer | undefined): Buffer {
  const pairs = serverPairs.filter((pair) => pair.id !== AvId.FLAGS && pair.id !== AvId.CHANNEL_BINDINGS);
  const serverFlags = findAvPair(serverPairs, AvId.FLAGS);
  const flags = (serverFlags && serverFlags.length >= 4 ? serverFlags.readUInt32LE(0) : 0) | (withMicFlag ? AV_FLAG_MIC_PRESENT : 0);
  if (flags !== 0) {
    const value = Buffer.alloc(4);
    value.writeUInt32LE(flags >>> 0);
    pairs.push({ id: AvId.FLAGS, value });
  }
  if (channelBindings) pairs.push({ id: AvId.CHANNEL_BINDINGS, value: channelBindingsHash(channelBindings) });
  return encodeAvPairs(pairs);
}

/**
 * One NTLMv2 authentication. The password is reduced to NTOWFv2 in the constructor and not kept,
 * so nothing later can leak it.
 */
export class NtlmClient {
  private readonly responseKey: Buffer;
  private readonly account: NtlmAccount;
  private readonly options: NtlmClientOptions;
  private negotiateMessage: Buffer | undefined;

  constructor(account: NtlmAccount, password: string, options: NtlmClientOptions = {}) {
    this.account = account;
    this.options = options;
    this.responseKey = ntowfv2(password, account.user, account.domain);
  }

  /** The NEGOTIATE_MESSAGE that opens the handshake. */
  negotiate(): Buffer {
    this.negotiateMessage = encodeNegotiateMessage(CLIENT_NEGOTIATE_FLAGS);
    return this.negotiateMessage;
  }

  /** Answers the server's CHALLENGE_MESSAGE with an AUTHENTICATE_MESSAGE and the session it establishes. */
  authenticate(challengeMessage: Buffer): NtlmAuthenticateResult {
    if (!this.negotiateMessage) throw new Error('negotiate() must come before authenticate()');
    const challenge = decodeChallengeMessage(challengeMessage);
    if (!hasFlag(challenge.flags, NtlmFlag.EXTENDED_SESSIONSECURITY)) throw new NtlmFormatError('server did not negotiate extended session security');
    // The server only ever narrows what NEGOTIATE offered, so its flags are the agreed set.
    const flags = challenge.flags >>> 0;
    const random = this.options.randomBytes ?? cryptoRandomBytes;

    const serverTime = findAvPair(challenge.targetInfoPairs, AvId.TIMESTAMP);
    const timestamp = serverTime ?? this.options.fileTimeNow?.() ?? fileTime(Date.now());
    // A server timestamp obliges the client to send a MIC and no LMv2 response (3.1.5.1.2).
    const sendMic = serverTime !== undefined;
    const clientChallenge = random(8);
    const blob = ntlmv2ClientBlob(timestamp, clientChallenge, clientAvPairs(challenge.targetInfoPairs, sendMic, this.options.channelBindings));
    const { ntProofStr, response } = ntlmv2Response(this.responseKey, challenge.serverChallenge, blob);
    const lmResponse = sendMic ? Buffer.alloc(24) : lmv2Response(this.responseKey, challenge.serverChallenge, clientChallenge);
    const keyExchangeKey = ntlmv2SessionBaseKey(this.responseKey, ntProofStr);

    const keyExchange = hasFlag(flags, NtlmFlag.KEY_EXCH);
    const exportedSessionKey = keyExchange ? random(16) : keyExchangeKey;
    const unsigned = encodeAuthenticateMessage({
      flags,
      lmChallengeResponse: lmResponse,
      ntChallengeResponse: response,
      domain: this.account.domain,
      user: this.account.user,
      workstation: this.options.workstation ?? '',
      encryptedRandomSessionKey: keyExchange ? rc4(keyExchangeKey, exportedSessionKey) : Buffer.alloc(0),
      mic: Buffer.alloc(16),
    });
    const message = sendMic ? withMic(unsigned, hmacMd5(exportedSessionKey, this.negotiateMessage, challengeMessage, unsigned)) : unsigned;
    return { message, flags, session: new NtlmSessionSecurity(exportedSessionKey, flags, 'client') };
  }
}
