import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../platform/clock';
import { packageMoves } from './package-transaction';
import { rebootHost } from './reboot-host';
import { rpmPackageVersions } from './rpm-versions';
import { zypperPreviewInstall, zypperPreviewPatches } from './zypper-preview';
import { readZypperRebootRequired } from './zypper-reboot-required';
import { judgeZypperRun, runZypperPatches, runZypperTransaction } from './zypper-transaction';
import { LAB_TEST_ADDRESSES } from '../../../test-support/package-lab/lab-test-addresses';
import { operationsLab } from '../../../test-support/package-lab/operations-lab';

const lab = operationsLab('zypper', 3, LAB_TEST_ADDRESSES.zypperOperations);
const unavailable = lab.unavailable;
const contextFor = (index: number) => lab.contextFor(index);
const limits = { lockTimeoutSeconds: 30, timeoutMs: 120_000 };

describe.skipIf(unavailable !== null)(`zypper operations on real hosts${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  beforeAll(() => lab.up(), 600_000);
  afterAll(() => lab.down(), 120_000);

  it('previews the exact moves of packages and of patches', async () => {
    const context = contextFor(0);
    expect(await zypperPreviewInstall(context, [{ name: 'lab-hello', version: '1.1-1' }])).toEqual({ changes: [{ name: 'lab-hello', from: '1.0-1', to: '1.1-1', kind: 'upgrade', requested: true }], removals: [] });
    expect((await zypperPreviewPatches(context, ['PDLAB-2026:0002'])).changes).toEqual([{ name: 'lab-needs-reboot', from: '1.0-1', to: '1.1-1', kind: 'upgrade', requested: false }]);
    await expect(zypperPreviewInstall(context, [{ name: 'lab-hello', version: '9.9-1' }])).rejects.toThrow(/lab-hello=9\.9-1 is not available/);
  }, 120_000);

  it('upgrades to the pinned version; a downgrade without --oldpackage is a silent no-op, with it a rollback', async () => {
    const context = contextFor(0);
    expect(await runZypperTransaction(context, [{ name: 'lab-hello', version: '1.1-1' }], { kind: 'upgrade', ...limits })).toMatchObject({ outcome: 'done', moves: [{ from: '1.0-1', after: '1.1-1' }] });
    // The trap, run raw: exit 0, "Nothing to do.", nothing changed. The judge catches it.
    const target = [{ name: 'lab-hello', version: '1.0-1' }];
    const raw = await context.executor.run(context.target, 'LC_ALL=C zypper --non-interactive install lab-hello=1.0-1 </dev/null', { timeoutMs: 120_000 });
    expect(raw).toMatchObject({ exitCode: 0, stdout: expect.stringContaining('Nothing to do.') });
    const after = await rpmPackageVersions(context, ['lab-hello']);
    expect(judgeZypperRun('lab', raw, packageMoves(target, after, after), 30)).toMatchObject({ outcome: 'failed', reason: 'not_at_target', message: expect.stringContaining('a downgrade needs --oldpackage') });
    expect(await runZypperTransaction(context, target, { kind: 'downgrade', ...limits })).toMatchObject({ outcome: 'done', moves: [{ from: '1.1-1', after: '1.0-1' }] });
  }, 120_000);

  it('judges exit 107 (a failed %post) as failed, and names a version the repositories do not have (104)', async () => {
    const context = contextFor(0);
    const failed = await runZypperTransaction(context, [{ name: 'lab-postinst-fails', version: '1.1-1' }], { kind: 'upgrade', ...limits });
    expect(failed).toMatchObject({ outcome: 'failed', reason: 'maintainer_script_failed', output: { exitCode: 107 }, moves: [{ after: '1.1-1' }] });
    expect(await runZypperTransaction(context, [{ name: 'lab-postinst-fails', version: '1.0-1' }], { kind: 'downgrade', ...limits })).toMatchObject({ outcome: 'done' });
    expect(await runZypperTransaction(context, [{ name: 'lab-hello', version: '9.9-1' }], { kind: 'upgrade', ...limits })).toMatchObject({ outcome: 'failed', reason: 'version_unavailable', output: { exitCode: 104 } });
  }, 120_000);

  it('installs a reboot-suggested patch (exit 102, kept on the result), and the reboot clears the flag', async () => {
    const context = contextFor(1);
    const patched = await runZypperPatches(context, ['PDLAB-2026:0002'], [{ name: 'lab-needs-reboot', version: '1.1-1' }], limits);
    expect(patched).toMatchObject({ outcome: 'done', output: { exitCode: 102 }, reboot: { required: true } });
    expect(await readZypperRebootRequired(context)).toMatchObject({ required: true, source: 'zypper needs-rebooting' });
    const reboot = await rebootHost(context, { timeoutMs: 120_000, clock: systemClock, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)), readinessCommand: 'rpm -q lab-needs-reboot' });
    expect(reboot.bootIdAfter).not.toBe(reboot.bootIdBefore);
    expect((await readZypperRebootRequired(context)).required).toBe(false);
  }, 180_000);

  it('retries a bounded time while another process holds the zypp lock (exit 7), then fails naming it', async () => {
    const context = contextFor(2);
    const lockFile = join(lab.host(2).dir, 'root/run/zypp.pid');
    const holder: ChildProcess = spawn('sleep', ['600'], { stdio: 'ignore' });
    try {
      writeFileSync(lockFile, `${holder.pid}\n`);
      const blocked = await runZypperTransaction(context, [{ name: 'lab-hello', version: '1.1-1' }], { kind: 'upgrade', lockTimeoutSeconds: 1, timeoutMs: 120_000 });
      expect(blocked).toMatchObject({ outcome: 'failed', reason: 'lock_held', lockHolder: { pid: holder.pid, process: expect.stringMatching(/sleep/) }, moves: [{ after: '1.0-1' }] });
    } finally {
      holder.kill();
      await new Promise((resolve) => holder.once('exit', resolve));
      rmSync(lockFile, { force: true });
    }
    expect((await runZypperTransaction(context, [{ name: 'lab-hello', version: '1.1-1' }], { kind: 'upgrade', ...limits })).outcome).toBe('done');
  }, 120_000);
});
