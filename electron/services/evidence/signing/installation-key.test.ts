import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDirs } from '../../../test-support/temp-dir';
import { verifyEd25519 } from './ed25519';
import { InstallationSigningKey, signerFromPrivateKey, SIGNING_KEY_FILE } from './installation-key';

afterEach(removeTempDirs);

describe('InstallationSigningKey', () => {
  it('creates the key on first use, owner-only, and keeps the same key afterwards', () => {
    const dir = makeTempDir();
    const key = new InstallationSigningKey(dir);
    expect(key.peekPublicInfo()).toBeNull();
    expect(existsSync(join(dir, SIGNING_KEY_FILE))).toBe(false);

    const first = key.ensure();
    expect(first.created).toBe(true);
    expect(first.info.fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    if (process.platform !== 'win32') expect(statSync(key.path).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual([SIGNING_KEY_FILE]);

    const again = new InstallationSigningKey(dir);
    expect(again.peekPublicInfo()?.fingerprint).toBe(first.info.fingerprint);
    expect(again.ensure()).toEqual({ created: false, info: first.info });
  });

  it('signs with the private key and exposes only the public half', () => {
    const key = new InstallationSigningKey(makeTempDir());
    const signer = key.signer();
    const data = new TextEncoder().encode('{"files":[]}\n');
    expect(verifyEd25519(Buffer.from(signer.publicKey, 'base64'), data, signer.sign(data))).toBe(true);
    const serialised = JSON.stringify({ key, signer });
    expect(serialised).not.toContain('PRIVATE KEY');
    expect(serialised).not.toContain(readFileSync(key.path, 'utf8').split('\n')[1]);
  });

  it('refuses a damaged key file without replacing it or echoing it', () => {
    const dir = makeTempDir();
    const path = join(dir, SIGNING_KEY_FILE);
    writeFileSync(path, '-----BEGIN PRIVATE KEY-----\nc2VjcmV0LWJ1dC1icm9rZW4=\n-----END PRIVATE KEY-----\n');
    const key = new InstallationSigningKey(dir);
    expect(() => key.ensure()).toThrow(/damaged .*not replaced.*restore the file from a backup/);
    expect(() => key.peekPublicInfo()).toThrow(/damaged/);
    try {
      key.ensure();
    } catch (error) {
      expect((error as Error).message).not.toContain('c2VjcmV0');
    }
    expect(readFileSync(path, 'utf8')).toContain('c2VjcmV0LWJ1dC1icm9rZW4=');
  });

  it('refuses a key of another type, and an empty file', () => {
    const dir = makeTempDir();
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    writeFileSync(join(dir, SIGNING_KEY_FILE), rsa);
    expect(() => new InstallationSigningKey(dir).ensure()).toThrow(/not an Ed25519 private key/);
    writeFileSync(join(dir, SIGNING_KEY_FILE), '');
    expect(() => new InstallationSigningKey(dir).ensure()).toThrow(/damaged/);
  });

  it('keeps a key another process wrote first', () => {
    const dir = makeTempDir();
    const winner = new InstallationSigningKey(dir).publicInfo();
    expect(new InstallationSigningKey(dir).ensure()).toMatchObject({ created: false, info: { fingerprint: winner.fingerprint } });
  });

  it('says where and why when the data folder cannot hold the key', () => {
    const dir = makeTempDir();
    writeFileSync(join(dir, 'not-a-folder'), 'x');
    expect(() => new InstallationSigningKey(join(dir, 'not-a-folder')).ensure()).toThrow(/cannot create the evidence signing key .*not-a-folder/);
  });

  it('builds a signer only from an Ed25519 private key', () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    expect(signerFromPrivateKey(privateKey).algorithm).toBe('Ed25519');
    expect(() => signerFromPrivateKey(publicKey)).toThrow(/Ed25519 private key/);
  });
});
