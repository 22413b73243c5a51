import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../platform/clock';
import { createRemoteExecutor, type RemoteExecutor } from '../executor/remote-executor';
import { isRemoteError } from '../executor/remote-error';
import { simulateWindowsHost, type SimulatedHostOptions, type SimulatedUpdate, type SimulatedWindowsHost } from '../winrm/test-support/windows-host-simulator';
import { startWinRmTestServer, type WinRmTestServer } from '../winrm/test-support/winrm-test-server';
import type { OperationContext } from './operation-context';
import { PACKAGE_FAMILY_OPERATIONS } from './package-families';
import { readWindowsBootId } from './windows-boot-identity';
import { createWindowsFamilyOperations } from './windows-family';
import { rebootWindowsHost } from './windows-reboot-host';
import { readWindowsRebootRequired } from './windows-reboot-required';
import { installWindowsUpdates } from './wua-install';
import { uninstallWindowsUpdates } from './wua-uninstall';
import type { WuaPacing } from './wua-task';

const PASSWORD = 'Wu4-lab-secret!';
const servers: WinRmTestServer[] = [];
const executors: RemoteExecutor[] = [];

afterEach(async () => {
  await Promise.all(executors.splice(0).map((executor) => executor.close()));
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const update = (kb: string, extra: Partial<SimulatedUpdate> = {}): SimulatedUpdate => ({
  kb,
  updateId: `0000${kb.slice(0, 4)}-1111-4222-8333-${kb.padStart(12, '0')}`,
  title: `Update for Windows (KB${kb})`,
  installed: false,
  isUninstallable: true,
  ...extra,
});

interface Harness {
  host: SimulatedWindowsHost;
  context: OperationContext;
  pacing: WuaPacing;
  sleeps: number[];
}

async function windowsHost(options: SimulatedHostOptions): Promise<Harness> {
  const host = simulateWindowsHost(options);
  const server = await startWinRmTestServer({ accounts: [{ user: 'patchbot', domain: 'PATCHLAB', password: PASSWORD }], behave: host.behave });
  servers.push(server);
  const executor = createRemoteExecutor();
  executors.push(executor);
  const context: OperationContext = { executor, sudo: false, target: { protocol: 'winrm', name: 'win-01', winrm: { host: server.host, port: server.port, https: false, auth: 'ntlm', username: 'PATCHLAB\\patchbot', password: PASSWORD } } };
  const clock = fixedClock(new Date('2026-12-07T20:00:00Z'));
  const sleeps: number[] = [];
  const pacing: WuaPacing = { clock, sleep: async (ms) => { sleeps.push(ms); clock.advance(ms); }, pollIntervalMs: 5000 };
  return { host, context, pacing, sleeps };
}

const targets = (...kbs: string[]) => kbs.map((kb) => ({ name: kb.startsWith('KB') ? kb : `KB${kb}`, version: '' }));

describe('installWindowsUpdates against the simulated Windows host', () => {
  it('runs the task protocol end to end and reports per-update codes, a failure and the reboot', async () => {
    const { host, context, pacing, sleeps } = await windowsHost({ pollsUntilResult: 3, updates: [update('5021233', { rebootRequired: true }), update('5022282', { resultCode: 4, hresult: 0x80240016 })] });
    const result = await installWindowsUpdates(context, targets('5021233', 'KB5022282'), { roundTimeoutMs: 600_000, pacing });

    const uploads = host.events.filter((event) => event.startsWith('upload '));
    expect(uploads.length).toBeGreaterThan(1);
    expect(uploads).toEqual(uploads.map((_, index) => `upload ${index}`));
    expect(host.events.slice(uploads.length)).toEqual(['register install 1', 'poll running', 'poll running', 'poll running', 'poll result', 'read', 'unregister', 'register installed 2', 'poll running', 'poll running', 'poll running', 'poll result', 'read', 'unregister', 'unregister', 'remove-folder']);
    expect(sleeps).toEqual([5000, 5000, 5000, 5000, 5000, 5000]);
    expect(host.tasks()).toEqual([]);
    expect(host.folders.size).toBe(0);

    expect(result).toMatchObject({ outcome: 'failed', reason: 'package_manager_error', rounds: 1, reboot: { required: true } });
    expect(result.outcome === 'failed' && result.message).toBe('KB5022282 failed (0x80240016 WU_E_INSTALL_NOT_ALLOWED), not installed');
    expect(result.updates).toEqual([
      { kb: 'KB5021233', title: 'Update for Windows (KB5021233)', round: 1, result: 'succeeded', hresult: null, rebootRequired: true, isUninstallable: true, installedAfter: true },
      { kb: 'KB5022282', title: 'Update for Windows (KB5022282)', round: 1, result: 'failed', hresult: '0x80240016 WU_E_INSTALL_NOT_ALLOWED', rebootRequired: false, isUninstallable: true, installedAfter: false },
    ]);
    expect(result.moves).toEqual([
      { name: 'KB5021233', from: null, to: 'installed', after: 'installed', afterStatus: 'succeeded' },
      { name: 'KB5022282', from: null, to: 'installed', after: null, afterStatus: 'failed' },
    ]);
  });

  it('loops rounds through a reboot until nothing approved remains', async () => {
    const harness = await windowsHost({ pollsUntilResult: 0, downReadsAfterReboot: 2, updates: [update('5021233', { rebootRequired: true }), update('5030211', { offeredAfterBoots: 1 })] });
    const { host, context, pacing } = harness;
    const reboot = async () => {
      await rebootWindowsHost(context, { timeoutMs: 1_200_000, clock: pacing.clock, sleep: pacing.sleep });
    };
    const result = await installWindowsUpdates(context, targets('5021233', '5030211'), { roundTimeoutMs: 600_000, pacing, reboot });
    expect(result).toMatchObject({ outcome: 'done', rounds: 2 });
    expect(result.updates.map((item) => [item.kb, item.round, item.result, item.installedAfter])).toEqual([
      ['KB5021233', 1, 'succeeded', true],
      ['KB5030211', 2, 'succeeded', true],
    ]);
    expect(host.boots()).toBe(1);
    expect(host.events.filter((event) => event.startsWith('register') || event === 'reboot')).toEqual(['register install 1', 'reboot', 'register install 2', 'register installed 3']);
    expect('reboot' in result).toBe(false);
  });

  it('stops when a round installs nothing: everything approved is already installed', async () => {
    const { context, pacing } = await windowsHost({ pollsUntilResult: 1, updates: [update('5021233', { installed: true })] });
    const result = await installWindowsUpdates(context, targets('5021233'), { roundTimeoutMs: 600_000, pacing });
    expect(result).toMatchObject({ outcome: 'nothing_to_do', rounds: 1, moves: [{ name: 'KB5021233', from: 'installed', after: 'installed', afterStatus: 'already_installed' }] });
  });

  it('refuses to install while a reboot is pending, and says a KB nobody offers is unavailable', async () => {
    const pending = await windowsHost({ pollsUntilResult: 0, rebootPending: true, updates: [update('5021233')] });
    expect(await installWindowsUpdates(pending.context, targets('5021233'), { roundTimeoutMs: 600_000, pacing: pending.pacing })).toMatchObject({ outcome: 'failed', reason: 'reboot_pending', reboot: { required: true } });
    expect(pending.host.updates[0]?.installed).toBe(false);

    const unknown = await windowsHost({ pollsUntilResult: 0, updates: [] });
    const result = await installWindowsUpdates(unknown.context, targets('5099999'), { roundTimeoutMs: 600_000, pacing: unknown.pacing });
    expect(result).toMatchObject({ outcome: 'failed', reason: 'version_unavailable', message: 'KB5099999 was not offered to this host by Windows Update and is not installed' });
  });

  it('detects an update loop: installed, rolled back at boot, offered again', async () => {
    const { host, context, pacing } = await windowsHost({ pollsUntilResult: 0, updates: [update('5021233', { rebootRequired: true, rollsBackAtBoot: true }), update('5030211', { rebootRequired: true })] });
    const reboot = async () => {
      await rebootWindowsHost(context, { timeoutMs: 1_200_000, clock: pacing.clock, sleep: pacing.sleep });
    };
    const result = await installWindowsUpdates(context, targets('5021233', '5030211'), { roundTimeoutMs: 600_000, pacing, reboot, maxRounds: 2 });
    expect(result.outcome).toBe('failed');
    expect(result.updates.find((item) => item.kb === 'KB5021233')?.result).toBe('loop');
    expect(result.outcome === 'failed' && result.message).toBe('KB5021233 was offered again after installing in an earlier round (an update loop: rolled back at boot, or a false success)');
    expect(host.events.filter((event) => event.startsWith('register') || event === 'reboot')).toEqual(['register install 1', 'reboot', 'register install 2', 'register installed 3']);
  });

  it('fails with a timeout when the task never writes its result, and removes the task and folder', async () => {
    const { host, context, pacing, sleeps } = await windowsHost({ pollsUntilResult: 0, neverFinishes: true, updates: [update('5021233')] });
    const error = await installWindowsUpdates(context, targets('5021233'), { roundTimeoutMs: 30_000, pacing }).catch((caught: unknown) => caught);
    expect(isRemoteError(error, 'timeout')).toBe(true);
    expect((error as Error).message).toBe('the WUA install task (round 1) on win-01 wrote no result within 30 s (task Running); the task was unregistered, an install it started may still be running');
    expect(sleeps).toHaveLength(6);
    expect(host.tasks()).toEqual([]);
    expect(host.folders.size).toBe(0);
  });

  it('refuses to run a task script that arrived damaged', async () => {
    const { host, context, pacing } = await windowsHost({ pollsUntilResult: 0, corruptUpload: true, updates: [update('5021233')] });
    await expect(installWindowsUpdates(context, targets('5021233'), { roundTimeoutMs: 30_000, pacing })).rejects.toMatchObject({ code: 'protocol_error', message: 'the WUA task script arrived on win-01 damaged (SHA-256 mismatch); nothing was run' });
    expect(host.events).not.toContain('register install 1');
  });

  it('refuses anything but a KB id or an update id before touching the host', async () => {
    const { host, context, pacing } = await windowsHost({ pollsUntilResult: 0, updates: [] });
    await expect(installWindowsUpdates(context, [{ name: "KB1'; Remove-Item C:\\", version: '' }], { roundTimeoutMs: 30_000, pacing })).rejects.toThrow(RangeError);
    await expect(installWindowsUpdates(context, [{ name: 'KB5021233', version: '1.0' }], { roundTimeoutMs: 30_000, pacing })).rejects.toThrow('"1.0" is not a WUA update id (a GUID), a pin (GUID@revision) or empty');
    expect(host.events).toEqual([]);
  });
});

describe('uninstallWindowsUpdates against the simulated Windows host', () => {
  it('uninstalls an uninstallable KB and reports a non-uninstallable one honestly', async () => {
    const { host, context, pacing } = await windowsHost({ pollsUntilResult: 1, updates: [update('5021233', { installed: true, rebootRequired: true }), update('5005112', { installed: true, isUninstallable: false, title: 'Servicing Stack Update (KB5005112)' })] });
    const done = await uninstallWindowsUpdates(context, ['KB5021233'], { timeoutMs: 600_000, pacing });
    expect(done).toMatchObject({ outcome: 'done', reboot: { required: true }, updates: [{ kb: 'KB5021233', result: 'uninstalled', exitCode: 3010, installedAfter: false }] });

    const refused = await uninstallWindowsUpdates(context, ['KB5005112'], { timeoutMs: 600_000, pacing });
    expect(refused).toMatchObject({ outcome: 'failed', reason: 'not_uninstallable', message: 'KB5005112 cannot be uninstalled: Windows marks it not uninstallable; nothing was done to it', updates: [{ kb: 'KB5005112', result: 'not_uninstallable', exitCode: null, installedAfter: true }] });
    expect(host.updates[1]?.installed).toBe(true);
  });

  it('reports a wusa failure with its HRESULT name, and a KB that is not installed as nothing to do', async () => {
    const { context, pacing } = await windowsHost({ pollsUntilResult: 0, updates: [update('5021233', { installed: true, wusaExitCode: 0x80070005 | 0 })] });
    expect(await uninstallWindowsUpdates(context, ['KB5021233'], { timeoutMs: 600_000, pacing })).toMatchObject({ outcome: 'failed', reason: 'package_manager_error', message: 'KB5021233: wusa -2147024891 (0x80070005 E_ACCESSDENIED), still installed' });
    expect(await uninstallWindowsUpdates(context, ['KB5077777'], { timeoutMs: 600_000, pacing })).toMatchObject({ outcome: 'nothing_to_do', updates: [{ kb: 'KB5077777', result: 'not_installed' }] });
  });
});

describe('Windows reboot, boot identity and reboot flags', () => {
  it('reboots, rides out the dropped connections and waits for a new LastBootUpTime and a ready logon screen', async () => {
    const { host, context, pacing, sleeps } = await windowsHost({ pollsUntilResult: 0, downReadsAfterReboot: 2, rebootPending: true, updates: [] });
    expect(await readWindowsRebootRequired(context)).toEqual({ required: true, packages: [], source: 'WUA SystemInfo.RebootRequired, CBS RebootPending' });
    const before = await readWindowsBootId(context);
    const result = await rebootWindowsHost(context, { timeoutMs: 1_200_000, clock: pacing.clock, sleep: pacing.sleep });
    expect(result.bootIdBefore).toBe(before);
    expect(BigInt(result.bootIdAfter) > BigInt(before)).toBe(true);
    expect(sleeps).toEqual([1000, 2000]);
    expect(host.boots()).toBe(1);
    expect(await readWindowsRebootRequired(context)).toMatchObject({ required: false });
  });
});

describe('the windows family entry', () => {
  it('is in the dispatch table and previews, installs and rolls back in the shared shapes', async () => {
    expect(PACKAGE_FAMILY_OPERATIONS.windows.fullUpgradeOnly).toBe(false);
    const { context, pacing } = await windowsHost({ pollsUntilResult: 2, updates: [update('5021233'), update('5040000')] });
    const windows = createWindowsFamilyOperations(pacing);
    const preview = await windows.preview(context, targets('5021233'));
    expect(preview).toEqual({ changes: [{ name: 'KB5021233', from: null, to: '00005021-1111-4222-8333-000005021233', kind: 'new', requested: true }], removals: [] });
    const installed = await windows.runTransaction(context, targets('5021233'), { kind: 'upgrade', lockTimeoutSeconds: 0, timeoutMs: 600_000 });
    expect(installed).toMatchObject({ outcome: 'done', moves: [{ name: 'KB5021233', after: 'installed' }] });
    const rolledBack = await windows.runTransaction(context, targets('5021233'), { kind: 'downgrade', lockTimeoutSeconds: 0, timeoutMs: 600_000 });
    expect(rolledBack).toMatchObject({ outcome: 'done', moves: [{ name: 'KB5021233', from: 'installed', to: 'absent', after: 'absent' }] });
    expect(await windows.readRebootRequired(context)).toMatchObject({ required: false });
  });
});
