import { describe, expect, it } from 'vitest';
import { deriveKeyFromPassphrase, newDataKey, newScryptParams, open, seal, VaultDecryptError } from './vault-crypto';

describe('vault crypto', () => {
  it('round-trips a secret under the same key and context', () => {
    const key = newDataKey();
    const sealed = seal(key, Buffer.from('hunter2'), 'credential:1');
    expect(sealed).not.toContain('hunter2');
    expect(open(key, sealed, 'credential:1').toString()).toBe('hunter2');
  });

  it('refuses another key, another context or a changed byte', () => {
    const key = newDataKey();
    const sealed = seal(key, Buffer.from('hunter2'), 'credential:1');
    expect(() => open(newDataKey(), sealed, 'credential:1')).toThrow(VaultDecryptError);
    expect(() => open(key, sealed, 'credential:2')).toThrow(VaultDecryptError);
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3] ?? '', 'base64');
    body[0] = (body[0] ?? 0) ^ 1;
    expect(() => open(key, [parts[0], parts[1], parts[2], body.toString('base64')].join('.'), 'credential:1')).toThrow(VaultDecryptError);
    expect(() => open(key, 'garbage', 'credential:1')).toThrow(VaultDecryptError);
  });

  it('derives the same key from the same passphrase and salt only', async () => {
    const params = { ...newScryptParams(), N: 2 ** 10 };
    const a = await deriveKeyFromPassphrase('correct horse', params);
    expect((await deriveKeyFromPassphrase('correct horse', params)).equals(a)).toBe(true);
    expect((await deriveKeyFromPassphrase('correct horsf', params)).equals(a)).toBe(false);
    expect((await deriveKeyFromPassphrase('correct horse', { ...params, salt: newScryptParams().salt })).equals(a)).toBe(false);
  });
});
