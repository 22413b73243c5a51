/**
 * The server side of NTLMv2 for tests (MS-NLMP 3.2.5): issues a CHALLENGE with target info and a
 * timestamp, then checks the AUTHENTICATE's NTLMv2 response, MIC and channel bindings against
 * known accounts and, if they hold, yields the server's session security.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { rc4 } from '../crypto/rc4';
import { type AvPair, findAvPair, parseAvPairs } from '../ntlm/av-pairs';
import { decodeAuthenticateMessage, withMic } from '../ntlm/ntlm-authenticate';
import { encodeChallengeMessage } from '../ntlm/ntlm-challenge';
import { channelBindingsHash } from '../ntlm/ntlm-client';
import { AV_FLAG_MIC_PRESENT, AvId, NtlmFlag, hasFlag } from '../ntlm/ntlm-constants';
import { decodeNegotiateMessage } from '../ntlm/ntlm-negotiate';
import { NtlmSessionSecurity } from '../ntlm/ntlm-session-security';
import { fileTime, hmacMd5, ntlmv2SessionBaseKey, ntowfv2 } from '../ntlm/ntlmv2';

/** An account the test server knows. */
export interface TestAccount {
  user: string;
  domain: string;
  password: string;
}

/** The acceptor's verdict on an AUTHENTICATE_MESSAGE. */
export type AcceptResult = { ok: true; user: string; session: NtlmSessionSecurity } | { ok: false; reason: string };

const SERVER_FLAGS_OFFERED =
  NtlmFlag.UNICODE |
  NtlmFlag.REQUEST_TARGET |
  NtlmFlag.SIGN |
  NtlmFlag.SEAL |
  NtlmFlag.NTLM |
  NtlmFlag.ALWAYS_SIGN |
  NtlmFlag.EXTENDED_SESSIONSECURITY |
  NtlmFlag.VERSION |
  NtlmFlag.NEGOTIATE_128 |
  NtlmFlag.KEY_EXCH |
  NtlmFlag.NEGOTIATE_56;

const BLOB_AV_PAIRS_OFFSET = 28;

function findAccount(accounts: readonly TestAccount[], user: string, domain: string): TestAccount | undefined {
  const lower = user.toLowerCase();
  return accounts.find(
    (account) =>
      (lower === account.user.toLowerCase() && (domain === '' || domain.toLowerCase() === account.domain.toLowerCase())) ||
      (domain === '' && lower === `${account.user}@${account.domain}`.toLowerCase()),
  );
}

/** One connection's NTLM acceptor; use a fresh one per handshake. */
export class NtlmAcceptor {
  private negotiateMessage: Buffer | undefined;
  private challengeMessage: Buffer | undefined;
  private serverChallenge = Buffer.alloc(8);

  constructor(
    private readonly accounts: readonly TestAccount[],
    private readonly options: { channelBindings?: Buffer } = {},
  ) {}

  /** The CHALLENGE_MESSAGE answering `negotiateMessage`. */
  challenge(negotiateMessage: Buffer): Buffer {
    const { flags } = decodeNegotiateMessage(negotiateMessage);
    this.negotiateMessage = negotiateMessage;
    this.serverChallenge = randomBytes(8);
    const targetInfo: AvPair[] = [
      { id: AvId.NB_DOMAIN_NAME, value: Buffer.from('PATCHLAB', 'utf16le') },
      { id: AvId.NB_COMPUTER_NAME, value: Buffer.from('WINHOST', 'utf16le') },
      { id: AvId.DNS_DOMAIN_NAME, value: Buffer.from('patchlab.test', 'utf16le') },
      { id: AvId.DNS_COMPUTER_NAME, value: Buffer.from('winhost.patchlab.test', 'utf16le') },
      { id: AvId.TIMESTAMP, value: fileTime(Date.now()) },
    ];
    this.challengeMessage = encodeChallengeMessage({
      flags: ((flags & SERVER_FLAGS_OFFERED) | NtlmFlag.TARGET_TYPE_SERVER) >>> 0,
      serverChallenge: this.serverChallenge,
      targetName: 'PATCHLAB',
      targetInfo,
    });
    return this.challengeMessage;
  }

  /** Verifies an AUTHENTICATE_MESSAGE against the challenge this acceptor issued. */
  accept(authenticateMessage: Buffer): AcceptResult {
    if (!this.negotiateMessage || !this.challengeMessage) return { ok: false, reason: 'no challenge was issued' };
    const message = decodeAuthenticateMessage(authenticateMessage);
    const account = findAccount(this.accounts, message.user, message.domain);
    if (!account) return { ok: false, reason: 'unknown user' };
    if (message.ntChallengeResponse.length < 16 + BLOB_AV_PAIRS_OFFSET) return { ok: false, reason: 'not an NTLMv2 response' };

    const responseKey = ntowfv2(account.password, message.user, message.domain);
    const ntProofStr = message.ntChallengeResponse.subarray(0, 16);
    const blob = message.ntChallengeResponse.subarray(16);
    const expected = hmacMd5(responseKey, this.serverChallenge, blob);
    if (!timingSafeEqual(expected, ntProofStr)) return { ok: false, reason: 'wrong password' };

    const pairs = parseAvPairs(blob.subarray(BLOB_AV_PAIRS_OFFSET));
    const keyExchangeKey = ntlmv2SessionBaseKey(responseKey, ntProofStr);
    const exportedSessionKey = hasFlag(message.flags, NtlmFlag.KEY_EXCH) ? rc4(keyExchangeKey, message.encryptedRandomSessionKey) : keyExchangeKey;

    const avFlags = findAvPair(pairs, AvId.FLAGS);
    if (!avFlags || !hasFlag(avFlags.readUInt32LE(0), AV_FLAG_MIC_PRESENT)) return { ok: false, reason: 'MIC missing though a timestamp was sent' };
    const mic = hmacMd5(exportedSessionKey, this.negotiateMessage, this.challengeMessage, withMic(authenticateMessage, Buffer.alloc(16)));
    if (!timingSafeEqual(mic, message.mic)) return { ok: false, reason: 'MIC does not verify' };

    if (this.options.channelBindings) {
      const bindings = findAvPair(pairs, AvId.CHANNEL_BINDINGS);
      if (!bindings || !bindings.equals(channelBindingsHash(this.options.channelBindings))) return { ok: false, reason: 'channel bindings do not match' };
    }
    return { ok: true, user: account.user, session: new NtlmSessionSecurity(exportedSessionKey, message.flags, 'server') };
  }
}
