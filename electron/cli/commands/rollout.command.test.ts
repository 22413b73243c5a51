import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RolloutDetail } from '../../../shared/contract/rollouts';
import { openAppCore } from '../../core/app-core';
import { runCliCapturing } from '../../test-support/run-cli';
import { call } from '../../test-support/test-core';
import { makeTempDir, removeTempDirs } from '../../test-support/temp-dir';

afterEach(() => {
  removeTempDirs();
  process.exitCode = undefined;
});

const run = (dataDir: string, ...args: string[]) => runCliCapturing(dataDir, args);

async function siteWithAsset() {
  const dir = makeTempDir();
  await run(dir, 'site', 'add', 'Acme', '--timezone', 'UTC');
  const csv = join(dir, 'assets.csv');
  writeFileSync(csv, 'hostname,ip\nweb01,10.0.0.1\n');
  await run(dir, 'import', 'csv', csv);
  return dir;
}

describe('patchdesk rollout', () => {
  it('answers bad usage with exit 2 and a line naming what is wrong', async () => {
    const dir = await siteWithAsset();
    expect(await run(dir, 'rollout')).toMatchObject({ code: 2, err: expect.stringContaining('patchdesk rollout plan --site NAME') });
    expect(await run(dir, 'rollout', 'show', 'abc')).toMatchObject({ code: 2, err: 'patchdesk: "abc" is not a rollout ID' });
    expect(await run(dir, 'rollout', 'show', '7')).toMatchObject({ code: 2, err: expect.stringMatching(/rollout 7/) });
    expect(await run(dir, 'rollout', 'plan', '--site', 'Acme', '--all', '--security')).toMatchObject({ code: 2, err: 'patchdesk: give one of --all, --security or --package NAME... / --kb KB...' });
    expect(await run(dir, 'rollout', 'plan', '--site', 'Acme', '--security', '--kb', 'KB5034441')).toMatchObject({ code: 2, err: 'patchdesk: give one of --all, --security or --package NAME... / --kb KB...' });
    expect(await run(dir, 'rollout', 'plan', '--site', 'Acme', '--max-failures', '10x', '--ring', 'test=web01')).toMatchObject({ code: 2, err: expect.stringMatching(/^patchdesk: --max-failures: "10x" is not a failure budget/) });
    expect(await run(dir, 'rollout', 'plan', '--site', 'Acme', '--concurrency', '0', '--ring', 'test=web01')).toMatchObject({ code: 2, err: 'patchdesk: --concurrency: "0" is not a whole number from 1 to 100' });
    expect(await run(dir, 'rollout', 'plan', '--site', 'Acme', '--reboot', 'sometimes', '--ring', 'test=web01')).toMatchObject({ code: 2, err: 'patchdesk: --reboot is one of never, if-required, always' });
    expect(await run(dir, 'rollout', 'plan', '--site', 'Acme', '--ring', 'test=nosuchhost')).toMatchObject({ code: 2, err: expect.stringMatching(/--ring test: no active asset "nosuchhost"/) });
    expect(await run(dir, 'rollout', 'plan', '--site', 'Acme', '--check', 'port:0', '--ring', 'test=web01')).toMatchObject({ code: 2, err: 'patchdesk: --check port:0: port: "0" is not a TCP port (1 to 65535)' });
    expect(await run(dir, 'rollout', 'plan', '--site', 'Acme', '--pre-check', 'http:ftp://x/', '--ring', 'test=web01')).toMatchObject({ code: 2, err: 'patchdesk: --pre-check http:ftp://x/: http: "ftp://x/" is not an http or https URL' });
    expect(await run(dir, 'rollout', 'plan', '--site', 'Acme', '--severity', 'urgent')).toMatchObject({ code: 2, err: 'patchdesk: --severity is one of critical, high, medium, low' });
    expect(await run(dir, 'rollout', 'plan', '--site', 'Acme', '--package', 'openssl', '--severity', 'high')).toMatchObject({ code: 2, err: expect.stringMatching(/named packages are installed as named/) });
    expect(await run(dir, 'rollout', 'plan', '--site', 'Acme', '--fixes-trigger')).toMatchObject({ code: 2, err: 'patchdesk: --fixes-trigger needs --cycle ID (an emergency cycle)' });
    expect(await run(dir, 'rollout', 'plan', '--site', 'Acme', '--fixes', 'CVE-2026-0001')).toMatchObject({ code: 2, err: 'patchdesk: no host of "Acme" has a pending update that fixes CVE-2026-0001 (see patchdesk triage CVE-2026-0001)' });
    expect(await run(dir, 'rollout', 'plan', '--site', 'Acme', '--manual', 'web01', '--ring', 'test=web01')).toMatchObject({ code: 2, err: 'patchdesk: --manual web01: expected HOST=FIRMWARE' });
    expect(await run(dir, 'rollout', 'manual-done', '3')).toMatchObject({ code: 2, err: 'patchdesk: --host: name the network device whose manual step was done' });
    expect(await run(dir, 'rollout', 'manual-done', '3', '--host', 'sw01')).toMatchObject({ code: 2, err: expect.stringMatching(/^patchdesk: --note: say what was done/) });
    expect(await run(dir, 'rollout', 'plan', '--site', 'Acme')).toMatchObject({ code: 2, err: expect.stringMatching(/no active SSH or WinRM hosts to roll out to/) });
  });

  it('plans Windows updates by KB beside Linux packages (--kb with --package)', async () => {
    const dir = await siteWithAsset();
    const passphrase = 'a long enough master passphrase';
    expect((await runCliCapturing(dir, ['vault', 'init'], [passphrase, passphrase])).code).toBe(0);
    expect(await runCliCapturing(dir, ['rollout', 'plan', '--site', 'Acme', '--kb', 'KB12', '--ring', 'test=web01'], [passphrase])).toMatchObject({ code: 2, err: expect.stringMatching(/is not a KB article id \(KB and 4 to 8 digits\) or a Windows Update id/) });
    const planned = await runCliCapturing(dir, ['rollout', 'plan', '--site', 'Acme', '--package', 'openssl', '--kb', 'kb5034441', '--kb', '3B8F1C2A-0000-4000-8000-00000000A1B2', '--ring', 'test=web01', '--json'], [passphrase]);
    expect(planned.code).toBe(0);
    expect(JSON.parse(planned.out)).toMatchObject({ selection: { kind: 'packages', packages: ['openssl'], kbs: ['KB5034441', '3b8f1c2a-0000-4000-8000-00000000a1b2'] }, state: 'planned' });
    const shown = await run(dir, 'rollout', 'show', '1');
    expect(shown.out).toContain('packages openssl, Windows updates KB5034441, 3b8f1c2a-0000-4000-8000-00000000a1b2;');
  });

  it('documents the typed checks in its usage', async () => {
    const dir = await siteWithAsset();
    const usage = (await run(dir, 'rollout')).err;
    for (const line of ['unit:NAME', 'port:NUMBER', 'http:URL[=STATUS]', 'command:COMMAND', 'fails closed']) expect(usage).toContain(line);
  });

  it('plans the site\'s hosts of the named risk tiers or tags, in their site rings (--tier, --tag)', async () => {
    const dir = makeTempDir();
    const core = openAppCore({ dataDir: dir, mode: 'cli', actor: 'seed' });
    const site = await call<{ id: number }>(core, 'sites:create', { name: 'Acme', timezone: 'UTC' });
    const add = async (hostname: string, tags: string[]) => (await call<{ id: number }>(core, 'assets:create', { siteId: site.id, fields: { hostname, addresses: ['127.0.0.1'], tags, deviceType: 'server', osFamily: 'linux', access: { method: 'ssh', port: 22, username: 'root' } } })).id;
    const web = await add('web01', ['Web', 'dmz']);
    const db = await add('db01', []);
    await add('desk01', ['office']);
    await call(core, 'tiers:override', { action: 'set', assetIds: [db], tier: 1, reason: 'holds the ledger' });
    await call(core, 'cycles:setRings', { siteId: site.id, assetIds: [web], ring: 'test' });
    await core.close();
    const passphrase = 'a long enough master passphrase';
    expect((await runCliCapturing(dir, ['vault', 'init'], [passphrase, passphrase])).code).toBe(0);

    expect(await run(dir, 'rollout', 'plan', '--site', 'Acme', '--tier', '9')).toMatchObject({ code: 2, err: 'patchdesk: --tier: "9" is not a risk tier (1, 2, 3, 4)' });
    expect(await run(dir, 'rollout', 'plan', '--site', 'Acme', '--tag', 'web', '--ring', 'test=web01')).toMatchObject({ code: 2, err: expect.stringMatching(/--tier and --tag choose hosts for the site's rings/) });
    expect(await run(dir, 'rollout', 'plan', '--site', 'Acme', '--tag', 'nosuchtag')).toMatchObject({ code: 2, err: expect.stringMatching(/has no active SSH or WinRM hosts of tag "nosuchtag" to roll out to/) });
    // Tags match whatever their case; a host of either filter is planned, in its own site ring.
    const planned = await runCliCapturing(dir, ['rollout', 'plan', '--site', 'Acme', '--tag', 'WEB', '--tier', '1', '--json'], [passphrase]);
    const detail = JSON.parse(planned.out) as RolloutDetail;
    expect(detail.rings.map((ring) => `${ring.name}: ${detail.hosts.filter((host) => host.ringId === ring.id).map((host) => host.hostname).join(',')}`)).toEqual(['test: web01', 'broad: db01']);
  });

  it('lists no rollouts in a new site', async () => {
    const dir = await siteWithAsset();
    expect(await run(dir, 'rollout', 'list', '--site', 'Acme')).toMatchObject({ code: 0, out: 'No rollouts in "Acme".' });
    expect(JSON.parse((await run(dir, 'rollout', 'list', '--site', 'Acme', '--json')).out)).toEqual([]);
  });
});
