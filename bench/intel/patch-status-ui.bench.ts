/**
 * UI benchmark: the patch-status screen with CVE data for ASSETS assets, in Debian's Chromium
 * through the browser host, measured like bench/ui/asset-table.bench.ts measures the asset table.
 * The site is bench/intel/seed-site.ts's (30 pending updates per host, the Debian tracker, KEV and
 * EPSS imported) mapped before the host starts, so every host row has its CVE, KEV and EPSS
 * figures. The renderer measures from the render in which both the fleet and the site's
 * vulnerabilities have arrived to the commit that shows the rows
 * (`window.__patchdeskMetrics.patchStatusCveRenderMs`); we also time the click on "Patch status"
 * to that commit. Target: under 300 ms.
 *
 * Run: node bin/run-ts.mjs bench/intel/patch-status-ui.bench.ts [ASSETS]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser } from '../../e2e/support/browser';
import { startHostProcess } from '../../e2e/support/host-process';
import { openAppCore } from '../../electron/core/app-core';
import { ensureRendererBuilt } from '../../scripts/renderer-build.mjs';
import { importBenchFeeds, seedAssets } from './seed-site';

const assets = Number(process.argv[2] ?? 1_000);
const runs = 5;
const dataDir = mkdtempSync(join(tmpdir(), 'patchdesk-bench-patch-status-'));

type Metrics = { __patchdeskMetrics?: { patchStatusCveRenderMs?: number; patchStatusCveRenderRows?: number } };

async function seed(): Promise<{ updates: number; kev: number }> {
  const core = openAppCore({ dataDir, mode: 'cli', actor: 'bench' });
  try {
    const { siteId } = await seedAssets(core, assets);
    await importBenchFeeds(core);
    // A CLI-mode core maps on the read: the host starts with every asset's links current.
    const result = await core.dispatcher.invoke('triage:site', { siteId });
    if (!result.ok) throw new Error(result.error.message);
    const picture = result.value as { updates: { kev: boolean }[] };
    return { updates: picture.updates.length, kev: picture.updates.filter((update) => update.kev).length };
  } finally {
    await core.close();
  }
}

try {
  if (!ensureRendererBuilt({ quiet: true })) throw new Error('renderer build failed');
  const seeded = await seed();
  const host = await startHostProcess(dataDir);
  const browser = await launchBrowser();
  const render: number[] = [];
  const toRows: number[] = [];
  let rows = 0;
  const loadStart = loadavg()[0] ?? 0;
  try {
    for (let run = 0; run < runs; run++) {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      await page.goto(host.openUrl);
      await page.getByTestId('rail-patch-status').waitFor();
      const started = Date.now();
      await page.getByTestId('rail-patch-status').click();
      await page.waitForFunction(() => typeof (window as unknown as Metrics).__patchdeskMetrics?.patchStatusCveRenderMs === 'number', undefined, { timeout: 120_000 });
      toRows.push(Date.now() - started);
      const metrics = await page.evaluate(() => (window as unknown as Metrics).__patchdeskMetrics ?? {});
      render.push(metrics.patchStatusCveRenderMs ?? NaN);
      rows = metrics.patchStatusCveRenderRows ?? 0;
      if ((await page.getByTestId('fleet-kev').count()) === 0) throw new Error('no KEV badge on the screen: the CVE data did not render');
      await page.close();
    }
  } finally {
    await browser.close();
    await host.stop();
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
  console.log(`Patch status with CVE data, ${assets.toLocaleString('en')} assets (${rows.toLocaleString('en')} rows; ${seeded.updates.toLocaleString('en')} updates with CVEs, ${seeded.kev.toLocaleString('en')} of them KEV), ${runs} loads in headless Chromium, load average ${loadStart.toFixed(2)} at start, ${(loadavg()[0] ?? 0).toFixed(2)} at end`);
  console.log(`data arrived to rows with CVE columns committed: median ${median(render).toFixed(0)} ms (runs: ${render.map((value) => value.toFixed(0)).join(', ')}) target < 300 ms: ${median(render) < 300 ? 'PASS' : 'MISS'}`);
  console.log(`click on Patch status to those rows: median ${median(toRows)} ms (runs: ${toRows.join(', ')})`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
