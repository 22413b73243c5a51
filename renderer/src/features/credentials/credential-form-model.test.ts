import { describe, expect, it } from 'vitest';
import { buildCredentialRequest, clearSecrets, EMPTY_CREDENTIAL_FORM, parseTags } from './credential-form-model';

const KEY = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----';

describe('buildCredentialRequest', () => {
  it('sends only the secrets of the chosen method', () => {
    const result = buildCredentialRequest({ ...EMPTY_CREDENTIAL_FORM, name: 'Linux', username: 'patchdesk', privateKey: KEY, password: 'typed earlier', sudoPassword: 's' }, 3);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.request).toMatchObject({ siteId: 3, kind: 'ssh', username: 'patchdesk', secrets: { authMethod: 'key', sudoPassword: 's' } });
    expect(JSON.stringify(result.request)).not.toContain('typed earlier');
  });

  it('builds WinRM and SNMP requests, and every-site scope', () => {
    const winrm = buildCredentialRequest({ ...EMPTY_CREDENTIAL_FORM, kind: 'winrm', winrmAuth: 'basic', name: 'Win', username: 'CORP\\admin', password: 'pw', scope: 'all' }, 3);
    expect(winrm).toMatchObject({ ok: true, request: { siteId: null, secrets: { authMethod: 'basic', password: 'pw' } } });
    const snmp = buildCredentialRequest({ ...EMPTY_CREDENTIAL_FORM, kind: 'snmp', name: 'Switches', username: 'ignored', community: 'public' }, 3);
    expect(snmp).toMatchObject({ ok: true, request: { username: '', secrets: { authMethod: 'community', community: 'public' } } });
  });

  it('flags missing fields and a pasted public key', () => {
    const result = buildCredentialRequest({ ...EMPTY_CREDENTIAL_FORM, privateKey: 'ssh-ed25519 AAAA me@host' }, 1);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual(['name', 'privateKey', 'username']);
  });
});

describe('clearSecrets / parseTags', () => {
  it('empties every secret and keeps the rest', () => {
    const cleared = clearSecrets({ ...EMPTY_CREDENTIAL_FORM, name: 'n', password: 'p', privateKey: KEY, keyPassphrase: 'k', sudoPassword: 's', community: 'c' });
    expect(cleared).toEqual({ ...EMPTY_CREDENTIAL_FORM, name: 'n' });
  });

  it('splits tags on commas and semicolons', () => {
    expect(parseTags(' linux, web;linux ,, dmz')).toEqual(['linux', 'web', 'dmz']);
  });
});
