import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dnfVersionAvailability } from './dnf-available-versions';
import { dnfLastTransaction } from './dnf-history';
import { dnfPreviewUpgrade } from './dnf-preview';
import { readDnfRebootRequired } from './dnf-reboot-required';
import { runDnfHistoryUndo, runDnfTransaction } from './dnf-transaction';
import { LAB_TEST_ADDRESSES } from '../../../test-support/package-lab/lab-test-addresses';
import { operationsLab } from '../../../test-support/package-lab/operations-lab';

const lab = operationsLab('dnf', 3, LAB_TEST_ADDRESSES.dnfOperations);
const unavailable = lab.unavailable;
const contextFor = (index: number) => lab.contextFor(index);
const limits = { lockTimeoutSeconds: 30, timeoutMs: 120_000 };

describe.skipIf(unavailable !== null)(`dnf operations on real hosts${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  beforeAll(() => lab.up(), 600_000);
  afterAll(() => lab.down(), 120_000);

  it('is a Rocky-9-like host whose dnf sees the lab advisories', async () => {
    const context = contextFor(0);
    const answer = await context.executor.run(context.target, '. /etc/os-release && echo "$ID $PLATFORM_ID" && LC_ALL=C dnf -q updateinfo list --security', { timeoutMs: 60_000 });
    expect(answer.stdout).toMatch(/^rocky platform:el9\n/);
    expect(answer.stdout).toMatch(/PDLAB-2026:0001 Important\/Sec\. lab-hello-1\.1-1\.noarch/);
  });

  it('previews the exact move, and names a version the repositories do not have', async () => {
    const context = contextFor(0);
    const preview = await dnfPreviewUpgrade(context, [{ name: 'lab-hello', version: '1.1-1' }]);
    expect(preview).toEqual({ changes: [{ name: 'lab-hello', from: '1.0-1', to: '1.1-1', kind: 'upgrade', requested: true }], removals: [] });
    await expect(dnfPreviewUpgrade(context, [{ name: 'lab-hello', version: '9.9-1' }])).rejects.toThrow(/lab-hello-9\.9-1 is not available/);
  });

  it('upgrades within an advisory to the pinned version, and finds nothing to do the second time', async () => {
    const context = contextFor(0);
    const first = await runDnfTransaction(context, [{ name: 'lab-hello', version: '1.1-1' }], { kind: 'upgrade', advisories: ['PDLAB-2026:0001'], ...limits });
    expect(first).toMatchObject({ outcome: 'done', moves: [{ name: 'lab-hello', from: '1.0-1', to: '1.1-1', after: '1.1-1' }] });
    expect(await dnfLastTransaction(context)).toMatchObject({ commandLine: expect.stringContaining('--advisory=PDLAB-2026:0001'), scriptletFailed: false });
    expect((await runDnfTransaction(context, [{ name: 'lab-hello', version: '1.1-1' }], { kind: 'upgrade', ...limits })).outcome).toBe('nothing_to_do');
  });

  it('judges a failed %post as failed although dnf exits 0, then rolls back by downgrade', async () => {
    const context = contextFor(0);
    const failed = await runDnfTransaction(context, [{ name: 'lab-postinst-fails', version: '1.1-1' }], { kind: 'upgrade', ...limits });
    expect(failed).toMatchObject({ outcome: 'failed', reason: 'maintainer_script_failed', output: { exitCode: 0 }, moves: [{ from: '1.0-1', after: '1.1-1' }] });
    expect(await dnfLastTransaction(context)).toMatchObject({ returnCode: 'Success', scriptletFailed: true });
    const availability = await dnfVersionAvailability(context, ['lab-postinst-fails']);
    expect(availability.get('lab-postinst-fails')?.available).toContain('1.0-1');
    const rolledBack = await runDnfTransaction(context, [{ name: 'lab-postinst-fails', version: '1.0-1' }], { kind: 'downgrade', ...limits });
    expect(rolledBack).toMatchObject({ outcome: 'done', moves: [{ from: '1.1-1', to: '1.0-1', after: '1.0-1' }] });
  }, 120_000);

  it('keeps a modified %config(noreplace) file, and undoes the transaction from its history id', async () => {
    const context = contextFor(1);
    const upgraded = await runDnfTransaction(context, [{ name: 'lab-conffile', version: '1.1-1' }], { kind: 'upgrade', ...limits });
    expect(upgraded).toMatchObject({ outcome: 'done', warnings: [expect.stringMatching(/\.rpmnew/)] });
    const files = await context.executor.run(context.target, 'cat /etc/lab-conffile.conf /etc/lab-conffile.conf.rpmnew', { timeoutMs: 30_000 });
    expect(files.stdout).toMatch(/local_change=made by the admin[\s\S]*# lab-conffile 1\.1/);
    const record = await dnfLastTransaction(context);
    const undone = await runDnfHistoryUndo(context, record?.id ?? 0, [{ name: 'lab-conffile', version: '1.0-1' }], limits);
    expect(undone).toMatchObject({ outcome: 'done', moves: [{ after: '1.0-1' }] });
    expect(await dnfLastTransaction(context)).toMatchObject({ commandLine: expect.stringContaining(`-y history undo ${record?.id}`), altered: expect.arrayContaining([expect.objectContaining({ action: 'Downgrade' })]) });
  }, 120_000);

  it('waits a bounded time for another process holding the dnf lock, then fails naming it', async () => {
    const context = contextFor(2);
    // A live process of this machine written into dnf's lock files, as another dnf would leave them (same /proc).
    const holder: ChildProcess = spawn('sleep', ['600'], { stdio: 'ignore' });
    try {
      for (const file of ['var/cache/dnf/metadata_lock.pid', 'var/lib/dnf/rpmdb_lock.pid']) writeFileSync(join(lab.host(2).dir, 'root', file), String(holder.pid));
      const blocked = await runDnfTransaction(context, [{ name: 'lab-hello', version: '1.1-1' }], { kind: 'upgrade', lockTimeoutSeconds: 1, timeoutMs: 120_000 });
      expect(blocked).toMatchObject({ outcome: 'failed', reason: 'lock_held', lockHolder: { pid: holder.pid, process: 'sleep' }, moves: [{ after: '1.0-1' }] });
    } finally {
      holder.kill();
      await new Promise((resolve) => holder.once('exit', resolve));
    }
    // The holder is gone: dnf takes the stale lock over.
    expect((await runDnfTransaction(context, [{ name: 'lab-hello', version: '1.1-1' }], { kind: 'upgrade', ...limits })).outcome).toBe('done');
  }, 120_000);

  it('answers whether a reboot is required', async () => {
    // In the lab this is always "no": needs-restarting compares with /proc/1, the machine's own boot,
    // and Debian's 4.3.1 plugin drops the names of needs-restarting.d; the "yes" answer is tested on captured output.
    expect(await readDnfRebootRequired(contextFor(1))).toEqual({ required: false, packages: [], source: 'dnf needs-restarting -r' });
  });
});
