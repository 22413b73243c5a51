import { describe, expect, it } from 'vitest';
import { NtlmAcceptor } from '../test-support/ntlm-acceptor';
import { decodeAuthenticateMessage } from './ntlm-authenticate';
import { NtlmClient, parseAccountName } from './ntlm-client';
import { NtlmSignatureError } from './ntlm-session-security';

const accounts = [{ user: 'patchbot', domain: 'PATCHLAB', password: 'S3cret!pw' }];

function handshake(username: string, password: string, channelBindings?: { client?: Buffer; server?: Buffer }) {
  const client = new NtlmClient(parseAccountName(username), password, { workstation: 'DESK', channelBindings: channelBindings?.client });
  const acceptor = new NtlmAcceptor(accounts, { channelBindings: channelBindings?.server });
  const auth = client.authenticate(acceptor.challenge(client.negotiate()));
  return { auth, verdict: acceptor.accept(auth.message) };
}

describe('parseAccountName', () => {
  it('splits DOMAIN\\user and keeps UPNs and bare names whole', () => {
    expect(parseAccountName('PATCHLAB\\patchbot')).toEqual({ domain: 'PATCHLAB', user: 'patchbot' });
    expect(parseAccountName('patchbot@patchlab')).toEqual({ domain: '', user: 'patchbot@patchlab' });
    expect(parseAccountName('administrator')).toEqual({ domain: '', user: 'administrator' });
  });
});

describe('NtlmClient against the test acceptor', () => {
  it('authenticates with a MIC when the server sends a timestamp, then seals both ways', () => {
    const { auth, verdict } = handshake('PATCHLAB\\patchbot', 'S3cret!pw');
    const message = decodeAuthenticateMessage(auth.message);
    expect(message.lmChallengeResponse.equals(Buffer.alloc(24))).toBe(true);
    expect(message.mic.equals(Buffer.alloc(16))).toBe(false);
    if (!verdict.ok) throw new Error(verdict.reason);
    for (const text of ['first', 'second', 'third']) {
      const up = auth.session.wrap(Buffer.from(text));
      expect(verdict.session.unwrap(up.sealed, up.signature).toString()).toBe(text);
      const down = verdict.session.wrap(Buffer.from(`${text} reply`));
      expect(auth.session.unwrap(down.sealed, down.signature).toString()).toBe(`${text} reply`);
    }
  });

  it('accepts a UPN', () => {
    expect(handshake('patchbot@PATCHLAB', 'S3cret!pw').verdict.ok).toBe(true);
  });

  it('is rejected with a wrong password', () => {
    expect(handshake('PATCHLAB\\patchbot', 'wrong')).toMatchObject({ verdict: { ok: false, reason: 'wrong password' } });
  });

  it('checks channel bindings', () => {
    const binding = Buffer.from('tls-server-end-point:abc');
    expect(handshake('PATCHLAB\\patchbot', 'S3cret!pw', { client: binding, server: binding }).verdict.ok).toBe(true);
    expect(handshake('PATCHLAB\\patchbot', 'S3cret!pw', { server: binding }).verdict).toMatchObject({ ok: false });
  });

  it('detects a tampered message', () => {
    const { auth, verdict } = handshake('PATCHLAB\\patchbot', 'S3cret!pw');
    if (!verdict.ok) throw new Error(verdict.reason);
    const first = auth.session.wrap(Buffer.from('hello'));
    const tampered = Buffer.from(first.sealed);
    tampered[0] = (tampered[0] ?? 0) ^ 1;
    expect(() => verdict.session.unwrap(tampered, first.signature)).toThrow(NtlmSignatureError);
  });

  it('refuses to authenticate before negotiating', () => {
    const client = new NtlmClient({ user: 'u', domain: '' }, 'p');
    expect(() => client.authenticate(Buffer.alloc(64))).toThrow(/negotiate/);
  });
});
