/**
 * Test-only entry point: the real browser host over a data folder, with the application clock
 * started at `E2E_NOW` (an ISO instant) so an end-to-end test can let weeks pass between two starts
 * (an exception expiring, a checklist item becoming late). The product's own `serve.ts` has no
 * such switch: a clock that can be set would be a way to backdate evidence.
 *
 * Args: DATA_DIR. Prints "Open: URL" like serve.ts.
 */
import { openAppCore } from '../../electron/core/app-core';
import { clockFromEnvironment, serveTestCore } from './serve-test-host';

const [dataDir] = process.argv.slice(2);
const clock = clockFromEnvironment();
if (!dataDir || !clock) throw new Error('usage: E2E_NOW=ISO clocked-host.ts DATA_DIR');

await serveTestCore(openAppCore({ dataDir, mode: 'browser', actor: 'e2e-admin', clock }));
