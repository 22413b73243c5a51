/**
 * Issue 9's Deploy step when the ring's maintenance window is closed, in Chromium through the
 * real browser host (scripted package hosts, the application clock fixed with E2E_NOW, the page's
 * clock with it). The site's test ring may only be patched on Mondays 22:00-00:00 Berlin time; it
 * is Friday afternoon, two days before the clocks go back. Started, the rollout waits for the
 * window and says when the next one opens in the site's time zone (22:00 CET, not the 23:00 a
 * fixed summer-time offset would give); the admin can halt or cancel it, not start hosts early.
 * Halted and resumed, it waits again; another one is cancelled and its hosts skipped. Then the
 * host restarts on Monday just after 22:00 and the waiting rollout resumes by itself and completes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../electron/core/app-core';
import { fakeDebianCollection, hostAt10 } from '../electron/services/rollouts/testing/fake-collection';
import { call } from '../electron/test-support/test-core';
import { startE2eSession, type E2eSession } from './support/e2e-session';
import type { ScriptedHostSpec } from './support/scripted-rollout-host';

/** Friday 23 October 2026, 14:00 in Berlin (CEST, UTC+2). */
const NOW = '2026-10-23T12:00:00.000Z';
/** Monday 26 October, 22:00 in Berlin: CET (UTC+1) since Sunday. */
const OPENS_AT = '2026-10-26T21:00:00.000Z';
/** Half a minute into that window. */
const IN_WINDOW = '2026-10-26T21:00:30.000Z';
const TIME_ZONE = 'Europe/Berlin';

const HOSTS: ScriptedHostSpec[] = [
  { name: 'test-web', packages: ['lab-hello'] },
  { name: 'test-db', packages: ['lab-hello'] },
  { name: 'test-files', packages: ['lab-hello'] },
];
const SCRIPTED = JSON.stringify(HOSTS);
const ids = new Map<string, number>();
let e2e: E2eSession;
/** The route of the rollout left waiting by the first test. */
let waitingRoute = '';

/** Three collected hosts in the site's test ring, whose window is Mondays 22:00 for two hours. */
async function seed(core: AppCore): Promise<void> {
  const site = await call<{ id: number }>(core, 'sites:create', { name: 'Kanzlei Weber', timezone: TIME_ZONE });
  for (const spec of HOSTS) {
    const asset = await call<{ id: number }>(core, 'assets:create', { siteId: site.id, fields: { hostname: spec.name, deviceType: 'server', osFamily: 'linux' } });
    ids.set(spec.name, asset.id);
    core.services.patchStatus.storeCollection(asset.id, fakeDebianCollection(hostAt10(spec.name, spec.packages), '2026-10-23T06:00:00.000Z'), null);
  }
  await call(core, 'cycles:setRings', { siteId: site.id, assetIds: [...ids.values()], ring: 'test' });
  await call(core, 'cycles:setWindows', { siteId: site.id, windows: [{ ring: 'test', weekdays: ['mon'], start: '22:00', durationMinutes: 120 }] });
}

const hostList = (...names: string[]) => names.map((name) => ids.get(name)).join(',');

beforeAll(async () => {
  e2e = await startE2eSession({ owner: 'deploy-maintenance-window', seed: { at: '2026-10-23T06:00:00.000Z', run: seed }, host: { scriptedHosts: SCRIPTED, now: NOW } });
});
afterAll(() => e2e?.close());

describe('the Deploy step while the maintenance window is closed', () => {
  it('waits for the next window, names its opening in the site time zone, and offers halt and cancel, not resume', async () => {
    const { page, errors } = await e2e.openApp({ now: NOW, hash: `#/checklist/deploy/new/hosts-${hostList('test-web', 'test-db')}` });
    await page.getByTestId('deploy-plan-form').waitFor();
    expect(await page.getByTestId('deploy-ring-test').textContent()).toContain('test-db, test-web');
    await page.getByTestId('deploy-name').fill('Monday night');
    await page.getByTestId('deploy-preview').click();
    await page.locator('[data-testid="rollout-view"][data-state="previewed"]').waitFor();
    // The preview's slot, in the site's time: the window's next opening and when it closes.
    expect(await page.getByTestId('rollout-preview').locator('thead').textContent()).toContain(`Window slot (${TIME_ZONE})`);
    expect(await page.getByTestId('preview-host-test-web').getByTestId('preview-slot').textContent()).toBe('at 2026-10-26 22:00 (window closes 2026-10-27 00:00)');
    waitingRoute = new URL(page.url()).hash;
    await e2e.shotAtSizes(page, '73-deploy-window-preview');

    await page.getByTestId('rollout-approve').click();
    await page.locator('[data-testid="rollout-view"][data-state="approved"]').waitFor();
    await page.getByTestId('rollout-start').click();
    const wait = page.getByTestId('rollout-window-wait');
    await page.locator('[data-testid="rollout-view"][data-state="waiting"]').waitFor({ timeout: 30_000 });
    await wait.waitFor();
    expect(await wait.getAttribute('data-resume-at')).toBe(OPENS_AT);
    expect(await page.getByTestId('rollout-window-opens').textContent()).toBe(`2026-10-26 22:00 ${TIME_ZONE}`);
    expect(await wait.textContent()).toContain('Ring test is waiting for its maintenance window: the next one that fits opens at');
    expect(await page.getByTestId('rollout-state').textContent()).toBe('Waiting');
    for (const name of ['test-web', 'test-db']) expect(await page.getByTestId(`host-card-${name}`).getAttribute('data-state')).toBe('pending');
    // What the admin can do now: halt or cancel; nothing starts a host before the window.
    expect(await page.getByTestId('rollout-halt').isEnabled()).toBe(true);
    expect(await page.getByTestId('rollout-cancel').isEnabled()).toBe(true);
    for (const absent of ['rollout-resume', 'rollout-start', 'rollout-approve', 'rollout-rollback-all', 'rollout-gate']) expect(await page.getByTestId(absent).count(), absent).toBe(0);
    await e2e.shotAtSizes(page, '74-deploy-window-waiting');

    // The wait is stored: a reload shows it again.
    await page.reload();
    await page.locator('[data-testid="rollout-view"][data-state="waiting"]').waitFor();
    expect(await page.getByTestId('rollout-window-opens').textContent()).toBe(`2026-10-26 22:00 ${TIME_ZONE}`);

    // Halted, it no longer waits to start by itself; resumed, it waits for the same window again.
    await page.getByTestId('rollout-halt').click();
    await page.locator('[data-testid="rollout-view"][data-state="halted"]').waitFor();
    await page.locator('[data-testid="rollout-resume"]:not([disabled])').waitFor();
    expect(await wait.count()).toBe(0);
    expect(await page.getByTestId('rollout-reason').textContent()).toContain('halted by e2e-admin');
    await e2e.shotAtSizes(page, '75-deploy-window-halted');
    await page.getByTestId('rollout-resume').click();
    await page.locator('[data-testid="rollout-view"][data-state="waiting"]').waitFor({ timeout: 30_000 });
    await wait.waitFor();
    expect(await wait.getAttribute('data-resume-at')).toBe(OPENS_AT);
    expect(await page.getByTestId('rollout-resume').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('cancels a rollout that waits for the window: its hosts are skipped, none installed', async () => {
    const { page, errors } = await e2e.openApp({ now: NOW, hash: `#/checklist/deploy/new/hosts-${hostList('test-files')}` });
    await page.getByTestId('deploy-plan-form').waitFor();
    await page.getByTestId('deploy-name').fill('Files server');
    await page.getByTestId('deploy-preview').click();
    await page.locator('[data-testid="rollout-view"][data-state="previewed"]').waitFor();
    await page.getByTestId('rollout-approve').click();
    await page.locator('[data-testid="rollout-view"][data-state="approved"]').waitFor();
    await page.getByTestId('rollout-start').click();
    await page.locator('[data-testid="rollout-view"][data-state="waiting"]').waitFor({ timeout: 30_000 });
    await page.getByTestId('rollout-window-wait').waitFor();
    await page.getByTestId('rollout-cancel').click();
    await page.getByTestId('rollout-cancel-dialog').waitFor();
    await page.getByTestId('rollout-cancel-confirm').click();
    await page.locator('[data-testid="rollout-view"][data-state="cancelled"]').waitFor();
    expect(await page.getByTestId('host-card-test-files').getAttribute('data-state')).toBe('skipped');
    expect(await page.getByTestId('rollout-window-wait').count()).toBe(0);
    // A cancelled rollout waits for no gate any more.
    expect(await page.getByTestId('ring-columns').textContent()).not.toContain('Gate waits for');
    await e2e.shotAtSizes(page, '76-deploy-window-cancelled');
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('resumes by itself once the window has opened, and completes', async () => {
    // The host starts again half a minute into Monday's window; its first heartbeat finds the rollout due.
    await e2e.startHost({ scriptedHosts: SCRIPTED, now: IN_WINDOW });
    const { page, errors } = await e2e.openApp({ now: IN_WINDOW, hash: waitingRoute });
    await page.locator('[data-testid="rollout-view"][data-state="completed"]').waitFor({ timeout: 60_000 });
    for (const name of ['test-web', 'test-db']) expect(await page.getByTestId(`host-card-${name}`).getAttribute('data-state')).toBe('installed');
    expect(await page.getByTestId('rollout-window-wait').count()).toBe(0);
    await e2e.shotAtSizes(page, '77-deploy-window-opened');
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
