import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../platform/clock';
import { labLayout, type LabLayout } from '../../../test-support/package-lab/lab-layout';
import type { LabHost } from '../../../test-support/package-lab/lab-host';
import { downPackageLab, upPackageLab } from '../../../test-support/package-lab/package-lab';
import { createRemoteExecutor, type RemoteExecutor, type RemoteTarget } from '../executor/remote-executor';
import { aptPreviewUpgrade } from './apt-preview';
import { runAptTransaction } from './apt-transaction';
import type { OperationContext } from './operation-context';
import { rebootHost } from './reboot-host';
import { readRebootRequired } from './reboot-required';
import { LAB_TEST_ADDRESSES } from '../../../test-support/package-lab/lab-test-addresses';

const layout: LabLayout = { ...labLayout(), stateDir: mkdtempSync(join(tmpdir(), 'patchdesk-lab-operations-')) };
let hosts: LabHost[] = [];
let executor: RemoteExecutor;

function contextFor(index: number): OperationContext {
  const host = hosts[index];
  if (!host) throw new Error(`no lab host ${index}`);
  const target: RemoteTarget = {
    protocol: 'ssh',
    name: host.name,
    ssh: { host: host.address, port: host.port, username: host.user, auth: { kind: 'key', privateKey: readFileSync(host.keyFile, 'utf8') }, connectTimeoutMs: 10_000, commandTimeoutMs: 120_000, knownHostKey: host.hostKey },
  };
  return { executor, target, sudo: false };
}

const shell = (context: OperationContext, command: string) => context.executor.run(context.target, command, { timeoutMs: 30_000, expectedExitCodes: [0, 1, 2] });

beforeAll(async () => {
  const lab = await upPackageLab(layout, { hosts: 4, families: ['apt'], addressPrefix: LAB_TEST_ADDRESSES.aptOperations, rebootDownSeconds: 1 });
  hosts = lab.hosts;
  executor = createRemoteExecutor();
}, 600_000);

afterAll(async () => {
  await executor?.close();
  await downPackageLab(layout);
}, 120_000);

describe('apt operations on real hosts', () => {
  it('previews exactly what an upgrade would change, and names a version the host cannot get', async () => {
    const context = contextFor(0);
    const preview = await aptPreviewUpgrade(context, [{ name: 'lab-hello' }]);
    expect(preview.changes).toEqual([{ name: 'lab-hello', from: '1.0', to: '1.1', kind: 'upgrade', requested: true }]);
    expect(preview.removals).toEqual([]);
    await expect(aptPreviewUpgrade(context, [{ name: 'lab-hello', version: '9.9' }])).rejects.toThrow(/version 9\.9 of lab-hello is not available/);
  });

  it('upgrades to the pinned version, verifies it with dpkg, and finds nothing to do the second time', async () => {
    const context = contextFor(0);
    const first = await runAptTransaction(context, [{ name: 'lab-hello', version: '1.1' }], { kind: 'upgrade', lockTimeoutSeconds: 30, timeoutMs: 120_000 });
    expect(first.outcome).toBe('done');
    expect(first.moves).toEqual([{ name: 'lab-hello', from: '1.0', to: '1.1', after: '1.1', afterStatus: 'ii ' }]);
    const again = await runAptTransaction(context, [{ name: 'lab-hello', version: '1.1' }], { kind: 'upgrade', lockTimeoutSeconds: 30, timeoutMs: 120_000 });
    expect(again.outcome).toBe('nothing_to_do');
  });

  it('keeps a locally modified conffile and sets the maintainer version aside', async () => {
    const context = contextFor(1);
    const result = await runAptTransaction(context, [{ name: 'lab-conffile', version: '1.1' }], { kind: 'upgrade', lockTimeoutSeconds: 30, timeoutMs: 120_000 });
    expect(result.outcome).toBe('done');
    const files = await shell(context, 'cat /etc/lab-conffile.conf; echo ---; cat /etc/lab-conffile.conf.dpkg-dist');
    expect(files.stdout).toMatch(/local_change=made by the admin[\s\S]*---\n# lab-conffile 1\.1/);
  });

  it('reports a failing maintainer script as such, and rolls the package back to its recorded version', async () => {
    const context = contextFor(1);
    const failed = await runAptTransaction(context, [{ name: 'lab-postinst-fails', version: '1.1' }], { kind: 'upgrade', lockTimeoutSeconds: 30, timeoutMs: 120_000 });
    expect(failed.outcome).toBe('failed');
    if (failed.outcome !== 'failed') return;
    expect(failed.reason).toBe('maintainer_script_failed');
    expect(failed.message).toMatch(/lab-postinst-fails \(iF\)/);
    const from = failed.moves[0]?.from ?? '';
    expect(from).toBe('1.0');
    const rolledBack = await runAptTransaction(context, [{ name: 'lab-postinst-fails', version: from }], { kind: 'downgrade', lockTimeoutSeconds: 30, timeoutMs: 120_000 });
    expect(rolledBack).toMatchObject({ outcome: 'done', moves: [{ name: 'lab-postinst-fails', from: '1.1', to: '1.0', after: '1.0', afterStatus: 'ii ' }] });
  });

  it('waits a bounded time for another process holding the dpkg lock, then fails naming it', async () => {
    const context = contextFor(2);
    const lockFile = join(hosts[2]?.dir ?? '', 'root/var/lib/dpkg/lock-frontend');
    // A process on this machine takes the host's lock through the same overlay inode, as unattended-upgrades would.
    const holder: ChildProcess = spawn('python3', ['-c', `import fcntl,sys,time\nf=open(${JSON.stringify(lockFile)},'a')\nfcntl.lockf(f, fcntl.LOCK_EX)\nprint('locked', flush=True)\nsys.stdin.read()`], { stdio: ['pipe', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((resolve) => holder.stdout?.once('data', () => resolve()));
      const result = await runAptTransaction(context, [{ name: 'lab-hello', version: '1.1' }], { kind: 'upgrade', lockTimeoutSeconds: 1, timeoutMs: 120_000 });
      expect(result).toMatchObject({ outcome: 'failed', reason: 'lock_held', lockHolder: { pid: holder.pid, process: 'python3' } });
    } finally {
      holder.stdin?.end();
      await new Promise((resolve) => holder.once('exit', resolve));
    }
    const afterRelease = await runAptTransaction(context, [{ name: 'lab-hello', version: '1.1' }], { kind: 'upgrade', lockTimeoutSeconds: 30, timeoutMs: 120_000 });
    expect(afterRelease.outcome).toBe('done');
  });

  it('sees the reboot a package asks for, reboots, and comes back on a new connection with a new boot id', async () => {
    const context = contextFor(3);
    expect((await runAptTransaction(context, [{ name: 'lab-needs-reboot', version: '1.1' }], { kind: 'upgrade', lockTimeoutSeconds: 30, timeoutMs: 120_000 })).outcome).toBe('done');
    expect(await readRebootRequired(context)).toEqual({ required: true, packages: ['lab-needs-reboot'] });
    const reboot = await rebootHost(context, { timeoutMs: 120_000, clock: systemClock, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)), readinessCommand: 'dpkg-query -W lab-needs-reboot' });
    expect(reboot.bootIdAfter).not.toBe(reboot.bootIdBefore);
    expect(await readRebootRequired(context)).toEqual({ required: false, packages: [] });
  }, 180_000);
});

