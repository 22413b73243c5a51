import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { HEARTBEAT_STALE_AFTER_MS, isOwnerGone, isPidRunning, linuxProcessKey, processOwnerProbe, type JobOwner, type OwnerProbe } from './job-owner';

const NOW = new Date('2026-11-02T10:00:00.000Z');
const self: JobOwner = { pid: 100, instanceId: 'self', startedAt: '2026-11-02T09:00:00.000Z', host: 'workstation', processKey: 'boot-1:100' };
const running = new Map([[100, 'boot-1:100'], [200, 'boot-1:200']]);
const probe: OwnerProbe = { self, isRunning: (pid) => running.has(pid), processKeyOf: (pid) => running.get(pid) ?? null };
const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();
const owner = (pid: number, extra: Partial<JobOwner> = {}): JobOwner => ({ pid, instanceId: `instance-${pid}`, startedAt: '2026-11-02T08:00:00.000Z', host: 'workstation', processKey: `boot-1:${pid}`, ...extra });

describe('isOwnerGone', () => {
  it('keeps a job whose owner runs on this machine and beats', () => {
    expect(isOwnerGone({ owner: owner(200), heartbeatAt: ago(10_000) }, probe, NOW)).toBe(false);
  });

  it('releases a job whose owner pid is not running', () => {
    expect(isOwnerGone({ owner: owner(300), heartbeatAt: ago(10_000) }, probe, NOW)).toBe(true);
  });

  it('releases a job whose heartbeat is older than the limit, even if its pid now belongs to some process', () => {
    expect(isOwnerGone({ owner: owner(200), heartbeatAt: ago(HEARTBEAT_STALE_AFTER_MS) }, probe, NOW)).toBe(false);
    expect(isOwnerGone({ owner: owner(200), heartbeatAt: ago(HEARTBEAT_STALE_AFTER_MS + 1) }, probe, NOW)).toBe(true);
    expect(isOwnerGone({ owner: owner(200), heartbeatAt: null }, probe, NOW)).toBe(true);
  });

  it('releases a job whose pid now belongs to a process the kernel started at another time (or in another boot)', () => {
    expect(isOwnerGone({ owner: owner(200, { processKey: 'boot-1:150' }), heartbeatAt: ago(10_000) }, probe, NOW)).toBe(true);
    expect(isOwnerGone({ owner: owner(200, { processKey: 'boot-0:200' }), heartbeatAt: ago(10_000) }, probe, NOW)).toBe(true);
    expect(isOwnerGone({ owner: owner(200, { processKey: null }), heartbeatAt: ago(10_000) }, probe, NOW)).toBe(false);
    expect(isOwnerGone({ owner: owner(200), heartbeatAt: ago(10_000) }, { ...probe, processKeyOf: () => null }, NOW)).toBe(false);
  });

  it('trusts only the heartbeat for an owner on another machine', () => {
    expect(isOwnerGone({ owner: owner(999, { host: 'laptop' }), heartbeatAt: ago(10_000) }, probe, NOW)).toBe(false);
    expect(isOwnerGone({ owner: owner(999, { host: 'laptop' }), heartbeatAt: ago(HEARTBEAT_STALE_AFTER_MS + 1) }, probe, NOW)).toBe(true);
  });

  it('never releases a job of this very process, and always one recorded before owners were', () => {
    expect(isOwnerGone({ owner: { ...self }, heartbeatAt: ago(HEARTBEAT_STALE_AFTER_MS * 10) }, probe, NOW)).toBe(false);
    expect(isOwnerGone({ owner: null, heartbeatAt: null }, probe, NOW)).toBe(true);
  });
});

describe('the real process probe', () => {
  it('knows this process is running, and a process that has exited is not', async () => {
    expect(isPidRunning(process.pid)).toBe(true);
    expect(processOwnerProbe.self.pid).toBe(process.pid);
    const child = spawn(process.execPath, ['-e', '']);
    const pid = await new Promise<number>((resolve) => child.once('exit', () => resolve(child.pid ?? 0)));
    expect(isPidRunning(pid)).toBe(false);
    expect(linuxProcessKey(pid)).toBeNull();
  });

  it.skipIf(process.platform !== 'linux')('reads the kernel start time of a process as its key (Linux)', () => {
    expect(processOwnerProbe.self.processKey).toMatch(/^[0-9a-f-]{36}:\d+$/);
    expect(linuxProcessKey(process.pid)).toBe(processOwnerProbe.self.processKey);
    expect(linuxProcessKey(1)).not.toBe(processOwnerProbe.self.processKey);
  });
});
