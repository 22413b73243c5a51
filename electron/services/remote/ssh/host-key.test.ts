import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { describeHostKey, hostKeyAlgorithms, normalizeFingerprint, sameFingerprint } from './host-key';

function blob(type: string, body: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(type.length);
  return Buffer.concat([length, Buffer.from(type, 'latin1'), body]);
}

describe('host keys', () => {
  it('fingerprints like OpenSSH: SHA256 and unpadded base64', () => {
    const key = blob('ssh-ed25519', Buffer.alloc(36, 7));
    const expected = createHash('sha256').update(key).digest('base64').replace(/=+$/, '');
    expect(describeHostKey(key)).toEqual({ algorithm: 'ssh-ed25519', sha256: `SHA256:${expected}` });
  });

  it('reports an unreadable blob as unknown', () => {
    expect(describeHostKey(Buffer.from([0, 0, 9, 9])).algorithm).toBe('unknown');
  });

  it('compares fingerprints regardless of prefix and padding', () => {
    expect(normalizeFingerprint(' abc= ')).toBe('SHA256:abc');
    expect(sameFingerprint('SHA256:abc', 'abc==')).toBe(true);
    expect(sameFingerprint('SHA256:abc', 'SHA256:abd')).toBe(false);
  });

  it('prefers the pinned key type', () => {
    expect(hostKeyAlgorithms('ecdsa-sha2-nistp256')[0]).toBe('ecdsa-sha2-nistp256');
    expect(hostKeyAlgorithms('ssh-rsa').slice(0, 3)).toEqual(['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa']);
    expect(hostKeyAlgorithms(undefined)[0]).toBe('ssh-ed25519');
    expect(new Set(hostKeyAlgorithms('ssh-rsa')).size).toBe(hostKeyAlgorithms(undefined).length);
  });
});
