/**
 * UI benchmark: the asset table's first render with 10,000 assets, in Debian's Chromium through
 * the browser host. The renderer measures from the moment the asset list arrives to the first
 * painted frame of the table (`window.__patchdeskMetrics.assetTableFirstRenderMs`); we also time
 * the whole page load to a visible table. Target: first render under 300 ms.
 * Run: node bin/run-ts.mjs bench/ui/asset-table.bench.ts [ROWS]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser } from '../../e2e/support/browser';
import { startHostProcess } from '../../e2e/support/host-process';
import { openAppCore } from '../../electron/core/app-core';
import { ensureRendererBuilt } from '../../scripts/renderer-build.mjs';
import { makeInventoryCsv } from '../support/inventory-csv';

const rows = Number(process.argv[2] ?? 10_000);
const runs = 5;
const dataDir = mkdtempSync(join(tmpdir(), 'patchdesk-bench-ui-'));

async function seed(): Promise<void> {
  const core = openAppCore({ dataDir, mode: 'cli', actor: 'bench' });
  const call = async (channel: string, request: unknown) => {
    const result = await core.dispatcher.invoke(channel, request);
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.value as never;
  };
  const site: { id: number } = await call('sites:create', { name: 'Bench' });
  const text = makeInventoryCsv(rows);
  const preview: { delimiter: string; hasHeader: boolean; suggestedMapping: object } = await call('import:csvPreview', { text });
  await call('import:csvCommit', { siteId: site.id, text, delimiter: preview.delimiter, hasHeader: preview.hasHeader, mapping: preview.suggestedMapping });
  await core.close();
}

try {
  if (!ensureRendererBuilt({ quiet: true })) throw new Error('renderer build failed');
  await seed();
  const host = await startHostProcess(dataDir);
  const browser = await launchBrowser();
  const firstRender: number[] = [];
  const toVisible: number[] = [];
  try {
    for (let run = 0; run < runs; run++) {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      const started = Date.now();
      await page.goto(host.openUrl);
      await page.waitForFunction(() => typeof (window as unknown as { __patchdeskMetrics?: { assetTableFirstRenderMs?: number } }).__patchdeskMetrics?.assetTableFirstRenderMs === 'number', undefined, { timeout: 60_000 });
      toVisible.push(Date.now() - started);
      firstRender.push(await page.evaluate(() => (window as unknown as { __patchdeskMetrics: { assetTableFirstRenderMs: number } }).__patchdeskMetrics.assetTableFirstRenderMs));
      await page.close();
    }
  } finally {
    await browser.close();
    await host.stop();
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
  console.log(`Asset table, ${rows.toLocaleString('en')} assets, ${runs} page loads in headless Chromium`);
  console.log(`first render of the table: median ${median(firstRender).toFixed(0)} ms (runs: ${firstRender.map((value) => value.toFixed(0)).join(', ')}) target < 300 ms: ${median(firstRender) < 300 ? 'PASS' : 'MISS'}`);
  console.log(`page load to table rendered: median ${median(toVisible)} ms (runs: ${toVisible.join(', ')})`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
