import { describe, expect, it } from 'vitest';
import { AvId } from './ntlm-constants';
import { encodeChallengeMessage } from './ntlm-challenge';
import { decodeAuthenticateMessage } from './ntlm-authenticate';
import { NtlmClient } from './ntlm-client';
import { NtlmSessionSecurity } from './ntlm-session-security';
import { ntlmv2SessionBaseKey, ntowfv2 } from './ntlmv2';

const hex = (text: string): Buffer => Buffer.from(text.replace(/\s+/g, ''), 'hex');

// MS-NLMP 4.2.1 Common Values.
const USER = 'User';
const DOMAIN = 'Domain';
const PASSWORD = 'Password';
const SERVER_CHALLENGE = hex('0123456789abcdef');
const CLIENT_CHALLENGE = hex('aaaaaaaaaaaaaaaa');
const RANDOM_SESSION_KEY = hex('55555555555555555555555555555555');
const TIME = Buffer.alloc(8);
const WORKSTATION = 'COMPUTER';

// MS-NLMP 4.2.4 NTLMv2 Authentication: flags e28a8233 and the challenge's target info.
const FLAGS = 0xe28a8233;
const TARGET_INFO = [
  { id: AvId.NB_DOMAIN_NAME, value: Buffer.from(DOMAIN, 'utf16le') },
  { id: AvId.NB_COMPUTER_NAME, value: Buffer.from('Server', 'utf16le') },
];

// MS-NLMP 4.2.4.1.1, 4.2.4.1.2, 4.2.4.1.3, 4.2.4.2.1, 4.2.4.2.2, 4.2.4.2.3, 4.2.4.4.
const NTOWFV2 = '0c868a403bfd7a93a3001ef22ef02e3f';
const SESSION_BASE_KEY = '8de40ccadbc14a82f15cb0ad0de95ca3';
const TEMP = hex(`
  01010000000000000000000000000000aaaaaaaaaaaaaaaa00000000
  02000c0044006f006d00610069006e0001000c005300650072007600650072000000000000000000`);
const LMV2_RESPONSE = '86c35097ac9cec102554764a57cccc19aaaaaaaaaaaaaaaa';
const NT_PROOF_STR = '68cd0ab851e51c96aabc927bebef6a1c';
const ENCRYPTED_SESSION_KEY = 'c5dad2544fc9799094ce1ce90bc9d03e';
const SEALED_PLAINTEXT = '54e50165bf1936dc996020c1811b0f06fb5f';
const SIGNATURE = '010000007fb38ec5c55d497600000000';

function vectorClient(): NtlmClient {
  return new NtlmClient({ user: USER, domain: DOMAIN }, PASSWORD, {
    workstation: WORKSTATION,
    randomBytes: (size) => (size === 8 ? CLIENT_CHALLENGE : RANDOM_SESSION_KEY),
    fileTimeNow: () => TIME,
  });
}

function runHandshake() {
  const client = vectorClient();
  client.negotiate();
  const challenge = encodeChallengeMessage({ flags: FLAGS, serverChallenge: SERVER_CHALLENGE, targetName: 'Server', targetInfo: TARGET_INFO });
  return client.authenticate(challenge);
}

describe('MS-NLMP 4.2.4 NTLMv2 test vectors', () => {
  it('4.2.4.1.1 NTOWFv2', () => {
    expect(ntowfv2(PASSWORD, USER, DOMAIN).toString('hex')).toBe(NTOWFV2);
  });

  it('4.2.4.1.2 session base key', () => {
    expect(ntlmv2SessionBaseKey(hex(NTOWFV2), hex(NT_PROOF_STR)).toString('hex')).toBe(SESSION_BASE_KEY);
  });

  it('4.2.4.1.3 temp and 4.2.4.2.2 NTLMv2 response', () => {
    const message = decodeAuthenticateMessage(runHandshake().message);
    expect(message.ntChallengeResponse.subarray(0, 16).toString('hex')).toBe(NT_PROOF_STR);
    expect(message.ntChallengeResponse.subarray(16).equals(TEMP)).toBe(true);
  });

  it('4.2.4.2.1 LMv2 response and 4.2.4.2.3 encrypted session key', () => {
    const message = decodeAuthenticateMessage(runHandshake().message);
    expect(message.lmChallengeResponse.toString('hex')).toBe(LMV2_RESPONSE);
    expect(message.encryptedRandomSessionKey.toString('hex')).toBe(ENCRYPTED_SESSION_KEY);
    expect(message).toMatchObject({ user: USER, domain: DOMAIN, workstation: WORKSTATION, flags: FLAGS });
    expect(message.mic.equals(Buffer.alloc(16))).toBe(true);
  });

  it('4.2.4.4 GSS_WrapEx of "Plaintext" with sequence number 0', () => {
    const { session } = runHandshake();
    const { sealed, signature } = session.wrap(Buffer.from('Plaintext', 'utf16le'));
    expect(sealed.toString('hex')).toBe(SEALED_PLAINTEXT);
    expect(signature.toString('hex')).toBe(SIGNATURE);
  });

  it('4.2.4.4 in reverse: the server side unwraps the client message', () => {
    const server = new NtlmSessionSecurity(RANDOM_SESSION_KEY, FLAGS, 'server');
    expect(server.unwrap(hex(SEALED_PLAINTEXT), hex(SIGNATURE)).toString('utf16le')).toBe('Plaintext');
  });
});
