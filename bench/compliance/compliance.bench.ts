/**
 * Compliance benchmark: a site of 1,000 assets with 12 months of weekly collections (see
 * seed.ts), then, through the same dispatcher the UI and CLI use, `compliance:summary` (the
 * dashboard: the 30 days ending now and the 12-month trend), `compliance:report` for the last
 * whole month (the evidence pack's data) and `status:fleet` (overdue counts per asset).
 *
 * Each is timed ten times; the table gives the median, min and max wall time and the median CPU
 * time. The summary's first call is shown on its own: it reads the 12 months of history the
 * later calls find in the trend cache. Target: summary median < 100 ms.
 *
 * Run: npm run bench:compliance [-- ASSETS [MONTHS]]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openAppCore } from '../../electron/core/app-core';
import { fixedClock } from '../../electron/platform/clock';
import type { ComplianceSeedResult } from './seed';

const assets = Number(process.argv[2] ?? 1_000);
const months = Number(process.argv[3] ?? 12);
const RUNS = 10;
const END = '2026-11-02T09:00:00.000Z';

interface Timing {
  label: string;
  wall: number[];
  cpu: number[];
  note: string;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

const dataDir = mkdtempSync(join(tmpdir(), 'patchdesk-bench-compliance-'));
try {
  console.log(`Compliance benchmark: ${assets.toLocaleString('en')} assets, ${months} months of history, Node ${process.version}`);
  // Seeded in a child process, so this one's peak RSS is the queries'.
  const here = dirname(fileURLToPath(import.meta.url));
  const seedStarted = performance.now();
  const output = execFileSync(process.execPath, [join(here, '../../bin/run-ts.mjs'), join(here, 'seed.script.ts'), dataDir, String(assets), String(months), END], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const seeded = JSON.parse(output.trim().split('\n').pop() ?? '{}') as ComplianceSeedResult;
  console.log(`seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s (child process): ${JSON.stringify(seeded.counts)}`);

  // The default (no response checks), as the desktop app runs; the clock is the seed's end.
  const core = openAppCore({ dataDir, mode: 'cli', actor: 'bench', clock: fixedClock(new Date(END)) });
  const call = async (channel: string, request: unknown): Promise<{ wall: number; cpu: number; value: unknown }> => {
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const result = await core.dispatcher.invoke(channel, request);
    const wall = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return { wall, cpu: (cpu.user + cpu.system) / 1000, value: result.value };
  };
  const timed = async (label: string, channel: string, request: unknown, note: string): Promise<Timing> => {
    const timing: Timing = { label, wall: [], cpu: [], note };
    for (let run = 0; run < RUNS; run++) {
      const { wall, cpu } = await call(channel, request);
      timing.wall.push(wall);
      timing.cpu.push(cpu);
    }
    return timing;
  };

  const summaryRequest = { siteId: seeded.siteId };
  const first = await call('compliance:summary', summaryRequest);
  const summary = first.value as { site: { assets: { total: number }; missing: { total: number; overdue: number }; breaches: number }; trend: unknown[] };
  const timings: Timing[] = [
    { label: 'compliance:summary, first call', wall: [first.wall], cpu: [first.cpu], note: 'reads 12 months, fills the trend cache' },
    await timed('compliance:summary', 'compliance:summary', summaryRequest, `${summary.site.missing.total} missing, ${summary.site.missing.overdue} overdue, ${summary.site.breaches} breaches, ${summary.trend.length} trend points`),
    await timed('compliance:report (October)', 'compliance:report', { siteId: seeded.siteId, from: '2026-10-01', to: '2026-10-31' }, 'every breach and asset row'),
    await timed('status:fleet', 'status:fleet', { siteId: seeded.siteId }, 'with overdue/excepted per asset'),
  ];
  const report = (await call('compliance:report', { siteId: seeded.siteId, from: '2026-10-01', to: '2026-10-31' })).value as { breaches: unknown[]; assets: unknown[] };

  console.log('');
  console.log(`${'call'.padEnd(32)} ${'median'.padStart(8)} ${'min'.padStart(8)} ${'max'.padStart(8)} ${'cpu'.padStart(8)}  note`);
  for (const timing of timings) {
    const cells = [median(timing.wall), Math.min(...timing.wall), Math.max(...timing.wall), median(timing.cpu)].map((ms) => `${ms.toFixed(1)} ms`.padStart(8));
    console.log(`${timing.label.padEnd(32)} ${cells.join(' ')}  ${timing.note}`);
  }
  console.log('');
  console.log(`report: ${report.breaches.length} breaches, ${report.assets.length} asset rows, ${(JSON.stringify(report).length / 1024 / 1024).toFixed(1)} MB of JSON`);
  console.log(`peak RSS of this process (open, migrate, all calls above) ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  const summaryMedian = median(timings[1]?.wall ?? [Infinity]);
  console.log(`compliance:summary median ${summaryMedian.toFixed(1)} ms (target < 100 ms): ${summaryMedian < 100 ? 'PASS' : 'MISS'}`);
  await core.close();
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
