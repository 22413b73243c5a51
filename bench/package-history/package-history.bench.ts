/**
 * Cost per collection of package history on a 2,000-package host: a collection stored through
 * the collection store path (`PatchStatusService.storeCollection`, one write transaction) with
 * history, against the same path with the history write switched off (the code before history),
 * each on its own asset of one real SQLite file.
 *
 *   node bin/run-ts.mjs bench/package-history/package-history.bench.ts [-- PACKAGES [ROUNDS]]
 *
 * Per round: an unchanged collection, then one where 20 packages are upgraded. Prints median and
 * p90 milliseconds per collection and the history rows written.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openAppCore } from '../../electron/core/app-core';
import { fixedClock } from '../../electron/platform/clock';
import { PackageHistoryRepository } from '../../electron/db/repositories/package-history.repository';
import { debianCollection, type FixturePackage } from '../../electron/services/patch-status/package-history.fixtures';

const packages = Number(process.argv[2] ?? 2000);
const rounds = Number(process.argv[3] ?? 30);
const dataDir = mkdtempSync(join(tmpdir(), 'pdbench-history-'));
const start = Date.parse('2026-11-02T09:00:00.000Z');
const core = openAppCore({ dataDir, mode: 'cli', actor: 'bench', clock: fixedClock(new Date(start)) });

/** A channel through the dispatcher, so requests get the contract's defaults. */
async function call<T>(channel: string, request: unknown): Promise<T> {
  const result = await core.dispatcher.invoke(channel, request);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as T;
}

function host(round: number, upgraded: number): FixturePackage[] {
  return Array.from({ length: packages }, (_, index): FixturePackage => [`pkg${String(index).padStart(5, '0')}`, index < upgraded ? `1.${round}-1` : '1.0-1']);
}

async function measure(hostname: string): Promise<{ unchanged: number[]; upgraded: number[] }> {
  const site = core.services.sites.list()[0] ?? (await call<{ id: number }>('sites:create', { name: 'Bench', networks: [] }));
  const asset = await call<{ id: number }>('assets:create', { siteId: site.id, fields: { hostname } });
  const store = (index: number, list: FixturePackage[]) => {
    const began = performance.now();
    core.services.patchStatus.storeCollection(asset.id, debianCollection(new Date(start + index * 3_600_000).toISOString(), list), null);
    return performance.now() - began;
  };
  store(0, host(0, 0));
  const unchanged: number[] = [];
  const upgraded: number[] = [];
  for (let round = 1; round <= rounds; round++) {
    unchanged.push(store(2 * round - 1, host(round - 1, round === 1 ? 0 : 20)));
    upgraded.push(store(2 * round, host(round, 20)));
  }
  return { unchanged, upgraded };
}

const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))] ?? NaN;
const line = (label: string, values: number[]) => `${label.padEnd(44)} median ${quantile(values, 0.5).toFixed(2)} ms  p90 ${quantile(values, 0.9).toFixed(2)} ms`;

try {
  // "Before": the same path with the history write made a no-op (what storing cost before history).
  const record = PackageHistoryRepository.prototype.recordCollection;
  PackageHistoryRepository.prototype.recordCollection = () => ({ kind: 'appended', started: 0, ended: 0 });
  const before = await measure('before');
  PackageHistoryRepository.prototype.recordCollection = record;
  const after = await measure('after');
  const rows = core.db.prepare('SELECT COUNT(*) AS n FROM package_history').get() as { n: number };
  console.log(`package history bench: ${packages} packages, ${rounds} rounds (unchanged + 20 upgraded each)`);
  console.log(line('before history, unchanged collection', before.unchanged));
  console.log(line('with history, unchanged collection', after.unchanged));
  console.log(line('before history, 20 packages upgraded', before.upgraded));
  console.log(line('with history, 20 packages upgraded', after.upgraded));
  console.log(`history rows: ${rows.n} (${packages} first + ${rounds - 1} rounds x 20 upgrades + 20 = ${packages + 20 * rounds} expected)`);
} finally {
  await core.close();
  rmSync(dataDir, { recursive: true, force: true });
}
