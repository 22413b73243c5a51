/**
 * Issue 9's Deploy step with a Windows host, in Chromium through the real browser host: a Linux
 * scripted host and a simulated Windows host (the WUA simulator behind a WinRM test listener,
 * driven by the real executor and task protocol) in one ring. Name a package and two KBs, preview
 * (titles, the pinned update, an uninstallable KB and a servicing stack update that is not),
 * approve, run, and see the Windows host card with its KBs installed after a reboot; roll it back
 * (one KB uninstalled, the servicing stack update refused). Nothing here ran against a real
 * Windows host.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostCollection } from '../shared/contract/patch-status';
import type { AppCore } from '../electron/core/app-core';
import { parseWindowsCollection } from '../electron/services/collect/collectors/windows-collection.parser';
import { WINDOWS_COLLECTOR_REMOTE_SCRIPT } from '../electron/services/collect/collectors/windows-collector.script';
import { simulateWindowsHost, type SimulatedUpdate } from '../electron/services/remote/winrm/test-support/windows-host-simulator';
import { fakeDebianCollection, hostAt10 } from '../electron/services/rollouts/testing/fake-collection';
import { call as invoke } from '../electron/test-support/test-core';
import { startE2eSession, type E2eSession } from './support/e2e-session';
import type { ScriptedHostSpec } from './support/scripted-rollout-host';
import type { SimulatedWindowsSpec } from './support/simulated-windows-hosts';

const LINUX: ScriptedHostSpec[] = [{ name: 'lin-web', packages: ['lab-hello'] }];
const update = (kb: string, title: string, extra: Partial<SimulatedUpdate> = {}): SimulatedUpdate => ({ kb, updateId: `0000${kb.slice(0, 4)}-1111-4222-8333-${kb.padStart(12, '0')}`, title, installed: false, isUninstallable: true, severity: 'Critical', ...extra });
const WINDOWS: SimulatedWindowsSpec[] = [
  {
    name: 'win-app',
    updates: [
      update('5034441', '2026-12 Cumulative Update for Windows Server 2022 for x64-based Systems (KB5034441)', { rebootRequired: true }),
      update('5034439', '2026-12 Servicing Stack Update for Windows Server 2022 for x64-based Systems (KB5034439)', { isUninstallable: false, severity: 'Important' }),
    ],
  },
];
const ids = new Map<string, number>();

let e2e: E2eSession;

/** The Windows host's first collection: Patchdesk's collector output as the simulated host prints it, parsed as any collection is. */
function windowsCollection(spec: SimulatedWindowsSpec, at: string): HostCollection {
  const printed = simulateWindowsHost({ updates: spec.updates.map((each) => ({ ...each })), pollsUntilResult: 0, hostname: spec.name.toUpperCase() }).behave(WINDOWS_COLLECTOR_REMOTE_SCRIPT);
  const parsed = parseWindowsCollection(printed.stdout ?? '', { collectedAt: at, method: 'winrm' });
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
}

async function seed(core: AppCore): Promise<void> {
  const site = await invoke<{ id: number }>(core, 'sites:create', { name: 'Kanzlei Weber', timezone: 'Europe/Berlin' });
  const now = new Date().toISOString();
  for (const spec of LINUX) {
    const asset = await invoke<{ id: number }>(core, 'assets:create', { siteId: site.id, fields: { hostname: spec.name, deviceType: 'server', osFamily: 'linux' } });
    ids.set(spec.name, asset.id);
    core.services.patchStatus.storeCollection(asset.id, fakeDebianCollection(hostAt10(spec.name, spec.packages), now), null);
  }
  for (const spec of WINDOWS) {
    const asset = await invoke<{ id: number }>(core, 'assets:create', { siteId: site.id, fields: { hostname: spec.name, deviceType: 'server', osFamily: 'windows', access: { method: 'winrm', port: 5985, username: '' } } });
    ids.set(spec.name, asset.id);
    core.services.patchStatus.storeCollection(asset.id, windowsCollection(spec, now), null);
  }
  await invoke(core, 'cycles:setRings', { siteId: site.id, assetIds: [...ids.values()], ring: 'test' });
}

async function shot(page: Page, name: string): Promise<void> {
  await e2e.shot(page, name);
}

beforeAll(async () => {
  e2e = await startE2eSession({ owner: 'deploy-windows', seed: { run: seed }, host: { scriptedHosts: JSON.stringify(LINUX), windowsHosts: JSON.stringify(WINDOWS) } });
});
afterAll(() => e2e?.close());

describe('the Deploy step with a Windows host', () => {
  it('plans a package and two KBs for a Linux and a Windows host in one ring, previews titles and rollback, runs it and shows the Windows host card with its KBs', async () => {
    const { page, errors } = await e2e.openApp();
    await page.evaluate((list) => (window.location.hash = `#/checklist/deploy/new/hosts-${list}`), [...ids.values()].join(','));
    await page.getByTestId('deploy-plan-form').waitFor();
    expect(await page.getByTestId('deploy-ring-test').textContent()).toContain('win-app');
    await page.getByTestId('deploy-name').fill('December: Windows and Linux');
    await page.getByTestId('deploy-selection').getByRole('radio', { name: 'Named packages or KBs' }).click();
    await page.getByTestId('deploy-packages').fill('lab-hello');
    await page.getByTestId('deploy-kbs').fill('KB5034441, kb5034439');
    await shot(page, '90-deploy-windows-plan');

    await page.getByTestId('deploy-preview').click();
    await page.locator('[data-testid="rollout-view"][data-state="previewed"]').waitFor({ timeout: 60_000 });
    const preview = (await page.getByTestId('preview-host-win-app').textContent()) ?? '';
    expect(preview).toContain('KB5034441 2026-12 Cumulative Update for Windows Server 2022');
    expect(preview).toContain('update 00005034-1111-4222-8333-000005034441@200');
    expect(preview).toContain('Not possible KB5034439: Windows marks KB5034439 not uninstallable (a servicing stack update');
    expect(await page.getByTestId('preview-host-lin-web').textContent()).toContain('lab-hello 1.0 → 1.1');
    await shot(page, '91-deploy-windows-preview');

    await page.getByTestId('rollout-approve').click();
    await page.locator('[data-testid="rollout-view"][data-state="approved"]').waitFor();
    await page.getByTestId('rollout-start').click();
    await page.locator('[data-testid="rollout-view"][data-state="completed"]').waitFor({ timeout: 60_000 });
    const card = page.getByTestId('host-card-win-app');
    expect(await card.getAttribute('data-state')).toBe('installed');
    const kbs = (await card.getByTestId('host-kbs').textContent()) ?? '';
    expect(kbs).toContain('KB5034441 2026-12 Cumulative Update for Windows Server 2022 for x64-based Systems (KB5034441) installed');
    expect(kbs).toContain('KB5034439 2026-12 Servicing Stack Update for Windows Server 2022 for x64-based Systems (KB5034439) installed, no uninstall');
    expect(await card.textContent()).toContain('Rebooted');
    expect(await page.getByTestId('host-card-lin-web').getAttribute('data-state')).toBe('installed');
    await shot(page, '92-deploy-windows-completed');

    // Rolling the Windows host back: the cumulative update is uninstalled, the servicing stack update cannot be.
    await page.getByTestId('rollback-host-win-app').click();
    await page.getByTestId('rollout-rollback-dialog').waitFor();
    await page.getByTestId('rollout-rollback-confirm').click();
    await page.locator('[data-testid="host-card-win-app"][data-state="rollback_failed"]').waitFor({ timeout: 60_000 });
    const rolledBack = (await card.textContent()) ?? '';
    expect(rolledBack).toContain('rollback not possible: KB5034439 cannot be uninstalled: Windows marks it not uninstallable; nothing was done to it; KB5034441 uninstalled');
    expect(await card.getByTestId('host-kbs').textContent()).toContain('(KB5034441) not installed');
    await shot(page, '93-deploy-windows-rollback');
    expect(errors).toEqual([]);
  }, 180_000);
});
