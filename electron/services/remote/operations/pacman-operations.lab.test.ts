import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAB_PACKAGES } from '../../../test-support/package-lab/test-packages';
import { readPacmanRebootRequired } from './pacman-reboot-required';
import { pacmanCachedVersions, runPacmanTransaction } from './pacman-transaction';
import { pacmanPackageVersions, pacmanPendingUpgrades } from './pacman-versions';
import { LAB_TEST_ADDRESSES } from '../../../test-support/package-lab/lab-test-addresses';
import { operationsLab } from '../../../test-support/package-lab/operations-lab';

const lab = operationsLab('pacman', 2, LAB_TEST_ADDRESSES.pacmanOperations);
const unavailable = lab.unavailable;
const contextFor = (index: number) => lab.contextFor(index);
const limits = { lockTimeoutSeconds: 30, timeoutMs: 120_000 };
const everything = LAB_PACKAGES.map((name) => ({ name, version: '1.1-1' }));

describe.skipIf(unavailable !== null)(`pacman operations on real hosts${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  beforeAll(() => lab.up(), 600_000);
  afterAll(() => lab.down(), 120_000);

  it('is an Arch-like host whose pending set is every lab package, read without moving its sync database', async () => {
    const context = contextFor(0);
    const release = await context.executor.run(context.target, '. /etc/os-release && echo "$ID"; test -e /var/lib/pacman/sync/lab.db && echo synced || echo not-synced', { timeoutMs: 30_000 });
    expect(release.stdout).toBe('arch\nnot-synced\n');
    const pending = await pacmanPendingUpgrades(context);
    expect(pending.map((item) => `${item.name} ${item.from} -> ${item.to}`).sort()).toEqual(LAB_PACKAGES.map((name) => `${name} 1.0-1 -> 1.1-1`).sort());
  }, 120_000);

  it('refuses a partial upgrade before anything runs', async () => {
    const context = contextFor(0);
    const refused = await runPacmanTransaction(context, [{ name: 'lab-hello', version: '1.1-1' }], { kind: 'upgrade', ...limits });
    expect(refused).toMatchObject({ outcome: 'failed', reason: 'partial_upgrade_refused', output: null });
    expect((await pacmanPackageVersions(context, ['lab-hello'])).get('lab-hello')).toBe('1.0-1');
  }, 120_000);

  it('runs the full upgrade, judges the failed scriptlet pacman exits 0 on, and keeps the modified conffile', async () => {
    const context = contextFor(0);
    const result = await runPacmanTransaction(context, everything, { kind: 'upgrade', ...limits });
    expect(result).toMatchObject({ outcome: 'failed', reason: 'maintainer_script_failed', output: { exitCode: 0 }, message: expect.stringContaining('lab-postinst-fails') });
    expect(result.moves.every((move) => move.after === '1.1-1')).toBe(true);
    expect(await pacmanPendingUpgrades(context)).toEqual([]);
    const files = await context.executor.run(context.target, 'cat /etc/lab-conffile.conf /etc/lab-conffile.conf.pacnew', { timeoutMs: 30_000 });
    expect(files.stdout).toMatch(/local_change=made by the admin[\s\S]*# lab-conffile 1\.1/);
  }, 120_000);

  it('rolls back from the package cache, and names a version the cache no longer has', async () => {
    const context = contextFor(0);
    expect(await pacmanCachedVersions(context, [{ name: 'lab-hello', version: '1.0-1' }, { name: 'lab-conffile', version: '0.5-1' }])).toEqual(new Map([['lab-hello', true], ['lab-conffile', false]]));
    expect(await runPacmanTransaction(context, [{ name: 'lab-hello', version: '1.0-1' }], { kind: 'downgrade', ...limits })).toMatchObject({ outcome: 'done', moves: [{ from: '1.1-1', after: '1.0-1' }] });
    expect(await runPacmanTransaction(context, [{ name: 'lab-conffile', version: '0.5-1' }], { kind: 'downgrade', ...limits })).toMatchObject({ outcome: 'failed', reason: 'version_unavailable', moves: [{ after: '1.1-1' }] });
  }, 120_000);

  it('waits a bounded time while db.lck is there, then fails; runs once it is gone', async () => {
    const context = contextFor(1);
    const lockFile = join(lab.host(1).dir, 'root/var/lib/pacman/db.lck');
    writeFileSync(lockFile, '');
    try {
      const blocked = await runPacmanTransaction(context, everything, { kind: 'upgrade', lockTimeoutSeconds: 1, timeoutMs: 120_000 });
      expect(blocked).toMatchObject({ outcome: 'failed', reason: 'lock_held' });
      expect(blocked.moves.every((move) => move.after === '1.0-1')).toBe(true);
    } finally {
      rmSync(lockFile, { force: true });
    }
    const result = await runPacmanTransaction(context, everything, { kind: 'upgrade', ...limits });
    expect(result.moves.every((move) => move.after === '1.1-1')).toBe(true);
  }, 120_000);

  it('says a reboot requirement is not measured where there is no kernel to measure', async () => {
    expect((await readPacmanRebootRequired(contextFor(1))).required).toBeNull();
  });
});
