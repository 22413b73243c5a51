/**
 * Test-only entry point: the real browser host over a data folder, with rollouts reaching the
 * scripted package hosts of `electron/services/rollouts/testing/` instead of SSH, so an end-to-end
 * test can plan, run and roll back a rollout in Chromium without root or the package lab.
 *
 * Args: DATA_DIR. Env: E2E_SCRIPTED_HOSTS, a JSON list of `{ name, packages, breaksHealth?, needsReboot?, removes? }`;
 * E2E_WINDOWS_HOSTS (optional), a JSON list of simulated Windows hosts `{ name, updates }` (simulated-windows-hosts.ts).
 * Prints "Open: URL" like serve.ts.
 */
import { resolve } from 'node:path';
import { openAppCore } from '../../electron/core/app-core';
import { startHost } from '../../electron/host/host-server';
import { fakeFleet, fakeHost } from '../../electron/services/rollouts/testing/fake-package-hosts';
import { startSimulatedWindowsHosts, type SimulatedWindowsSpec } from './simulated-windows-hosts';

/** One scripted host as the test describes it. */
export interface ScriptedHostSpec {
  name: string;
  packages: string[];
  breaksHealth?: string[];
  needsReboot?: string[];
  /** Packages apt would remove along with the upgrade (the preview refuses them). */
  removes?: string[];
}

const [dataDir] = process.argv.slice(2);
const specs = JSON.parse(process.env['E2E_SCRIPTED_HOSTS'] ?? '[]') as ScriptedHostSpec[];
if (!dataDir || specs.length === 0) throw new Error('usage: E2E_SCRIPTED_HOSTS=JSON scripted-rollout-host.ts DATA_DIR');

const fleet = fakeFleet(specs.map((spec) => fakeHost(spec.name, spec.packages, { breaksHealth: new Set(spec.breaksHealth ?? []), needsReboot: new Set(spec.needsReboot ?? []), removes: spec.removes ?? [] })));
const windowsSpecs = JSON.parse(process.env['E2E_WINDOWS_HOSTS'] ?? '[]') as SimulatedWindowsSpec[];
const windows = await startSimulatedWindowsHosts(windowsSpecs, () => core);
const core = openAppCore({ dataDir, mode: 'browser', actor: 'e2e-admin', rolloutHosts: { access: windows.wrap(fleet.access), family: (manager) => (manager === 'windows-update' ? windows.family : fleet.family) } });
const host = await startHost({ core, port: 0, staticDir: resolve(import.meta.dirname, '../../dist/renderer') });
core.watchChanges();
console.log(`Open: ${host.openUrl}`);
const stop = async () => {
  await host.close();
  await core.close();
  await windows.close();
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
