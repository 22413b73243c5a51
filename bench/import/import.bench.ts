/**
 * Import benchmark: a 10,000-asset CSV through the same service the UI and CLI use (preview,
 * then commit into a real SQLite file), then the same file again (every row matches an existing
 * asset). Target: under 3 s for the first import. Run: npm run bench:import [-- ROWS]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openAppCore } from '../../electron/core/app-core';
import { makeInventoryCsv } from '../support/inventory-csv';

const rows = Number(process.argv[2] ?? 10_000);
const dataDir = mkdtempSync(join(tmpdir(), 'patchdesk-bench-import-'));
try {
  const core = openAppCore({ dataDir, mode: 'cli', actor: 'bench' });
  const call = async (channel: string, request: unknown) => {
    const result = await core.dispatcher.invoke(channel, request);
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.value as never;
  };
  const site: { id: number } = await call('sites:create', { name: 'Bench' });
  const text = makeInventoryCsv(rows);

  const timed = async (label: string, run: () => Promise<unknown>) => {
    const started = performance.now();
    const value = await run();
    const ms = performance.now() - started;
    console.log(`${label.padEnd(34)} ${ms.toFixed(0).padStart(6)} ms`);
    return { value, ms };
  };

  console.log(`Import benchmark: ${rows.toLocaleString('en')} rows, ${(text.length / 1024 / 1024).toFixed(1)} MB of CSV, Node ${process.version}`);
  const preview = await timed('preview (sniff, header, mapping)', () => call('import:csvPreview', { text }));
  const { delimiter, hasHeader, suggestedMapping } = preview.value as { delimiter: string; hasHeader: boolean; suggestedMapping: object };
  const commit = { siteId: site.id, text, delimiter, hasHeader, mapping: suggestedMapping, fileName: 'bench.csv' };
  const first = await timed('first import (all new)', () => call('import:csvCommit', commit));
  const second = await timed('re-import (all matched)', () => call('import:csvCommit', commit));
  const listed = await timed('assets:list (all rows)', () => call('assets:list', { siteId: site.id }));
  console.log(`first: ${JSON.stringify({ ...(first.value as object), errors: (first.value as { errors: unknown[] }).errors.length })}`);
  console.log(`second: ${JSON.stringify({ ...(second.value as object), errors: (second.value as { errors: unknown[] }).errors.length })}`);
  console.log(`listed ${(listed.value as unknown[]).length} assets; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  const total = preview.ms + first.ms;
  console.log(`preview + first import: ${total.toFixed(0)} ms (target < 3000 ms): ${total < 3000 ? 'PASS' : 'MISS'}`);
  await core.close();
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
