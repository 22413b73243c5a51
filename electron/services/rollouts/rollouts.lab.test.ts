import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Asset } from '../../../shared/contract/assets';
import type { Credential } from '../../../shared/contract/credentials';
import type { AssetPatchDetail } from '../../../shared/contract/patch-status';
import type { RolloutDetail, RolloutSummary } from '../../../shared/contract/rollouts';
import type { Site } from '../../../shared/contract/sites';
import { openAppCore, type AppCore } from '../../core/app-core';
import type { LabHost } from '../../test-support/package-lab/lab-host';
import { labRemoteTarget } from '../../test-support/package-lab/lab-remote-target';
import { labLayout, type LabLayout } from '../../test-support/package-lab/lab-layout';
import { downPackageLab, upPackageLab } from '../../test-support/package-lab/package-lab';
import { LAB_HEALTH_CHECK } from '../../test-support/package-lab/test-packages';
import { runCliCapturing } from '../../test-support/run-cli';
import { call } from '../../test-support/test-core';
import { createRemoteExecutor, type RemoteExecutor } from '../remote/executor/remote-executor';
import { LAB_TEST_ADDRESSES } from '../../test-support/package-lab/lab-test-addresses';

// Its own state folder and addresses (LAB_TEST_ADDRESSES.rollouts), so it never meets another lab.
const layout: LabLayout = { ...labLayout(), stateDir: mkdtempSync(join(tmpdir(), 'patchdesk-lab-rollouts-')) };
const dataDir = mkdtempSync(join(tmpdir(), 'patchdesk-rollouts-data-'));
const PASSPHRASE = 'lab rollouts passphrase';
const passphraseFile = join(dataDir, '..', `${layout.stateDir.split('/').pop() ?? 'lab'}.passphrase`);
const manualTimers = { every: () => () => undefined };
let hosts: LabHost[] = [];
let executor: RemoteExecutor;
let core: AppCore | undefined;

const host = (index: number) => {
  const found = hosts[index];
  if (!found) throw new Error(`no lab host ${index}`);
  return found;
};
const shell = (index: number, command: string) => executor.run(labRemoteTarget(host(index)), command, { timeoutMs: 60_000, expectedExitCodes: [0, 1] });
const openCore = (mode: 'cli' | 'browser') => openAppCore({ dataDir, mode, actor: 'lab-admin', jobTimers: manualTimers, rolloutLimits: { lockTimeoutSeconds: 2 } });
const cli = (...args: string[]) => runCliCapturing(dataDir, args, [PASSPHRASE]);

beforeAll(async () => {
  const lab = await upPackageLab(layout, { hosts: 5, families: ['apt'], addressPrefix: LAB_TEST_ADDRESSES.rollouts, rebootDownSeconds: 1 });
  hosts = lab.hosts;
  executor = createRemoteExecutor();
  // One host keeps lab-needs-reboot (test ring), one keeps lab-breaks-check (pilot ring): the others never had them.
  for (const index of [0, 2, 3, 4]) await shell(index, 'dpkg --purge lab-needs-reboot');
  for (const index of [0, 1, 3, 4]) await shell(index, 'dpkg --purge lab-breaks-check');
  writeFileSync(passphraseFile, `${PASSPHRASE}\n`, { mode: 0o600 });

  core = openCore('cli');
  const site = await call<Site>(core, 'sites:create', { name: 'Lab', timezone: 'UTC' });
  for (const lab of hosts) await call<Asset>(core, 'assets:create', { siteId: site.id, fields: { hostname: lab.name, addresses: [lab.address], deviceType: 'server', osFamily: 'linux', access: { method: 'ssh', port: lab.port, username: 'root' } } });
  await call(core, 'vault:setup', { passphrase: PASSPHRASE });
  const credential = await call<Credential>(core, 'credentials:create', { siteId: site.id, name: 'Lab root', kind: 'ssh', username: 'root', secrets: { authMethod: 'key', privateKey: readFileSync(lab.keyFile, 'utf8') } });
  const assets = await call<Asset[]>(core, 'assets:list', { siteId: site.id });
  await call(core, 'credentials:bind', { credentialId: credential.id, assetIds: assets.map((asset) => asset.id) });
  // The first collection pins each host key and records what is pending.
  const started = await call<{ jobId: string }>(core, 'collect:start', { siteId: site.id });
  const run = await core.services.collections.wait(started.jobId);
  expect(run).toMatchObject({ hostsOk: 5, hostsFailed: 0 });
  await core.close();
  core = undefined;
}, 900_000);

afterAll(async () => {
  await core?.close();
  await executor?.close();
  await downPackageLab(layout);
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(passphraseFile, { force: true });
}, 120_000);

function waitForChild(child: ReturnType<typeof spawn>): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

describe('rollouts on real apt hosts', () => {
  it('plans, previews, approves, rolls out through three rings (a post check fails on one host and is rolled back, a reboot is verified), survives being killed mid-ring and resumes', async () => {
    const names = hosts.map((lab) => lab.name);
    const post = `test ! -x ${LAB_HEALTH_CHECK} || ${LAB_HEALTH_CHECK}`;
    // The broad host waits in its pre step while /root/hold exists: the moment the rollout is killed is an event, not a guess.
    await shell(4, 'touch /root/hold');
    const pre = 'while [ -e /root/hold ]; do sleep 0.2; done';

    const planned = await cli('rollout', 'plan', '--site', 'Lab', '--name', 'December lab', '--package', 'lab-hello', '--package', 'lab-needs-reboot', '--package', 'lab-breaks-check', '--ring', `test=${names[0]},${names[1]}`, '--ring', `pilot=${names[2]},${names[3]}`, '--ring', `broad=${names[4]}`, '--max-failures', '1', '--reboot', 'if-required', '--pre', pre, '--post', post);
    expect(planned.code).toBe(0);
    expect(planned.out).toMatch(/^Rollout 1 planned\./);
    expect(planned.out).toMatch(/lab-hello 1\.0 → 1\.1/);
    expect(planned.out).toMatch(/lab-needs-reboot 1\.0 → 1\.1/);
    const previewed = JSON.parse((await cli('rollout', 'show', '1', '--json')).out) as RolloutDetail;
    expect(previewed.state).toBe('previewed');
    expect(previewed.hosts.map((lab) => lab.packages.map((item) => `${item.name} ${item.fromVersion}→${item.toVersion} ${item.rollbackSource}`))).toEqual([
      ['lab-hello 1.0→1.1 repository'],
      ['lab-hello 1.0→1.1 repository', 'lab-needs-reboot 1.0→1.1 repository'],
      ['lab-breaks-check 1.0→1.1 repository', 'lab-hello 1.0→1.1 repository'],
      ['lab-hello 1.0→1.1 repository'],
      ['lab-hello 1.0→1.1 repository'],
    ]);

    const approved = await cli('rollout', 'approve', '1');
    expect(approved.out).toMatch(/^Rollout 1 approved by \S+ at \d{4}-/);

    // Started from the CLI in its own process, which is killed once the broad host is in its pre step.
    const child = spawn(process.execPath, ['bin/run-ts.mjs', 'electron/cli/run-cli.script.ts', '--data-dir', dataDir, 'rollout', 'start', '1'], { env: { ...process.env, PATCHDESK_PASSPHRASE_FILE: passphraseFile }, stdio: ['ignore', 'pipe', 'pipe'] });
    let childErr = '';
    child.stderr?.on('data', (chunk: Buffer) => (childErr += chunk.toString()));
    const exited = waitForChild(child);
    core = openCore('cli');
    const watcher = core;
    const broadInPre = async () => {
      for (;;) {
        const detail = watcher.services.rollouts.get(1);
        if (detail.hosts[4]?.step === 'pre 1') return detail;
        if (child.exitCode !== null) throw new Error(`the CLI ended before the broad ring started: ${childErr}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    };
    const midRing = await broadInPre();
    expect(childErr).toMatch(/runs in this CLI process \(pid \d+\): .* it stops when this command ends/);
    expect(midRing.hosts.map((lab) => lab.state)).toEqual(['installed', 'installed', 'rolled_back', 'installed', 'running']);
    child.kill('SIGKILL');
    await exited;
    await core.close();
    core = undefined;
    await shell(4, 'rm -f /root/hold');

    // The next long-running process finds the job's owner gone, reads the host again, and waits for the admin.
    core = openCore('browser');
    await core.jobs.wait(midRing.jobId ?? '');
    const interrupted = core.services.rollouts.get(1);
    expect(interrupted.state).toBe('interrupted');
    // This process has no unlocked vault yet (no keychain here): it says so and leaves the host to be read before it runs again.
    expect(interrupted.hosts[4]).toMatchObject({ state: 'running', message: expect.stringMatching(/^interrupted during "pre 1"; its real state could not be read yet \(the credentials vault is locked/) });
    await core.close();
    core = undefined;

    const resumed = await cli('rollout', 'resume', '1');
    expect(resumed.err).toMatch(/runs in this CLI process \(pid \d+\)/);
    expect(resumed.code).toBe(1); // one host failed (and was rolled back)
    const done = JSON.parse((await cli('rollout', 'show', '1', '--json')).out) as RolloutDetail;
    expect(done.state).toBe('completed');
    expect(Object.fromEntries(done.hosts.map((lab) => [lab.hostname, lab.state]))).toEqual(Object.fromEntries(names.map((name, index) => [name, index === 2 ? 'rolled_back' : 'installed'])));
    expect(done.budget).toMatchObject({ allowed: 1, failures: 1, exhausted: false });
    expect(done.hosts[4]?.events.map((event) => `${event.step} ${event.outcome} ${event.message}`)).toContain('pre 1 note Patchdesk stopped during "pre 1"; found lab-hello 1.0');
    const rebooted = done.hosts[1];
    expect(rebooted).toMatchObject({ rebooted: true, postChecksPassed: true });
    expect(rebooted?.bootIdAfter).not.toBe(rebooted?.bootIdBefore);
    expect(done.hosts[2]?.message).toMatch(/post check 1 .* exited 1 .*; rolled back to lab-breaks-check 1\.0, lab-hello 1\.0/);
    expect(done.hosts.every((lab) => lab.verifiedAt !== null)).toBe(true);
    expect((await shell(2, "dpkg-query -W -f='${Version}' lab-breaks-check")).stdout).toBe('1.0');
    expect((await shell(1, "dpkg-query -W -f='${Version}' lab-needs-reboot")).stdout).toBe('1.1');

    core = openCore('cli');
    // The fresh collections show the targeted update installed: lab-hello is no longer pending.
    const asset = await call<AssetPatchDetail>(core, 'status:asset', { assetId: done.hosts[0]?.assetId ?? 0 });
    expect(asset.pending.map((update) => update.name)).not.toContain('lab-hello');
    expect(asset.installed.find((item) => item.name === 'lab-hello')?.version).toBe('1.1');
    expect(asset.history.length).toBeGreaterThanOrEqual(2);
    const audit = core.audit.listForEntity('rollout', 1).map((entry) => entry.action);
    expect(audit).toEqual(expect.arrayContaining(['rollout-planned', 'rollout-previewed', 'rollout-approved', 'rollout-started', 'rollout-host-rollback-step', 'rollout-interrupted', 'rollout-resumed', 'rollout-completed']));
    // The evidence pack's deployment section and data/rollouts.csv come from these rows.
    // The period runs from the day the rollout was planned to the day it is read (the site is in
    // UTC), so a run across midnight still covers every host.
    const today = new Date().toISOString().slice(0, 10);
    const { report } = core.services.evidence.report(done.siteId, done.createdAt.slice(0, 10), today);
    expect(report.deployments.map((row) => `${row.ring} ${row.state} ${row.rolledBack}`)).toEqual(['test installed false', 'test installed false', 'pilot rolled_back true', 'pilot installed false', 'broad installed false']);
    const listed = JSON.parse((await cli('rollout', 'list', '--site', 'Lab', '--json')).out) as RolloutSummary[];
    expect(listed).toMatchObject([{ id: 1, state: 'completed', counts: { hosts: 5, success: 4, failure: 1, notAttempted: 0 } }]);
    await core.close();
    core = undefined;
  }, 900_000);

  it('meets the faults real hosts have: a failing maintainer script (recovered, rolled back), a held dpkg lock (named), a version gone from the repository, an update someone else already made, a changed host key', async () => {
    core = openCore('cli');
    await call(core, 'vault:unlock', { passphrase: PASSPHRASE });
    const [site] = await call<Site[]>(core, 'sites:list', {});
    const assets = await call<Asset[]>(core, 'assets:list', { siteId: site?.id ?? 0 });
    const assetOf = (index: number) => assets.find((asset) => asset.hostname === host(index).name)?.id ?? 0;
    // Host 4 is the one "already upgraded": it never had lab-postinst-fails, so its plan is lab-conffile alone.
    await shell(3, 'dpkg --purge lab-postinst-fails');
    const planned = await call<RolloutDetail>(core, 'rollouts:plan', {
      siteId: site?.id,
      name: 'Faults',
      selection: { kind: 'packages', packages: ['lab-conffile', 'lab-postinst-fails'] },
      rings: [{ name: 'all', assetIds: [0, 1, 2, 3, 4].map(assetOf), concurrency: 5 }],
      failureBudget: '100%',
      rebootPolicy: 'never',
    });
    const previewed = await call<RolloutDetail>(core, 'rollouts:preview', { rolloutId: planned.id });
    expect(previewed.state).toBe('previewed');
    expect(previewed.hosts.map((lab) => lab.packages.map((item) => `${item.name} ${item.toVersion}`).join(' '))).toEqual(['lab-conffile 1.1 lab-postinst-fails 1.1', 'lab-conffile 1.1 lab-postinst-fails 1.1', 'lab-conffile 1.1 lab-postinst-fails 1.1', 'lab-conffile 1.1', 'lab-conffile 1.1 lab-postinst-fails 1.1']);
    await call(core, 'rollouts:approve', { rolloutId: planned.id });

    // After the approval the world moves: the repository loses 1.1 for host 3, someone upgrades host 4, host 5 gets a new host key.
    await shell(2, 'rm -f /etc/apt/sources.list.d/lab.list && apt-get update -qq');
    await shell(3, 'DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o Dpkg::Options::=--force-confold lab-conffile=1.1 </dev/null');
    await shell(4, 'rm -f /etc/ssh/ssh_host_* && ssh-keygen -q -A && kill -HUP "$(cat /run/sshd.pid)"');
    // Host 2's dpkg lock is taken by a process on this machine, as unattended-upgrades would.
    const lockFile = join(host(1).dir, 'root/var/lib/dpkg/lock-frontend');
    const holder: ChildProcess = spawn('python3', ['-c', `import fcntl,sys\nf=open(${JSON.stringify(lockFile)},'a')\nfcntl.lockf(f, fcntl.LOCK_EX)\nprint('locked', flush=True)\nsys.stdin.read()`], { stdio: ['pipe', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((resolve) => holder.stdout?.once('data', () => resolve()));
      const started = await call<{ jobId: string }>(core, 'rollouts:start', { rolloutId: planned.id });
      await core.services.rollouts.wait(started.jobId);
    } finally {
      holder.stdin?.end();
      await new Promise((resolve) => holder.once('exit', resolve));
    }
    const done = await call<RolloutDetail>(core, 'rollouts:get', { rolloutId: planned.id });
    const byHost = done.hosts.map((lab) => ({ state: lab.state, message: lab.message }));
    expect(byHost[0]).toMatchObject({ state: 'rolled_back', message: expect.stringMatching(/lab-postinst-fails \(iF\).*maintainer script failed; recovered.*rolled back to lab-conffile 1\.0, lab-postinst-fails 1\.0/) });
    expect(byHost[1]).toMatchObject({ state: 'failed', message: expect.stringMatching(new RegExp(`held the package lock .* python3 \\(pid ${holder.pid}\\)`)) });
    expect(byHost[2]).toMatchObject({ state: 'failed', message: expect.stringMatching(/version 1\.1 of lab-(conffile|postinst-fails) is no longer available/) });
    expect(byHost[3]).toMatchObject({ state: 'nothing_to_do' });
    expect(byHost[4]).toMatchObject({ state: 'preflight_blocked', message: expect.stringMatching(/^stopped: the host key of lab-apt-5 does not match the pinned one/) });
    expect(done.hosts[0]?.events.map((event) => `${event.step} ${event.outcome}`)).toEqual(expect.arrayContaining(['install ok', 'recover ok', 'rollback ok', 'verify rollback ok']));
    expect(done.counts).toMatchObject({ success: 1, failure: 3, notAttempted: 1 });
  }, 600_000);
});
