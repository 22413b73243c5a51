/**
 * Several processes on one data folder, for a while: a browser host (its own process, called
 * over HTTP; it owns the folder) and 30 `patchdesk` CLI processes (forwarding to it over its
 * socket) write to the same folder at once, each CLI
 * worker starting one command after the other until the time is up. Then `patchdesk verify --log`
 * must find the audit chain intact. Prints what ran and what failed.
 * Run: npm run bench:concurrency [-- SECONDS [CLI_PROCESSES]]   (default 60 s, 30 processes)
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliWorkerCommands, hostRequest, runCliProcess, seedSharedFolder, startHostProcess, type ProcessRun } from '../../electron/test-support/shared-folder-load';

const seconds = Number(process.argv[2] ?? 60);
const workers = Number(process.argv[3] ?? 30);
const dataDir = mkdtempSync(join(tmpdir(), 'patchdesk-bench-concurrency-'));
const scratch = mkdtempSync(join(tmpdir(), 'patchdesk-bench-concurrency-files-'));
try {
  const seed = await seedSharedFolder(dataDir, workers);
  // One owner per folder: one host; the CLI processes forward to it.
  const hosts = [await startHostProcess(dataDir)];
  console.log(`Concurrency benchmark: 1 browser host + ${workers} CLI processes (forwarding to it) on one folder for ${seconds} s, Node ${process.version}`);
  const started = performance.now();
  const endAt = started + seconds * 1000;
  const hostCounts = hosts.map(() => ({ ok: 0, failed: 0, firstError: '' }));
  const cliRuns: ProcessRun[] = [];
  const hostLoops = hosts.map(async (host, hostIndex) => {
    const counts = hostCounts[hostIndex] as (typeof hostCounts)[number];
    for (let index = 0; performance.now() < endAt; index++) {
      const [channel, request] = hostRequest(seed, hostIndex, index);
      const result = await host.invoke(channel, request);
      if (result.ok) counts.ok++;
      else {
        counts.failed++;
        counts.firstError ||= `${channel}: ${result.error?.message ?? '?'}`;
      }
    }
  });
  const cliLoops = Array.from({ length: workers }, async (_, worker) => {
    for (let round = 0; performance.now() < endAt; round++) {
      for (const args of cliWorkerCommands(seed, worker, scratch, round)) cliRuns.push(await runCliProcess(dataDir, args));
    }
  });
  await Promise.all([...hostLoops, ...cliLoops]);
  const elapsed = (performance.now() - started) / 1000;
  for (const host of hosts) await host.stop();

  const verify = await runCliProcess(dataDir, ['verify', '--log']);
  const db = new Database(join(dataDir, 'patchdesk.db'), { readonly: true });
  const entries = (db.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n;
  const forks = db.prepare('SELECT prev_hash FROM audit_log GROUP BY prev_hash HAVING COUNT(*) > 1').all().length;
  db.close();

  const failedCli = cliRuns.filter((run) => run.code !== 0);
  const byCommand = new Map<string, number>();
  for (const run of cliRuns) byCommand.set(run.args.slice(0, 2).join(' '), (byCommand.get(run.args.slice(0, 2).join(' ')) ?? 0) + 1);
  console.log(`elapsed                       ${elapsed.toFixed(1)} s (the last commands finish after the deadline)`);
  console.log(`CLI commands run              ${cliRuns.length} (${[...byCommand].map(([name, count]) => `${name} ${count}`).join(', ')})`);
  console.log(`CLI commands failed           ${failedCli.length}${failedCli[0] ? ` (first: ${failedCli[0].args.join(' ')}: ${failedCli[0].err.trim()})` : ''}`);
  hostCounts.forEach((counts, index) => console.log(`host ${index + 1} requests ok / failed    ${counts.ok} / ${counts.failed}${counts.firstError ? ` (first: ${counts.firstError})` : ''}`));
  console.log(`audit entries                 ${entries}, forks ${forks}`);
  console.log(`verify --log                  exit ${verify.code}: ${(verify.out || verify.err).trim()}`);
  process.exitCode = failedCli.length === 0 && hostCounts.every((counts) => counts.failed === 0) && verify.code === 0 && forks === 0 ? 0 : 1;
} finally {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
}
