import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDirs } from '../../test-support/temp-dir';
import { openDatabase } from '../database';
import { MIGRATIONS } from './index';

afterEach(removeTempDirs);

const upTo = MIGRATIONS.findIndex((migration) => migration.version === 11) + 1;

describe('migration 0011 (jobs)', () => {
  it('gives running scans and collection runs a job row with their owner, links them, and checks states', () => {
    const file = join(makeTempDir(), 'patchdesk.db');
    const before = openDatabase(file, { migrations: MIGRATIONS.slice(0, upTo - 1) });
    before.prepare("INSERT INTO sites (name, policy_json, created_at, updated_at) VALUES ('Acme', '{}', 'now', 'now')").run();
    const scan = before.prepare(
      "INSERT INTO scans (site_id, targets_json, ports_json, options_json, status, started_at, total_addresses, owner_pid, owner_instance, owner_started_at, owner_host, owner_process_key, heartbeat_at) VALUES (1, '[]', '[]', '{}', ?, '2026-11-02T09:00:00.000Z', 1, 4321, 'inst-1', '2026-11-02T08:00:00.000Z', 'workstation', 'boot:99', '2026-11-02T09:01:00.000Z')",
    );
    scan.run('completed');
    scan.run('running');
    before.prepare("INSERT INTO collection_runs (site_id, status, started_at) VALUES (1, 'running', '2026-11-02T09:30:00.000Z')").run();
    before.close();

    const db = openDatabase(file, { migrations: MIGRATIONS.slice(0, upTo) });
    expect(db.pragma('user_version', { simple: true })).toBe(11);
    expect(db.prepare('SELECT id, status, job_id FROM scans ORDER BY id').all()).toEqual([
      { id: 1, status: 'completed', job_id: null },
      { id: 2, status: 'running', job_id: 'legacy-scan-2' },
    ]);
    expect(db.prepare('SELECT job_id FROM collection_runs').get()).toEqual({ job_id: 'legacy-collect-1' });
    expect(db.prepare('SELECT id, kind, site_id, state, owner_pid, owner_instance, owner_host, owner_process_key, heartbeat_at, parameters_json FROM jobs ORDER BY id').all()).toEqual([
      { id: 'legacy-collect-1', kind: 'collect', site_id: 1, state: 'running', owner_pid: null, owner_instance: null, owner_host: null, owner_process_key: null, heartbeat_at: null, parameters_json: '{"runId":1}' },
      { id: 'legacy-scan-2', kind: 'scan', site_id: 1, state: 'running', owner_pid: 4321, owner_instance: 'inst-1', owner_host: 'workstation', owner_process_key: 'boot:99', heartbeat_at: '2026-11-02T09:01:00.000Z', parameters_json: '{"scanId":2}' },
    ]);
    const addJob = db.prepare("INSERT INTO jobs (id, kind, state, created_at) VALUES (?, 'toy', ?, 'now')");
    expect(() => addJob.run('j1', 'paused')).toThrow(/CHECK/);
    addJob.run('j1', 'waiting');
    const addStep = db.prepare("INSERT INTO job_steps (job_id, target, name, attempt, state, started_at) VALUES (?, 'h1', 'install', ?, 'running', 'now')");
    addStep.run('j1', 1);
    expect(() => addStep.run('j1', 1)).toThrow(/UNIQUE/);
    expect(() => addStep.run('j1', 0)).toThrow(/CHECK/);
    expect(() => addStep.run('nope', 1)).toThrow(/FOREIGN KEY/);
    db.close();
  });
});
