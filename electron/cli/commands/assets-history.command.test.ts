import { afterEach, describe, expect, it } from 'vitest';
import type { Asset } from '../../../shared/contract/assets';
import { collectionFile } from '../../test-support/collection-file';
import { runCliCapturing } from '../../test-support/run-cli';
import { removeTempDirs } from '../../test-support/temp-dir';
import { call, openTestCore } from '../../test-support/test-core';

afterEach(() => {
  removeTempDirs();
  process.exitCode = undefined;
});

async function siteWithHistory() {
  const core = openTestCore();
  const site = await call<{ id: number }>(core, 'sites:create', { name: 'Acme', networks: [] });
  const web = await call<Asset>(core, 'assets:create', { siteId: site.id, fields: { hostname: 'web01' } });
  await call<Asset>(core, 'assets:create', { siteId: site.id, fields: { hostname: 'db01' } });
  await call(core, 'collect:importFile', { siteId: site.id, text: collectionFile('web01'), fileName: 'web01.pdc', assetId: web.id });
  await core.close();
  return core.dataDir;
}

describe('patchdesk assets history', () => {
  it('prints the packages installed at an instant, as of the collection before it', async () => {
    const dataDir = await siteWithHistory();
    const run = await runCliCapturing(dataDir, ['assets', 'history', 'web01', '--site', 'Acme', '--at', '2027-01-01T00:00:00Z']);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^web01: \d+ packages as collected .* history since /);
    expect(run.out).toMatch(/NAME\s+ARCH\s+VERSION\s+STATUS\s+SINCE/);
    const json = await runCliCapturing(dataDir, ['assets', 'history', 'web01', '--site', 'Acme', '--json']);
    expect(JSON.parse(json.out)).toMatchObject({ measured: true, query: 'installedAt', packages: expect.arrayContaining([expect.objectContaining({ backfilled: false })]) });
  });

  it('says "not measured" and exits 1 before the first collection and for a host never collected', async () => {
    const dataDir = await siteWithHistory();
    const before = await runCliCapturing(dataDir, ['assets', 'history', 'web01', '--site', 'Acme', '--at', '2020-01-01T00:00:00Z']);
    expect(before).toMatchObject({ code: 1, out: expect.stringMatching(/^web01: not measured: no collection recorded the packages at 2020-01-01T00:00:00\.000Z/) });
    const never = await runCliCapturing(dataDir, ['assets', 'history', 'db01', '--site', 'Acme', '--package', 'openssl', '--json']);
    expect(never.code).toBe(1);
    expect(JSON.parse(never.out)).toMatchObject({ measured: false, reason: 'never_collected' });
  });

  it('lists the version intervals of one package, and refuses bad usage with exit 2', async () => {
    const dataDir = await siteWithHistory();
    const named = await runCliCapturing(dataDir, ['assets', 'history', 'web01', '--site', 'Acme', '--package', 'bash']);
    expect(named.code).toBe(0);
    expect(named.out).toMatch(/ARCH\s+VERSION\s+STATUS\s+FIRST SEEN\s+LAST CONFIRMED\s+ENDED/);
    expect(named.out).toMatch(/installed$/m);
    expect(await runCliCapturing(dataDir, ['assets', 'history', '--site', 'Acme'])).toMatchObject({ code: 2, err: expect.stringMatching(/name one host/) });
    expect(await runCliCapturing(dataDir, ['assets', 'history', 'web01', '--site', 'Acme', '--at', 'yesterday'])).toMatchObject({ code: 2, err: expect.stringMatching(/--at: "yesterday"/) });
    expect(await runCliCapturing(dataDir, ['assets', 'history', 'nope', '--site', 'Acme'])).toMatchObject({ code: 2, err: expect.stringMatching(/no asset "nope"/) });
  });
});
