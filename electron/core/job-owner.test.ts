import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/database';
import { JobOwnershipRepository } from '../db/repositories/job-ownership.repository';
import { makeTempDir, removeTempDirs } from '../test-support/temp-dir';
import { spawn } from 'node:child_process';
import { HEARTBEAT_STALE_AFTER_MS, interruptOrphanedJobs, isOwnerGone, isPidRunning, linuxProcessKey, processOwnerProbe, type JobOwner, type OwnerProbe } from './job-owner';

afterEach(removeTempDirs);

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

describe('interruptOrphanedJobs', () => {
  it('marks only the scans and collection runs whose owner is gone', () => {
    const db = openDatabase(join(makeTempDir(), 'patchdesk.db'));
    db.prepare("INSERT INTO sites (name, policy_json, created_at, updated_at) VALUES ('Acme', '{}', 'now', 'now')").run();
    const scans = new JobOwnershipRepository(db, 'scans');
    const runs = new JobOwnershipRepository(db, 'collection_runs');
    const addScan = () => Number(db.prepare("INSERT INTO scans (site_id, targets_json, ports_json, options_json, status, started_at, total_addresses) VALUES (1, '[]', '[]', '{}', 'running', 'now', 1)").run().lastInsertRowid);
    const addRun = () => Number(db.prepare("INSERT INTO collection_runs (site_id, status, started_at) VALUES (1, 'running', 'now')").run().lastInsertRowid);

    const legacy = addScan();
    const live = addScan();
    scans.claim(live, owner(200), ago(5_000));
    const dead = addScan();
    scans.claim(dead, owner(300), ago(5_000));
    const silent = addScan();
    scans.claim(silent, owner(200), ago(HEARTBEAT_STALE_AFTER_MS + 60_000));
    const liveRun = addRun();
    runs.claim(liveRun, owner(200), ago(60_000));
    const deadRun = addRun();
    runs.claim(deadRun, owner(300), ago(60_000));

    expect(interruptOrphanedJobs(db, scans, probe, NOW)).toBe(3);
    expect(interruptOrphanedJobs(db, runs, probe, NOW)).toBe(1);
    const status = (table: string, id: number) => (db.prepare(`SELECT status, finished_at FROM ${table} WHERE id = ?`).get(id) as { status: string; finished_at: string | null });
    expect([legacy, live, dead, silent].map((id) => status('scans', id).status)).toEqual(['interrupted', 'running', 'interrupted', 'interrupted']);
    expect(status('scans', dead).finished_at).toBe(NOW.toISOString());
    expect([liveRun, deadRun].map((id) => status('collection_runs', id).status)).toEqual(['running', 'interrupted']);

    scans.heartbeat(live, NOW.toISOString());
    expect(scans.running()).toEqual([{ id: live, owner: owner(200), heartbeatAt: NOW.toISOString() }]);
    db.close();
  });
});
