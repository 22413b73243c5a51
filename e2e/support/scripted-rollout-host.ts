/**
 * Test-only entry point: the real browser host over a data folder, with rollouts reaching the
 * scripted package hosts of `electron/services/rollouts/testing/` instead of SSH, so an end-to-end
 * test can plan, run and roll back a rollout in Chromium without root or the package lab.
 *
 * Args: DATA_DIR. Env: E2E_SCRIPTED_HOSTS, a JSON list of `{ name, packages, breaksHealth?, needsReboot?, removes? }`;
 * E2E_WINDOWS_HOSTS (optional), a JSON list of simulated Windows hosts `{ name, updates }` (simulated-windows-hosts.ts);
 * E2E_NOW (optional), the application clock's start, as for clocked-host.ts (a maintenance window
 * closed or open whatever the wall clock says). Prints "Open: URL" like serve.ts.
 */
import { openAppCore } from '../../electron/core/app-core';
import { systemClock } from '../../electron/platform/clock';
import type { HostAccess } from '../../electron/services/rollouts/host-access';
import { fakeFleet, fakeHost } from '../../electron/services/rollouts/testing/fake-package-hosts';
import { clockFromEnvironment, serveTestCore } from './serve-test-host';
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
const clock = clockFromEnvironment();
// A scripted host's fresh collection is dated now by the application clock, as a real one is (the fake itself dates it 1970).
const dated: HostAccess = {
  ...fleet.access,
  async collect(asset, context) {
    const found = await fleet.access.collect(asset, context);
    return found.ok ? { ...found, at: (clock ?? systemClock).now().toISOString() } : found;
  },
};
const core = openAppCore({
  dataDir,
  mode: 'browser',
  actor: 'e2e-admin',
  ...(clock ? { clock } : {}),
  rolloutHosts: { access: windows.wrap(dated), family: (manager) => (manager === 'windows-update' ? windows.family : fleet.family) },
});
await serveTestCore(core, () => windows.close());
