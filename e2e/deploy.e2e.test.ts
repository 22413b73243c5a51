/**
 * Issue 9's Deploy step as a user walks it, in Chromium through the real browser host, whose
 * rollouts reach the scripted package hosts of electron/services/rollouts/testing (the real lab
 * needs root and mmdebstrap; rollouts.lab.test.ts runs the same service there). Plan from the
 * site's rings, preview (pinned versions), approve, start, approve the gates as the rings finish,
 * see the pilot host whose health check fails rolled back, reload, and find it in the history.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostCollection } from '../shared/contract/patch-status';
import { openAppCore, type AppCore } from '../electron/core/app-core';
import { makeTempDir, removeTempDirs } from '../electron/test-support/temp-dir';
import { fakeDebianCollection, hostAt10 } from '../electron/services/rollouts/testing/fake-collection';
import { HEALTH_COMMAND, HOLD_PREFIX } from '../electron/services/rollouts/testing/fake-package-hosts';
import { launchBrowser } from './support/browser';
import { startHostProcess, type HostProcess } from './support/host-process';
import type { ScriptedHostSpec } from './support/scripted-rollout-host';

const shots = fileURLToPath(new URL('./screenshots/', import.meta.url));

const HOSTS: ScriptedHostSpec[] = [
  { name: 'test-web', packages: ['lab-hello'] },
  { name: 'test-db', packages: ['lab-hello', 'lab-needs-reboot'], needsReboot: ['lab-needs-reboot'] },
  { name: 'pilot-app', packages: ['lab-hello', 'lab-breaks-check'], breaksHealth: ['lab-breaks-check'] },
  { name: 'pilot-files', packages: ['lab-hello'] },
  { name: 'broad-desk', packages: ['lab-hello'] },
  { name: 'legacy-erp', packages: ['lab-hello'], removes: ['libimportant1'] },
];
/** Hosts the live-controls test holds mid-step (not in any site ring: broad). */
const HELD: ScriptedHostSpec[] = [
  { name: 'held-a', packages: ['lab-hello'] },
  { name: 'held-b', packages: ['lab-hello'] },
];
/** A host whose update belongs to an advisory (planned from its triage), and a switch (a manual step). */
const FIXING: ScriptedHostSpec = { name: 'fix-web', packages: ['lab-hello'] };
const ADVISORY = 'DSA-5800-1';
const SWITCH = 'core-sw';
const RING_OF: Record<string, 'test' | 'pilot' | 'broad'> = { 'test-web': 'test', 'test-db': 'test', 'pilot-app': 'pilot', 'pilot-files': 'pilot', 'broad-desk': 'broad', 'legacy-erp': 'broad' };
/** Asset ids by host name, as the seed created them. */
const ids = new Map<string, number>();

/** A scripted host's collection: lab-hello's 1.1 is not a security fix, except on the host that fixes the advisory. */
const collection = (spec: ScriptedHostSpec, at: string): HostCollection =>
  fakeDebianCollection(hostAt10(spec.name, spec.packages), at, { security: (name) => name !== 'lab-hello' || spec === FIXING, advisories: () => (spec === FIXING ? [ADVISORY] : []) });

let browser: Browser;
let host: HostProcess | undefined;
let dataDir: string;

async function invoke<T>(core: AppCore, channel: string, request: unknown): Promise<T> {
  const result = await core.dispatcher.invoke(channel, request);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as T;
}

/** A site with five collected Linux hosts, placed in the test, pilot and broad rings. */
async function seed(): Promise<void> {
  const core = openAppCore({ dataDir, mode: 'cli', actor: 'seed' });
  const site = await invoke<{ id: number }>(core, 'sites:create', { name: 'Kanzlei Weber', timezone: 'Europe/Berlin' });
  const now = new Date().toISOString();
  for (const spec of [...HOSTS, ...HELD, FIXING]) {
    const asset = await invoke<{ id: number }>(core, 'assets:create', { siteId: site.id, fields: { hostname: spec.name, deviceType: 'server', osFamily: 'linux' } });
    ids.set(spec.name, asset.id);
    core.services.patchStatus.storeCollection(asset.id, collection(spec, now), null);
    const ring = RING_OF[spec.name] ?? 'broad';
    if (ring !== 'broad') await invoke(core, 'cycles:setRings', { siteId: site.id, assetIds: [asset.id], ring });
  }
  const sw = await invoke<{ id: number }>(core, 'assets:create', { siteId: site.id, fields: { hostname: SWITCH, deviceType: 'network-device' } });
  ids.set(SWITCH, sw.id);
  core.services.patchStatus.storeCollection(sw.id, { ...collection({ name: SWITCH, packages: [] }, now), platform: 'network-device', packageManager: '', os: { id: 'ios', name: 'Cisco IOS', version: '15.2(7)E8', build: '' }, device: { vendor: 'Cisco', model: 'C2960X', serial: 'FOC1234', osName: 'IOS', osVersion: '15.2(7)E8' } }, null);
  await core.close();
}

async function shots2(page: Page, name: string): Promise<void> {
  for (const [width, height] of [
    [1920, 1080],
    [1280, 720],
    [1440, 900],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: `${shots}${name}-${width}.png`, fullPage: false });
  }
}

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  dataDir = makeTempDir('patchdesk-e2e-deploy-');
  await seed();
  browser = await launchBrowser();
  host = await startHostProcess(dataDir, { scriptedHosts: JSON.stringify([...HOSTS, ...HELD, FIXING]) });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  removeTempDirs();
});

describe('the Deploy step', () => {
  it('shows a refused preview (a removal nobody approved), cannot approve it, and cancels it', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(host?.openUrl ?? '');
    // As Patch status's "Deploy…" opens it for the selected hosts.
    await page.evaluate((id) => (window.location.hash = `#/checklist/deploy/new/hosts-${id}`), ids.get('legacy-erp'));
    await page.getByTestId('deploy-plan-form').waitFor();
    expect(await page.getByTestId('deploy-rings').textContent()).toContain('legacy-erp');
    await page.getByTestId('deploy-name').fill('ERP only');
    await page.getByTestId('deploy-preview').click();
    await page.getByTestId('rollout-refused').waitFor();
    expect(await page.getByTestId('preview-host-legacy-erp').textContent()).toContain('libimportant1');
    expect(await page.getByTestId('rollout-approve').count()).toBe(0);
    await shots2(page, '59-deploy-refused');
    await page.getByTestId('rollout-cancel').click();
    await page.getByTestId('rollout-cancel-dialog').waitFor();
    expect(await page.getByTestId('rollout-cancel-dialog').textContent()).toContain('nothing is killed mid-dpkg');
    await page.getByTestId('rollout-cancel-confirm').click();
    await page.locator('[data-testid="rollout-view"][data-state="cancelled"]').waitFor();
    await page.close();
  }, 60_000);

  it('plans, previews, approves, runs three rings with gates, rolls back the failed host and lists it in the history', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(host?.openUrl ?? '');
    await page.evaluate(() => (window.location.hash = '#/checklist/deploy'));
    await page.getByTestId('deploy-home').waitFor();
    await page.getByTestId('deploy-new').click();
    // Every host but the refused one.
    const chosen = HOSTS.filter((spec) => spec.name !== 'legacy-erp').map((spec) => ids.get(spec.name)).join(',');
    await page.evaluate((list) => (window.location.hash = `#/checklist/deploy/new/hosts-${list}`), chosen);

    const form = page.getByTestId('deploy-plan-form');
    await form.waitFor();
    expect(await page.getByTestId('deploy-ring-test').textContent()).toContain('test-db, test-web');
    expect(await page.getByTestId('deploy-ring-pilot').textContent()).toContain('pilot-app, pilot-files');
    expect(await page.getByTestId('deploy-ring-broad').textContent()).toContain('broad-desk');
    await page.getByTestId('deploy-name').fill('December updates');
    await page.getByTestId('deploy-add-post').click();
    await page.getByTestId('deploy-post-kind-0').selectOption('command');
    await page.getByTestId('deploy-post-command-0').fill(HEALTH_COMMAND);
    await shots2(page, '60-deploy-plan');

    await page.getByTestId('deploy-preview').click();
    const view = page.getByTestId('rollout-view');
    await page.locator('[data-testid="rollout-view"][data-state="previewed"]').waitFor();
    const testDb = await page.getByTestId('preview-host-test-db').textContent();
    expect(testDb).toContain('lab-needs-reboot 1.0 → 1.1');
    expect(testDb).toContain('Possible (repository)');
    expect(await page.getByTestId('rollout-refused').count()).toBe(0);
    await shots2(page, '61-deploy-preview');

    await page.getByTestId('rollout-approve').click();
    await page.locator('[data-testid="rollout-view"][data-state="approved"]').waitFor();
    expect(await page.getByTestId('rollout-approved').textContent()).toContain('e2e-admin');

    await page.getByTestId('rollout-start').click();
    // The test ring's gate asks for a person.
    await page.getByTestId('rollout-gate').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('host-card-test-db').getAttribute('data-state')).toBe('installed');
    expect(await page.getByTestId('host-card-pilot-app').getAttribute('data-state')).toBe('pending');
    await shots2(page, '62-deploy-gate');
    await page.getByTestId('rollout-approve-gate').click();

    // The pilot ring: pilot-app fails its health check and is rolled back; its gate waits again.
    await page.locator('[data-testid="host-card-pilot-app"][data-state="rolled_back"]').waitFor({ timeout: 30_000 });
    await page.getByTestId('rollout-gate').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('rollout-budget').textContent()).toContain('1 used of 1');
    await shots2(page, '63-deploy-rolled-back');
    await page.getByTestId('rollout-approve-gate').click();
    await page.locator('[data-testid="rollout-view"][data-state="completed"]').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('host-card-broad-desk').getAttribute('data-state')).toBe('installed');

    // A reload reads the stored rollout again.
    await page.reload();
    await page.locator('[data-testid="rollout-view"][data-state="completed"]').waitFor();
    expect(await page.getByTestId('host-card-pilot-app').getAttribute('data-state')).toBe('rolled_back');
    await shots2(page, '64-deploy-completed');

    await page.getByTestId('rollout-back').click();
    await page.getByTestId('rollout-history').waitFor();
    const outcome = await page.getByTestId('rollout-outcome').first().textContent();
    expect(outcome).toContain('5 hosts: 4 ok, 1 failed');
    await shots2(page, '65-deploy-history');
    expect(await page.getByTestId('rollout-history').textContent()).toContain('Cancelled');
    await page.getByTestId('rollout-history').getByText('December updates').click();
    await view.waitFor();
    expect(await page.getByTestId('rollout-start').count()).toBe(0);
    expect(errors).toEqual([]);
  }, 180_000);

  it('halts, resumes, cancels and rolls back from the live view, a host held mid-step until the test releases it', async () => {
    const release = makeTempDir('patchdesk-e2e-hold-');
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(host?.openUrl ?? '');
    await page.evaluate((list) => (window.location.hash = `#/checklist/deploy/new/hosts-${list}`), HELD.map((spec) => ids.get(spec.name)).join(','));
    await page.getByTestId('deploy-plan-form').waitFor();
    await page.getByTestId('deploy-name').fill('Held rollout');
    await page.getByLabel('Concurrency of broad').fill('1');
    await page.getByTestId('deploy-add-pre').click();
    await page.getByTestId('deploy-pre-command-0').fill(`${HOLD_PREFIX}${release}`);
    await page.getByTestId('deploy-preview').click();
    await page.locator('[data-testid="rollout-view"][data-state="previewed"]').waitFor();
    await page.getByTestId('rollout-approve').click();
    await page.locator('[data-testid="rollout-view"][data-state="approved"]').waitFor();
    await page.getByTestId('rollout-start').click();

    // held-a is in its pre step, held by the test: halt now.
    await page.locator('[data-testid="host-card-held-a"][data-state="running"]').waitFor({ timeout: 30_000 });
    await page.getByTestId('rollout-halt').click();
    await page.locator('[data-testid="rollout-view"][data-state="halted"]').waitFor();
    await page.getByTestId('rollout-finishing').waitFor();
    expect(await page.getByTestId('rollout-resume').isDisabled()).toBe(true);
    expect(await page.getByTestId('host-card-held-b').getAttribute('data-state')).toBe('pending');
    await shots2(page, '66-deploy-halted');

    // Released, held-a finishes its install; held-b does not start while the rollout is halted.
    writeFileSync(join(release, 'held-a'), '');
    await page.locator('[data-testid="host-card-held-a"][data-state="installed"]').waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="rollout-resume"]:not([disabled])').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('host-card-held-b').getAttribute('data-state')).toBe('pending');
    expect(await page.getByTestId('host-card-held-a').getByTestId('host-output').textContent()).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);

    await page.getByTestId('rollout-resume').click();
    await page.locator('[data-testid="host-card-held-b"][data-state="running"]').waitFor({ timeout: 30_000 });
    await page.getByTestId('rollout-cancel').click();
    await page.getByTestId('rollout-cancel-confirm').click();
    await page.locator('[data-testid="rollout-view"][data-state="cancelled"]').waitFor();
    // Cancel kills nothing: held-b's install still finishes once released.
    writeFileSync(join(release, 'held-b'), '');
    await page.locator('[data-testid="host-card-held-b"][data-state="installed"]').waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="rollback-host-held-a"]').waitFor({ timeout: 30_000 });
    await shots2(page, '67-deploy-cancelled');

    await page.getByTestId('rollback-host-held-a').click();
    await page.getByTestId('rollout-rollback-dialog').waitFor();
    await page.getByTestId('rollout-rollback-confirm').click();
    await page.locator('[data-testid="host-card-held-a"][data-state="rolled_back"]').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('host-card-held-b').getAttribute('data-state')).toBe('installed');
    await shots2(page, '68-deploy-host-rolled-back');
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);

  it('plans exactly the updates that fix an advisory from its triage, and waits for a switch’s manual step until it is ticked with evidence', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(host?.openUrl ?? '');
    await page.evaluate((id) => (window.location.hash = `#/triage/${id}`), ADVISORY);
    await page.locator('[data-testid="triage-plan-rollout"]:not([disabled])').waitFor({ timeout: 30_000 });
    await page.getByTestId('triage-plan-rollout').click();
    await page.getByTestId('deploy-plan-form').waitFor();
    expect(await page.getByTestId('deploy-fixes').isChecked()).toBe(true);
    expect(await page.getByTestId('deploy-rings').textContent()).toContain('fix-web');
    expect(await page.getByTestId('deploy-rings').textContent()).not.toContain('test-web');
    await shots2(page, '69-deploy-from-triage');
    await page.getByTestId('deploy-preview').click();
    await page.locator('[data-testid="rollout-view"][data-state="previewed"]').waitFor();
    expect(await page.getByTestId('preview-host-fix-web').textContent()).toContain('lab-hello 1.0 → 1.1');
    expect(await page.getByTestId('rollout-view').textContent()).toContain(`Pending updates that fix ${ADVISORY}`);
    await page.getByTestId('rollout-cancel').click();
    await page.getByTestId('rollout-cancel-confirm').click();
    await page.locator('[data-testid="rollout-view"][data-state="cancelled"]').waitFor();

    await page.evaluate((list) => (window.location.hash = `#/checklist/deploy/new/hosts-${list}`), [ids.get('fix-web'), ids.get(SWITCH)].join(','));
    await page.getByTestId('deploy-manual').waitFor();
    await page.getByTestId('deploy-name').fill('Switch and web');
    await page.getByTestId('deploy-preview').click();
    expect(await page.getByTestId('deploy-manual').textContent()).toContain('Name the firmware or version installed by hand');
    await page.getByTestId(`deploy-manual-target-${SWITCH}`).fill('15.2(7)E10');
    await page.getByTestId('deploy-preview').click();
    await page.locator('[data-testid="rollout-view"][data-state="previewed"]').waitFor();
    expect(await page.getByTestId(`preview-host-${SWITCH}`).textContent()).toContain('firmware');
    await page.getByTestId('rollout-approve').click();
    await page.locator('[data-testid="rollout-view"][data-state="approved"]').waitFor();
    await page.getByTestId('rollout-start').click();
    await page.locator('[data-testid="rollout-view"][data-state="waiting"]').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('host-card-fix-web').getAttribute('data-state')).toBe('installed');
    expect(await page.getByTestId('rollout-reason').textContent()).toContain(`waiting for the manual step of ring broad: ${SWITCH}`);
    await shots2(page, '70-deploy-manual-step');

    await page.getByTestId(`manual-done-${SWITCH}`).click();
    await page.getByTestId('manual-step-dialog').waitFor();
    await page.getByTestId('manual-step-note').fill('CHG-1042: upgraded from the console, show version attached');
    await page.getByTestId('manual-step-file').fill('core-sw-show-version.txt');
    await page.getByTestId('manual-step-sha256').fill('ab'.repeat(32));
    await shots2(page, '71-deploy-manual-dialog');
    await page.getByTestId('manual-step-confirm').click();
    await page.locator('[data-testid="rollout-view"][data-state="completed"]').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId(`manual-step-${SWITCH}`).textContent()).toContain('Manual step done by e2e-admin');
    await shots2(page, '72-deploy-manual-done');
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);
});
