/**
 * What the test-only host entry points (`clocked-host.ts`, `scripted-rollout-host.ts`) share: the
 * application clock an end-to-end test fixes with `E2E_NOW`, and serving a core as `serve.ts`
 * does (a free port on 127.0.0.1, "Open: URL" printed, a clean stop on SIGINT or SIGTERM).
 */
import { resolve } from 'node:path';
import type { AppCore } from '../../electron/core/app-core';
import type { Clock } from '../../electron/platform/clock';
import { startHost } from '../../electron/host/host-server';

/**
 * The clock `E2E_NOW` (an ISO instant) asks for, or undefined when it is not set. It starts at that
 * instant and runs at real speed from there, so actions keep their order; a test picks an instant
 * far enough from anything it checks that the seconds it runs for do not matter.
 */
export function clockFromEnvironment(): Clock | undefined {
  const now = process.env['E2E_NOW'];
  if (now === undefined) return undefined;
  if (Number.isNaN(Date.parse(now))) throw new Error(`E2E_NOW is not an ISO instant: "${now}"`);
  const offsetMs = Date.parse(now) - Date.now();
  return { now: () => new Date(Date.now() + offsetMs) };
}

/** Serves `core` on a free loopback port, prints its URL, and on a signal closes the host, the core, then `closeMore`. */
export async function serveTestCore(core: AppCore, closeMore: () => Promise<void> = async () => undefined): Promise<void> {
  const host = await startHost({ core, port: 0, staticDir: resolve(import.meta.dirname, '../../dist/renderer') });
  core.watchChanges();
  console.log(`Open: ${host.openUrl}`);
  const stop = async () => {
    await host.close();
    await core.close();
    await closeMore();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}
