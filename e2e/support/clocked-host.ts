/**
 * Test-only entry point: the real browser host over a data folder, with the application clock
 * started at `E2E_NOW` (an ISO instant) so an end-to-end test can let weeks pass between two starts
 * (an exception expiring, a checklist item becoming late). The product's own `serve.ts` has no
 * such switch: a clock that can be set would be a way to backdate evidence.
 *
 * Args: DATA_DIR. Prints "Open: URL" like serve.ts.
 */
import { resolve } from 'node:path';
import { openAppCore } from '../../electron/core/app-core';
import type { Clock } from '../../electron/platform/clock';
import { startHost } from '../../electron/host/host-server';

const [dataDir] = process.argv.slice(2);
const now = process.env['E2E_NOW'];
if (!dataDir || !now || Number.isNaN(Date.parse(now))) throw new Error('usage: E2E_NOW=ISO clocked-host.ts DATA_DIR');

// Starts at E2E_NOW and runs at real speed from there, so actions keep their order.
const offsetMs = Date.parse(now) - Date.now();
const clock: Clock = { now: () => new Date(Date.now() + offsetMs) };
const core = openAppCore({ dataDir, mode: 'browser', actor: 'e2e-admin', clock });
const host = await startHost({ core, port: 0, staticDir: resolve(import.meta.dirname, '../../dist/renderer') });
core.watchChanges();
console.log(`Open: ${host.openUrl}`);
const stop = async () => {
  await host.close();
  await core.close();
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
