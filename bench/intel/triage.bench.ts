/**
 * Triage benchmark: the site of bench/intel/seed-site.ts (ASSETS Debian bookworm hosts, 400
 * installed packages and 30 pending updates each; the Debian tracker, a 1,400-entry KEV catalogue
 * and EPSS imported through the real importers). Then, through the dispatcher the UI and CLI use:
 *
 *   - the first `triage:site` after the imports: maps every asset (cold);
 *   - `triage:run` for a CVE that affects most hosts, ten times (mapping current): target < 1 s;
 *   - `triage:site` warm (the patch-status CVE columns and the overview headline).
 *
 * Run: node bin/run-ts.mjs bench/intel/triage.bench.ts [ASSETS]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openAppCore } from '../../electron/core/app-core';
import { fixedClock } from '../../electron/platform/clock';
import { benchTracker, cve, importBenchFeeds, PENDING, PER_HOST, seedAssets, source, SOURCES } from './seed-site';

const assets = Number(process.argv[2] ?? 1_000);
const RUNS = 10;

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

const dataDir = mkdtempSync(join(tmpdir(), 'patchdesk-bench-triage-'));
const core = openAppCore({ dataDir, mode: 'cli', clock: fixedClock(new Date('2026-11-02T09:00:00.000Z')) });
async function call<T>(channel: string, request: unknown): Promise<T> {
  const result = await core.dispatcher.invoke(channel, request);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as T;
}

try {
  console.log(`Triage benchmark: ${assets.toLocaleString('en')} assets, ${PER_HOST} packages and ${PENDING} pending updates each, ${SOURCES} source packages in the tracker, Node ${process.version}, load average ${(loadavg()[0] ?? 0).toFixed(2)}`);
  const seedStarted = performance.now();
  const site = { id: (await seedAssets(core, assets)).siteId };
  await importBenchFeeds(core);
  const tracker = benchTracker();
  console.log(`seeded and imported in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);

  let started = performance.now();
  const first = await call<{ updates: unknown[]; kevMissing: unknown[] }>('triage:site', { siteId: site.id });
  console.log(`triage:site, cold (maps every asset): ${(performance.now() - started).toFixed(0)} ms; ${first.updates.length.toLocaleString('en')} updates with CVEs, ${first.kevMissing.length} KEV CVEs still missing`);

  // A newer tracker file: every asset is remapped, but only the links that changed are written.
  tracker[source(1)] = { [cve(1, 0)]: { releases: { bookworm: { status: 'resolved', repositories: { bookworm: '1.0-1' }, fixed_version: '1.0-1+deb12u1', urgency: 'high' } } } };
  await call('intel:import', { fileName: 'tracker-2.json', base64: Buffer.from(JSON.stringify(tracker)).toString('base64') });
  started = performance.now();
  await call('triage:site', { siteId: site.id });
  console.log(`triage:site after a new tracker file (remaps every asset, writes only changes): ${(performance.now() - started).toFixed(0)} ms`);

  // src0000 sits on most hosts: the widest triage.
  // CPU time beside wall time: on a shared machine the wall time measures the neighbours too.
  const wall: number[] = [];
  const cpu: number[] = [];
  let affected = 0;
  for (let run = 0; run < RUNS; run++) {
    started = performance.now();
    const cpuStart = process.cpuUsage();
    const result = await call<{ counts: { affected: number } }>('triage:run', { siteId: site.id, id: cve(0, 0) });
    const used = process.cpuUsage(cpuStart);
    wall.push(performance.now() - started);
    cpu.push((used.user + used.system) / 1000);
    affected = result.counts.affected;
  }
  console.log(`triage:run ${cve(0, 0)} (${affected} of ${assets} assets affected): median ${median(wall).toFixed(0)} ms wall (min ${Math.min(...wall).toFixed(0)}, max ${Math.max(...wall).toFixed(0)}), median ${median(cpu).toFixed(0)} ms CPU (target < 1000 ms)`);
  const warm: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    started = performance.now();
    await call('triage:site', { siteId: site.id });
    warm.push(performance.now() - started);
  }
  console.log(`triage:site, warm: median ${median(warm).toFixed(0)} ms; load average ${(loadavg()[0] ?? 0).toFixed(2)} at the end`);
} finally {
  await core.close();
  rmSync(dataDir, { recursive: true, force: true });
}
