/**
 * Mapping benchmark: the first CVE mapping of a site of ASSETS hosts (bench/intel/seed-site.ts:
 * 400 installed packages and 30 pending updates each, the Debian tracker, KEV and EPSS imported),
 * as the `cve-mapping` job does it: `CveMappingService.remap` in batches of MAPPING_BATCH_SIZE, one
 * write transaction each. Reports wall and CPU time, the links written and a SHA-256 over every
 * link and mapping state (sorted), so two builds can be checked to map identically.
 *
 * Run: node bin/run-ts.mjs bench/intel/mapping.bench.ts [ASSETS]
 *      PATCHDESK_BENCH_PROFILE=map.cpuprofile node bin/run-ts.mjs bench/intel/mapping.bench.ts 200   # where the time goes
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadavg } from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openAppCore } from '../../electron/core/app-core';
import { fixedClock } from '../../electron/platform/clock';
import { MAPPING_BATCH_SIZE } from '../../electron/services/intel/mapping/cve-mapping-jobs';
import { importBenchFeeds, PENDING, PER_HOST, seedAssets } from './seed-site';

const assets = Number(process.argv[2] ?? 1_000);
const dataDir = mkdtempSync(join(tmpdir(), 'patchdesk-bench-mapping-'));
// CLI mode: no job starts on its own; nothing reads the site before the bench maps it, in the job's batches.
const core = openAppCore({ dataDir, mode: 'cli', clock: fixedClock(new Date('2026-11-02T09:00:00.000Z')) });

try {
  console.log(`Mapping benchmark: ${assets.toLocaleString('en')} assets, ${PER_HOST} packages and ${PENDING} pending updates each, Node ${process.version}`);
  const { siteId } = await seedAssets(core, assets);
  await importBenchFeeds(core);
  const mapping = core.services.cveMapping;
  const stale = mapping.staleAssets(siteId, { force: true });
  // PATCHDESK_BENCH_PROFILE=FILE writes a CPU profile of the mapping alone (open it in Chrome's DevTools).
  const profileFile = process.env.PATCHDESK_BENCH_PROFILE;
  const session = profileFile ? new Session() : null;
  if (session) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  const load = loadavg()[0] ?? 0;
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  for (let start = 0; start < stale.length; start += MAPPING_BATCH_SIZE) mapping.remap(stale.slice(start, start + MAPPING_BATCH_SIZE));
  const cpu = process.cpuUsage(cpuStart);
  const wall = performance.now() - started;
  if (session && profileFile) {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(profileFile, JSON.stringify(profile));
    session.disconnect();
  }
  const links = core.db.prepare('SELECT asset_id, cve_id, kind, package, source_package, installed_version, fixed_version, pending_update_id, advisory_id, source, feed_id FROM cve_links ORDER BY asset_id, cve_id, package').all();
  const states = core.db.prepare('SELECT asset_id, collection_id, feeds_key, status, distribution, sources, reason, link_count, not_offered_count, no_fix_count FROM cve_mapping_state ORDER BY asset_id').all();
  const digest = createHash('sha256').update(JSON.stringify([links, states])).digest('hex');
  console.log(`first mapping of ${stale.length.toLocaleString('en')} assets: ${(wall / 1000).toFixed(2)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s CPU (load average ${load.toFixed(2)} at start, ${(loadavg()[0] ?? 0).toFixed(2)} at end)`);
  console.log(`${links.length.toLocaleString('en')} links, ${states.length} states, digest ${digest}`);
} finally {
  await core.close();
  rmSync(dataDir, { recursive: true, force: true });
}
