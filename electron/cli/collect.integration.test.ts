import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSshLab, type SshLab } from '../test-support/ssh-lab/index';
import { makeTempDir, removeTempDirs } from '../test-support/temp-dir';
import { runCliCapturing } from '../test-support/run-cli';

const PASSPHRASE = 'integration master passphrase';
let lab: SshLab;

beforeAll(async () => {
  lab = await startSshLab({ servers: 1 });
}, 120_000);

afterAll(async () => {
  await lab?.stop();
  removeTempDirs();
});

/** The CLI over one data folder, answering its prompts with `secrets`. */
function run(dataDir: string, args: string[], secrets: string[] = []) {
  return runCliCapturing(dataDir, args, secrets);
}

/** What apt itself says is upgradable on this machine right now. */
function aptUpgradeCount(): number {
  const output = execFileSync('apt-get', ['-s', '-qq', '-o', 'Debug::NoLocking=true', 'dist-upgrade'], { env: { ...process.env, LC_ALL: 'C', LANG: 'C' }, encoding: 'utf8' });
  return output.split('\n').filter((line) => /^Inst \S+ \[/.test(line)).length;
}

describe('patchdesk collect over SSH against a real sshd', () => {
  it('stores a credential, collects this Debian machine through sshd, agrees with apt, and stops on a changed host key until approved', async () => {
    const dataDir = makeTempDir();
    const server = lab.servers[0];
    if (!server) throw new Error('no lab server');
    const keyFile = join(dataDir, 'id_lab');
    writeFileSync(keyFile, lab.clientKey.privateKey, { mode: 0o600 });

    expect((await run(dataDir, ['site', 'add', 'Lab'])).code).toBe(0);
    expect((await run(dataDir, ['vault', 'init'], [PASSPHRASE, PASSPHRASE])).code).toBe(0);

    const { openAppCore } = await import('../core/app-core');
    const seed = openAppCore({ dataDir, mode: 'cli', actor: 'test' });
    const created = await seed.dispatcher.invoke('assets:create', { siteId: 1, fields: { hostname: 'lab-debian', addresses: [server.host], access: { method: 'ssh', port: server.port, username: lab.users.key.username } } });
    expect(created.ok).toBe(true);
    await seed.close();

    const added = await run(dataDir, ['credential', 'add', 'lab key', '--kind', 'ssh', '--user', lab.users.key.username, '--key-file', keyFile, '--bind-asset', 'lab-debian'], [PASSPHRASE]);
    expect(added).toMatchObject({ code: 0, out: expect.stringContaining('Stored credential "lab key"') });

    const collected = await run(dataDir, ['collect'], [PASSPHRASE]);
    expect(collected.err).toMatch(/lab-debian: \d+ pending/);
    expect(collected.code).toBe(0);

    const status = await run(dataDir, ['status', '--json']);
    const fleet = JSON.parse(status.out) as { assets: { pendingCount: number; osName: string; lastError: unknown }[] };
    expect(fleet.assets[0]).toMatchObject({ pendingCount: aptUpgradeCount(), osName: expect.stringContaining('Debian'), lastError: null });
    expect(status.out).not.toContain(PASSPHRASE);

    await server.restart({ newHostKey: true });
    const refused = await run(dataDir, ['collect'], [PASSPHRASE]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('host_key_changed');

    const { openAppCore: reopen } = await import('../core/app-core');
    const core = reopen({ dataDir, mode: 'cli', actor: 'test' });
    const keys = await core.dispatcher.invoke('hostkeys:list', { siteId: 1 });
    const changed = keys.ok ? (keys.value as { state: string; fingerprint: string; assetId: number }[]).find((key) => key.state === 'changed') : undefined;
    expect(changed?.fingerprint).toBe(server.hostKey.sha256);
    expect((await core.dispatcher.invoke('hostkeys:approve', { assetId: changed?.assetId, fingerprint: changed?.fingerprint })).ok).toBe(true);
    await core.close();
    expect((await run(dataDir, ['collect'], [PASSPHRASE])).code).toBe(0);
  }, 180_000);

  it('prints the offline collection script and imports its output', async () => {
    const dataDir = makeTempDir();
    const script = await run(dataDir, ['collect-script', 'linux']);
    expect(script.out).toContain('patchdesk-collection v1');
    const output = execFileSync('sh', ['-s'], { input: script.out, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
    const file = join(dataDir, 'host.pdc');
    writeFileSync(file, output);
    await run(dataDir, ['site', 'add', 'Offline']);
    const hostname = execFileSync('hostname', { encoding: 'utf8' }).trim();
    const { openAppCore } = await import('../core/app-core');
    const seed = openAppCore({ dataDir, mode: 'cli', actor: 'test' });
    await seed.dispatcher.invoke('assets:create', { siteId: 1, fields: { hostname } });
    await seed.close();
    const imported = await run(dataDir, ['import', 'collection', file]);
    expect(imported).toMatchObject({ code: 0, out: expect.stringContaining(`Imported the collection of ${hostname}`) });
    expect(imported.out).toContain(`${aptUpgradeCount()} pending updates`);
    writeFileSync(file, output.slice(0, output.length / 2));
    const truncated = await run(dataDir, ['import', 'collection', file]);
    expect(truncated.code).toBe(2);
  }, 60_000);
});
