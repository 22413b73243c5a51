import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCliCapturing } from '../../test-support/run-cli';
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

  it('lists no rollouts in a new site', async () => {
    const dir = await siteWithAsset();
    expect(await run(dir, 'rollout', 'list', '--site', 'Acme')).toMatchObject({ code: 0, out: 'No rollouts in "Acme".' });
    expect(JSON.parse((await run(dir, 'rollout', 'list', '--site', 'Acme', '--json')).out)).toEqual([]);
  });
});
