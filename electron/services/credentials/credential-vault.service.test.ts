import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Asset } from '../../../shared/contract/assets';
import type { Credential } from '../../../shared/contract/credentials';
import type { Site } from '../../../shared/contract/sites';
import { makeTempDir, removeTempDirs } from '../../test-support/temp-dir';
import { call, openTestCore } from '../../test-support/test-core';

afterEach(removeTempDirs);

const PASSPHRASE = 'correct horse battery staple';
const SECRET = 'S3cr3t-Pa55word-that-must-never-leak';

function makeKey(passphrase: string): string {
  const dir = makeTempDir();
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', passphrase, '-C', 'test', '-f', join(dir, 'id')]);
  return readFileSync(join(dir, 'id'), 'utf8');
}

async function setup() {
  const core = openTestCore();
  const site = await call<Site>(core, 'sites:create', { name: 'Acme' });
  return { core, site };
}

describe('CredentialVaultService', () => {
  it('needs a passphrase of at least 12 characters, then seals secrets so the database never holds them in clear', async () => {
    const { core, site } = await setup();
    expect(await core.dispatcher.invoke('vault:setup', { passphrase: 'short' })).toMatchObject({ ok: false, error: { message: expect.stringContaining('at least 12') } });
    expect(await call(core, 'vault:setup', { passphrase: PASSPHRASE })).toEqual({ initialized: true, unlocked: true, protection: 'passphrase' });
    const created = await call<Credential>(core, 'credentials:create', { siteId: site.id, name: 'Linux admin', kind: 'ssh', username: 'ops', secrets: { authMethod: 'password', password: SECRET, sudoPassword: SECRET } });
    expect(created).toMatchObject({ name: 'Linux admin', hasSudoPassword: true });
    expect(JSON.stringify(created)).not.toContain(SECRET);
    expect(JSON.stringify(await call(core, 'credentials:list', { siteId: site.id }))).not.toContain(SECRET);
    core.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(join(core.dataDir, 'patchdesk.db')).includes(Buffer.from(SECRET))).toBe(false);
    await core.close();
  });

  it('refuses a wrong passphrase, and refuses to create or open secrets while locked', async () => {
    const { core, site } = await setup();
    await call(core, 'vault:setup', { passphrase: PASSPHRASE });
    await call(core, 'vault:lock', {});
    const locked = await core.dispatcher.invoke('credentials:create', { siteId: site.id, name: 'x', kind: 'winrm', username: 'CORP\\admin', secrets: { authMethod: 'ntlm', password: SECRET } });
    expect(locked).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringContaining('locked') } });
    expect(JSON.stringify(locked)).not.toContain(SECRET);
    expect(await core.dispatcher.invoke('vault:unlock', { passphrase: 'wrong passphrase!!' })).toMatchObject({ ok: false, error: { code: 'unauthorized', message: 'wrong passphrase' } });
    expect(await call(core, 'vault:unlock', { passphrase: PASSPHRASE })).toMatchObject({ unlocked: true });
    await core.close();
  });

  it('keeps secrets across restarts, opens them for executors and records each use', async () => {
    const { core, site } = await setup();
    await call(core, 'vault:setup', { passphrase: PASSPHRASE });
    const asset = await call<Asset>(core, 'assets:create', { siteId: site.id, fields: { hostname: 'web1', tags: ['linux'] } });
    const credential = await call<Credential>(core, 'credentials:create', { siteId: site.id, name: 'Linux', kind: 'ssh', username: 'ops', secrets: { authMethod: 'password', password: SECRET } });
    await call(core, 'credentials:bind', { credentialId: credential.id, tags: ['linux'] });
    const dataDir = core.dataDir;
    await core.close();

    const reopened = openTestCore({ dataDir });
    expect(await call(reopened, 'vault:status', {})).toEqual({ initialized: true, unlocked: false, protection: 'passphrase' });
    await call(reopened, 'vault:unlock', { passphrase: PASSPHRASE });
    const found = reopened.services.vault.findForAsset({ id: asset.id, tags: asset.tags }, 'ssh');
    expect(found?.id).toBe(credential.id);
    expect(reopened.services.vault.useSecrets(credential.id, { assetId: asset.id, purpose: 'collect' })).toEqual({ authMethod: 'password', password: SECRET });
    const uses = await call<{ assetName: string; purpose: string }[]>(reopened, 'credentials:uses', { id: credential.id });
    expect(uses[0]).toMatchObject({ assetName: 'web1', purpose: 'collect' });
    const used = reopened.audit.listForPeriod(site.id, '2000-01-01T00:00:00.000Z', '2100-01-01T00:00:00.000Z').filter((entry) => entry.action === 'credential-used');
    expect(used).toEqual([expect.objectContaining({ entityType: 'credential', entityId: credential.id, details: { credentialId: credential.id, assetId: asset.id, purpose: 'collect' } })]);
    expect(JSON.stringify(used)).not.toContain(SECRET);
    await reopened.close();
  });

  it('unbinds assets and tags: the host then finds no credential, and the change is audited', async () => {
    const { core, site } = await setup();
    await call(core, 'vault:setup', { passphrase: PASSPHRASE });
    const asset = await call<Asset>(core, 'assets:create', { siteId: site.id, fields: { hostname: 'web1', tags: ['linux'] } });
    const credential = await call<Credential>(core, 'credentials:create', { siteId: site.id, name: 'Linux', kind: 'ssh', username: 'ops', secrets: { authMethod: 'password', password: SECRET } });
    await call(core, 'credentials:bind', { credentialId: credential.id, assetIds: [asset.id], tags: ['linux', 'web'] });
    const afterAsset = await call<Credential>(core, 'credentials:unbind', { credentialId: credential.id, assetIds: [asset.id], tags: ['web'] });
    expect(afterAsset).toMatchObject({ boundAssetIds: [], boundTags: ['linux'] });
    expect(core.services.vault.findForAsset({ id: asset.id, tags: asset.tags }, 'ssh')?.id).toBe(credential.id);
    await call(core, 'credentials:unbind', { credentialId: credential.id, tags: ['linux'] });
    expect(core.services.vault.findForAsset({ id: asset.id, tags: asset.tags }, 'ssh')).toBeUndefined();
    const actions = core.audit.listForPeriod(site.id, '2000-01-01T00:00:00.000Z', '2100-01-01T00:00:00.000Z').map((entry) => entry.action);
    expect(actions.filter((action) => action === 'credential-unbound')).toHaveLength(2);
    await core.close();
  });

  it('validates SSH keys with their passphrase and shows the fingerprint, never the key', async () => {
    const { core, site } = await setup();
    await call(core, 'vault:setup', { passphrase: PASSPHRASE });
    const privateKey = makeKey('key-pass-123');
    const noPassphrase = await core.dispatcher.invoke('credentials:create', { siteId: site.id, name: 'k', kind: 'ssh', username: 'ops', secrets: { authMethod: 'key', privateKey } });
    expect(noPassphrase).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringContaining('encrypted') } });
    expect(JSON.stringify(noPassphrase)).not.toContain('PRIVATE KEY');
    const garbage = await core.dispatcher.invoke('credentials:create', { siteId: site.id, name: 'k', kind: 'ssh', username: 'ops', secrets: { authMethod: 'key', privateKey: 'not a key' } });
    expect(garbage).toMatchObject({ ok: false, error: { message: expect.stringContaining('not an SSH private key') } });
    const created = await call<Credential>(core, 'credentials:create', { siteId: site.id, name: 'k', kind: 'ssh', username: 'ops', secrets: { authMethod: 'key', privateKey, passphrase: 'key-pass-123' } });
    expect(created.keyFingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    const mismatch = await core.dispatcher.invoke('credentials:create', { siteId: site.id, name: 'w', kind: 'winrm', username: 'CORP\\a', secrets: { authMethod: 'password', password: SECRET } });
    expect(mismatch).toMatchObject({ ok: false, error: { message: expect.stringContaining('winrm credential uses ntlm or basic') } });
    await core.close();
  });
});

describe('CredentialVaultService scrypt cost', () => {
  it('creates new vaults at N=2^17 and re-wraps a vault made at the old cost on its next unlock; its secrets still open', async () => {
    const { core, site } = await setup();
    const { deriveKeyFromPassphrase, newDataKey, seal } = await import('./vault-crypto');
    const { CredentialsRepository } = await import('../../db/repositories/credentials.repository');
    const repository = new CredentialsRepository(core.db);
    const oldParams = { N: 2 ** 15, r: 8, p: 1, salt: Buffer.alloc(16, 7).toString('base64') };
    const kek = await deriveKeyFromPassphrase(PASSPHRASE, oldParams);
    repository.insertVault({ protection: 'passphrase', kdfParamsJson: JSON.stringify(oldParams), wrappedDataKey: seal(kek, newDataKey(), 'patchdesk-vault-data-key') }, '2026-01-01T00:00:00.000Z');

    expect(await core.dispatcher.invoke('vault:unlock', { passphrase: 'not the passphrase' })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(JSON.parse(repository.getVault()?.kdfParamsJson ?? '{}')).toMatchObject({ N: 2 ** 15 });

    expect(await call(core, 'vault:unlock', { passphrase: PASSPHRASE })).toMatchObject({ unlocked: true });
    const rewrapped = JSON.parse(repository.getVault()?.kdfParamsJson ?? '{}') as { N: number; r: number; p: number; salt: string };
    expect(rewrapped).toMatchObject({ N: 2 ** 17, r: 8, p: 1 });
    expect(rewrapped.salt).not.toBe(oldParams.salt);
    const rows = core.db.prepare("SELECT details_json FROM audit_log WHERE action = 'vault-rewrapped'").all() as { details_json: string }[];
    expect(rows.map((row) => JSON.parse(row.details_json))).toEqual([{ from: { N: 2 ** 15, r: 8, p: 1 }, to: { N: 2 ** 17, r: 8, p: 1 } }]);

    const created = await call<Credential>(core, 'credentials:create', { siteId: site.id, name: 'Linux admin', kind: 'ssh', username: 'ops', secrets: { authMethod: 'password', password: SECRET } });
    await call(core, 'vault:lock', {});
    expect(await core.dispatcher.invoke('vault:unlock', { passphrase: 'not the passphrase' })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    await call(core, 'vault:unlock', { passphrase: PASSPHRASE });
    expect(core.services.vault.useSecrets(created.id, { assetId: null, purpose: 'test' })).toMatchObject({ password: SECRET });
    expect(core.db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'vault-rewrapped'").get()).toEqual({ n: 1 });
    await core.close();
  });

  it('sets a new vault up at the OWASP cost', async () => {
    const { core } = await setup();
    await call(core, 'vault:setup', { passphrase: PASSPHRASE });
    const { CredentialsRepository } = await import('../../db/repositories/credentials.repository');
    expect(JSON.parse(new CredentialsRepository(core.db).getVault()?.kdfParamsJson ?? '{}')).toMatchObject({ N: 2 ** 17, r: 8, p: 1 });
    await core.close();
  });
});
