/**
 * Several real processes writing to one data folder, as users do: a browser host (`serve.ts` in a
 * child process, called over HTTP with its session token; it owns the folder) and `patchdesk` CLI
 * processes, all with `--data-dir` on the same folder (they forward to the host over its socket). Used by the concurrency integration test (a bounded number
 * of operations) and by `bench/concurrency` (as many as fit in a time budget).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openAppCore } from '../core/app-core';

const REPO = resolve(fileURLToPath(new URL('../../', import.meta.url)));
const CLI = join(REPO, 'bin', 'patchdesk.mjs');
const RUN_TS = join(REPO, 'bin', 'run-ts.mjs');
const SERVE = join(REPO, 'electron', 'host', 'serve.ts');

/** The site every writer shares, and what the seed made in it. */
export interface SharedFolderSeed {
  dataDir: string;
  siteName: string;
  siteId: number;
  /** An asset exceptions can name. */
  assetName: string;
  /** Emergency cycles, each with an item nobody has ticked yet: one per tick operation. */
  tickTargets: { cycleId: number; itemKey: string }[];
}

/** What one process run printed and returned. */
export interface ProcessRun {
  args: string[];
  code: number | null;
  out: string;
  err: string;
}

/** Creates the shared site, an asset and `cycles` emergency cycles to tick, in this process. */
export async function seedSharedFolder(dataDir: string, cycles: number): Promise<SharedFolderSeed> {
  const core = openAppCore({ dataDir, mode: 'cli', actor: 'seed' });
  try {
    const call = async <T>(channel: string, request: unknown): Promise<T> => {
      const result = await core.dispatcher.invoke(channel, request);
      if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
      return result.value as T;
    };
    const site = await call<{ id: number; name: string }>('sites:create', { name: 'Shared', networks: ['192.0.2.0/24'] });
    await call('assets:create', { siteId: site.id, fields: { hostname: 'seed-host', addresses: ['192.0.2.1'] } });
    const deadline = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const tickTargets: SharedFolderSeed['tickTargets'] = [];
    for (let index = 0; index < cycles; index++) {
      const cycle = await call<{ id: number; items: { key: string }[] }>('cycles:openEmergency', { siteId: site.id, trigger: `CVE-2026-${10_000 + index}`, reason: 'load test', deadline });
      const first = cycle.items[0];
      if (!first) throw new Error('an emergency cycle has no checklist items');
      tickTargets.push({ cycleId: cycle.id, itemKey: first.key });
    }
    return { dataDir, siteName: site.name, siteId: site.id, assetName: 'seed-host', tickTargets };
  } finally {
    await core.close();
  }
}

/** Runs one `patchdesk --data-dir DIR ...` process to its end, as `actor` (its PATCHDESK_ACTOR). */
export function runCliProcess(dataDir: string, args: string[], actor = 'cli-load'): Promise<ProcessRun> {
  const child = spawn(process.execPath, [CLI, '--data-dir', dataDir, ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PATCHDESK_ACTOR: actor } });
  return collect(child, args);
}

function collect(child: ChildProcess, args: string[]): Promise<ProcessRun> {
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  return new Promise((resolvePromise, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolvePromise({ args, code, out, err }));
  });
}

/** The CLI commands of load worker `index`: each writes (and audits) something of its own. */
export function cliWorkerCommands(seed: SharedFolderSeed, index: number, scratchDir: string, round = 0): string[][] {
  const tag = `w${index}r${round}`;
  const csv = join(scratchDir, `${tag}.csv`);
  writeFileSync(csv, `hostname,ip\n${tag}-a,10.${index % 250}.${round % 250}.1\n${tag}-b,10.${index % 250}.${round % 250}.2\n`);
  const expires = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
  const kinds: string[][] = [
    ['site', 'add', `Load ${tag}`],
    ['import', 'csv', csv, '--site', seed.siteName],
    ['exception', 'add', '--site', seed.siteName, '--asset', seed.assetName, '--reason', `load ${tag}`, '--owner', 'Load Test', '--expires', expires],
  ];
  // The first workers (one per seeded cycle, first round only) tick a checklist item instead of one write.
  const target = round === 0 ? seed.tickTargets[index] : undefined;
  const first = target
    ? ['cycle', 'tick', '--site', seed.siteName, '--cycle', String(target.cycleId), '--item', target.itemKey, '--note', `ticked by ${tag}`]
    : (kinds[(index + 1) % kinds.length] as string[]);
  return [first, kinds[index % kinds.length] as string[]];
}

/** A browser host in its own process, and how to call it. */
export interface HostProcess {
  pid: number;
  invoke(channel: string, request: unknown): Promise<{ ok: boolean; error?: { code: string; message: string } }>;
  stop(): Promise<number | null>;
  /** SIGKILL: the host gets no chance to clean up (a crash). */
  kill(): Promise<void>;
}

/** Starts `serve.ts --data-dir DIR --port 0` and waits for the URL it prints. */
export function startHostProcess(dataDir: string): Promise<HostProcess> {
  const child = spawn(process.execPath, [RUN_TS, SERVE, '--data-dir', dataDir, '--port', '0'], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PATCHDESK_ACTOR: 'host-load' } });
  const exited = new Promise<number | null>((resolvePromise) => child.once('exit', (code) => resolvePromise(code)));
  let out = '';
  let err = '';
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  return new Promise((resolvePromise, reject) => {
    child.once('exit', (code) => reject(new Error(`the browser host exited (${code}) before it was ready: ${err}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const match = /Open: (http:\/\/127\.0\.0\.1:\d+\/)#token=(\S+)/.exec(out);
      if (!match) return;
      child.stdout?.removeAllListeners('data');
      child.stdout?.resume();
      const [, base, token] = match;
      resolvePromise({
        pid: child.pid ?? 0,
        async invoke(channel, request) {
          const response = await fetch(`${base}api/invoke/${channel}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify(request),
          });
          return (await response.json()) as { ok: boolean; error?: { code: string; message: string } };
        },
        async stop() {
          child.kill('SIGTERM');
          return exited;
        },
        async kill() {
          child.kill('SIGKILL');
          await exited;
        },
      });
    });
  });
}

/** The requests host `hostIndex` sends as its `index`-th operation: each writes and audits. */
export function hostRequest(seed: SharedFolderSeed, hostIndex: number, index: number): [string, unknown] {
  const tag = `h${hostIndex}n${index}`;
  if (index % 2 === 0) return ['assets:create', { siteId: seed.siteId, fields: { hostname: tag, addresses: [`172.${16 + hostIndex}.${Math.floor(index / 250) % 250}.${(index % 250) + 1}`] } }];
  return ['exceptions:create', { siteId: seed.siteId, scope: { kind: 'package', value: `pkg-${tag}` }, reason: `load ${tag}`, owner: 'Load Test', expiresAt: new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10) }];
}
