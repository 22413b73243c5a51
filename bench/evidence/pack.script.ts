/**
 * One evidence pack export in a fresh process, so its wall time and peak memory are the pack's
 * alone: open the data folder, build the PDF and data files for the period, sign and write the
 * ZIP, then print one JSON line with the figures. Used by evidence-pack.bench.ts, which runs it
 * from an esbuild bundle as the CLI runs (it also runs through bin/run-ts.mjs).
 *
 * Args: DATA_DIR SITE_ID FROM TO OUT_FILE NOW
 */
import { openAppCore } from '../../electron/core/app-core';
import { fixedClock } from '../../electron/platform/clock';

const [dataDir, siteId, from, to, out, now] = process.argv.slice(2);
if (!dataDir || !siteId || !from || !to || !out || !now) throw new Error('usage: pack.script.ts DATA_DIR SITE_ID FROM TO OUT_FILE NOW');

const cpuNow = () => (process.resourceUsage().userCPUTime + process.resourceUsage().systemCPUTime) / 1000;
const started = performance.now();
const core = openAppCore({ dataDir, mode: 'cli', actor: 'bench', clock: fixedClock(new Date(now)) });
const opened = performance.now();
const cpuOpened = cpuNow();
const record = await core.services.evidence.export(Number(siteId), from, to, out);
const exported = performance.now();
const cpuExported = cpuNow();
await core.close();
console.log(
  JSON.stringify({
    openMs: opened - started,
    exportMs: exported - opened,
    totalMs: exported - started,
    // CPU time (user + system) of this process: on a shared, loaded machine wall time mostly
    // measures the other jobs; CPU time is what the export itself cost.
    cpuMs: cpuNow(),
    // The export's own CPU time, from the open data folder to the written pack: without Node's
    // start, loading the modules and opening the database (its quick_check).
    exportCpuMs: cpuExported - cpuOpened,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    sizeBytes: record.sizeBytes,
    manifestSha256: record.manifestSha256,
  }),
);
