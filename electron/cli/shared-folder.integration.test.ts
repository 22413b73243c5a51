import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliWorkerCommands, hostRequest, runCliProcess, seedSharedFolder, startHostProcess, type HostProcess, type ProcessRun } from '../test-support/shared-folder-load';
import { makeTempDir, removeTempDirs } from '../test-support/temp-dir';

afterAll(removeTempDirs);

const CLI_PROCESSES = 30;
const HOST_OPERATIONS = 16;
const TICKED_CYCLES = 10;
/** Generous: 31 processes start on a 2-core runner that may be busy with the rest of the suite. */
const TIMEOUT_MS = 600_000;

/** The pid of a process that has run and exited: its owner is certainly gone. */
function exitedPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  return new Promise((resolve) => child.once('exit', () => resolve(child.pid ?? 0)));
}

describe('several processes, one data folder', () => {
  it('a browser host owns the folder, a second host is refused naming it, and 30 CLI processes writing at once all forward to it: no request fails and the audit chain stays one chain', async () => {
    const dataDir = makeTempDir();
    const scratch = makeTempDir();
    const seed = await seedSharedFolder(dataDir, TICKED_CYCLES);

    // A scan another live process is running (this test's own pid, a fresh heartbeat) and one whose process has exited.
    const deadPid = await exitedPid();
    const raw = new Database(join(dataDir, 'patchdesk.db'));
    const job = raw.prepare(
      "INSERT INTO jobs (id, kind, site_id, state, owner_pid, owner_instance, owner_started_at, owner_host, heartbeat_at, created_at) VALUES (?, 'scan', ?, 'running', ?, ?, ?, ?, ?, ?)",
    );
    const running = raw.prepare("INSERT INTO scans (site_id, targets_json, ports_json, options_json, status, started_at, total_addresses, job_id) VALUES (?, '[]', '[]', '{}', 'running', ?, 1, ?)");
    const { hostname } = await import('node:os');
    const farFuture = '2999-01-01T00:00:00.000Z';
    const now = new Date().toISOString();
    job.run('live-job', seed.siteId, process.pid, 'live-owner', now, hostname(), farFuture, now);
    job.run('dead-job', seed.siteId, deadPid, 'dead-owner', now, hostname(), farFuture, now);
    const liveScan = Number(running.run(seed.siteId, now, 'live-job').lastInsertRowid);
    const deadScan = Number(running.run(seed.siteId, now, 'dead-job').lastInsertRowid);
    raw.close();

    const hosts: HostProcess[] = [await startHostProcess(dataDir)];
    // One owner per folder: a second host does not start, and says who holds the folder.
    await expect(startHostProcess(dataDir)).rejects.toThrow(`in use by the browser host (pid ${hosts[0]?.pid})`);
    let hostResults: { request: string; ok: boolean; error?: unknown }[][];
    let cliRuns: ProcessRun[][];
    try {
      [hostResults, cliRuns] = await Promise.all([
        Promise.all(
          hosts.map(async (host, hostIndex) => {
            const results = [];
            for (let index = 0; index < HOST_OPERATIONS; index++) {
              const [channel, request] = hostRequest(seed, hostIndex, index);
              results.push({ request: `${channel} #${index} on host ${hostIndex}`, ...(await host.invoke(channel, request)) });
            }
            return results;
          }),
        ),
        Promise.all(
          Array.from({ length: CLI_PROCESSES }, async (_, worker) => {
            // One write command per process; each forwards to the host over its socket.
            const [args] = cliWorkerCommands(seed, worker, scratch);
            return [await runCliProcess(dataDir, args as string[])];
          }),
        ),
      ]);
    } finally {
      for (const host of hosts) expect(await host.stop()).toBe(0);
    }

    expect(hostResults.flat().filter((result) => !result.ok)).toEqual([]);
    const allCli = cliRuns.flat();
    expect(allCli.filter((run) => run.code !== 0).map((run) => ({ args: run.args.join(' '), code: run.code, err: run.err }))).toEqual([]);
    expect(allCli.some((run) => /database is locked/i.test(run.err))).toBe(false);

    const verified = await runCliProcess(dataDir, ['verify', '--log']);
    // The host is gone: this command owns the folder itself now.
    expect(JSON.parse((await runCliProcess(dataDir, ['owner', '--json'])).out)).toMatchObject({ kind: 'cli', here: true });
    expect(verified).toMatchObject({ code: 0, out: expect.stringContaining('The audit log is intact') });

    const db = new Database(join(dataDir, 'patchdesk.db'), { readonly: true });
    try {
      expect(db.prepare('SELECT prev_hash, COUNT(*) AS n FROM audit_log GROUP BY prev_hash HAVING n > 1').all()).toEqual([]);
      // Each write names who asked and how: the CLI commands (forwarded to the host) as their own actor, the host's own calls as the host's.
      expect(db.prepare('SELECT DISTINCT actor, via FROM audit_log ORDER BY actor, via').all()).toEqual([
        { actor: 'cli-load', via: 'cli' },
        { actor: 'host-load', via: 'browser' },
        { actor: 'seed', via: 'cli' },
      ]);
      const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
      const commands = allCli.map((run) => run.args.slice(0, 2).join(' '));
      const ran = (command: string) => commands.filter((name) => name === command).length;
      expect(count("SELECT COUNT(*) AS n FROM sites WHERE name LIKE 'Load %'")).toBe(ran('site add'));
      expect(count("SELECT COUNT(*) AS n FROM assets WHERE hostname LIKE 'w%'")).toBe(2 * ran('import csv'));
      expect(count("SELECT COUNT(*) AS n FROM assets WHERE hostname LIKE 'h_n%'")).toBe(hosts.length * (HOST_OPERATIONS / 2));
      expect(count("SELECT COUNT(*) AS n FROM exceptions")).toBe(ran('exception add') + hosts.length * (HOST_OPERATIONS / 2));
      expect(count("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'cycle-item-done'")).toBe(TICKED_CYCLES);
      const status = (id: number) => (db.prepare('SELECT status FROM scans WHERE id = ?').get(id) as { status: string }).status;
      expect(status(liveScan)).toBe('running');
      expect(status(deadScan)).toBe('interrupted');
      const jobState = (id: string) => (db.prepare('SELECT state FROM jobs WHERE id = ?').get(id) as { state: string }).state;
      expect([jobState('live-job'), jobState('dead-job')]).toEqual(['running', 'interrupted']);
    } finally {
      db.close();
    }

    if (process.platform !== 'win32') {
      expect(statSync(dataDir).mode & 0o777).toBe(0o700);
      for (const file of ['patchdesk.db', 'patchdesk.db-wal', 'patchdesk.db-shm']) {
        const stat = statSync(join(dataDir, file), { throwIfNoEntry: false });
        if (stat) expect(stat.mode & 0o777).toBe(0o600);
      }
    }
  }, TIMEOUT_MS);
});
