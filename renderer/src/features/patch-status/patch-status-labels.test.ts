import { describe, expect, it } from 'vitest';
import { CollectionErrorCode } from '../../../../shared/contract';
import { COLLECTION_ERROR_LABELS, describeCollectionError, hostKeyFileFor } from './patch-status-labels';

describe('collection error labels', () => {
  it('says every code in plain words', () => {
    for (const code of CollectionErrorCode.options) expect(COLLECTION_ERROR_LABELS[code]).toBeTruthy();
    expect(describeCollectionError('auth_failed')).toBe('Login refused (auth_failed)');
  });
});

describe('hostKeyFileFor', () => {
  it('names the key file of the algorithm', () => {
    expect(hostKeyFileFor('ssh-ed25519')).toBe('/etc/ssh/ssh_host_ed25519_key.pub');
    expect(hostKeyFileFor('ecdsa-sha2-nistp256')).toBe('/etc/ssh/ssh_host_ecdsa_key.pub');
    expect(hostKeyFileFor('rsa-sha2-512')).toBe('/etc/ssh/ssh_host_rsa_key.pub');
  });
});
