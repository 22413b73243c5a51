/**
 * Issue 9's "done when", as an admin does it in Chromium against REAL hosts: the package lab's
 * Debian hosts (own sshd each, real apt and dpkg), the real browser host, the real vault. Plan
 * three rings in the Deploy form, preview, approve, start, approve the gates; the pilot host's
 * post check fails and it is rolled back automatically, the budget (1) holding the rest; the
 * reboot-requiring package is rebooted and verified; the browser host is killed (SIGKILL) while
 * the broad host sits in its pre step, started again, the rollout is found interrupted, the
 * vault unlocked, the rollout resumed and completed; the evidence pack built through the CLI
 * (forwarded to the running host) shows it in its deployment section and `data/rollouts.csv`.
 *
 * Needs root (the lab mounts overlay roots) like `rollouts.lab.test.ts`. The moment of the kill
 * is an event (the broad host's card shows its pre step, held by a file on that host), not a guess.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Asset } from '../shared/contract/assets';
import type { Credential } from '../shared/contract/credentials';
import type { Site } from '../shared/contract/sites';
import type { AppCore } from '../electron/core/app-core';
import { createRemoteExecutor, type RemoteExecutor } from '../electron/services/remote/executor/remote-executor';
import type { LabHost } from '../electron/test-support/package-lab/lab-host';
import { labLayout, type LabLayout } from '../electron/test-support/package-lab/lab-layout';
import { labRemoteTarget } from '../electron/test-support/package-lab/lab-remote-target';
import { LAB_TEST_ADDRESSES } from '../electron/test-support/package-lab/lab-test-addresses';
import { downPackageLab, upPackageLab } from '../electron/test-support/package-lab/package-lab';
import { LAB_HEALTH_CHECK } from '../electron/test-support/package-lab/test-packages';
import { runCliCapturing } from '../electron/test-support/run-cli';
import { call } from '../electron/test-support/test-core';
import { startE2eSession, type E2eSession } from './support/e2e-session';

const PASSPHRASE = 'deploy lab e2e passphrase';
/** The broad host waits in its pre step while this file exists on it. */
const HOLD = '/root/hold';

let e2e: E2eSession;
let hosts: LabHost[] = [];
let executor: RemoteExecutor;
const scratch = mkdtempSync(join(tmpdir(), 'patchdesk-e2e-deploy-lab-out-'));
const ids = new Map<string, number>();

const lab = (index: number): LabHost => {
  const found = hosts[index];
  if (!found) throw new Error(`no lab host ${index}`);
  return found;
};
const shell = (index: number, command: string) => executor.run(labRemoteTarget(lab(index)), command, { timeoutMs: 60_000, expectedExitCodes: [0, 1] });
const installed = async (index: number, name: string) => (await shell(index, `dpkg-query -W -f='\${Version}' ${name}`)).stdout;

async function unlockVault(page: Page): Promise<void> {
  await page.evaluate(() => (window.location.hash = '#/credentials'));
  await page.getByTestId('vault-unlock-passphrase').fill(PASSPHRASE);
  await page.getByTestId('vault-unlock-submit').click();
  await page.getByTestId('vault-lock').waitFor();
}

/** Approves the gate the rollout waits at, once it shows. */
async function approveGate(page: Page, after: string): Promise<void> {
  const gate = page.getByTestId('rollout-gate');
  await gate.waitFor({ timeout: 120_000 });
  expect(await gate.textContent()).toContain(`Ring ${after} is done`);
  await page.getByTestId('rollout-approve-gate').click();
  await gate.waitFor({ state: 'detached', timeout: 30_000 });
}

/** Four real apt hosts (their own lab, state folder and addresses) and one executor to look at them. */
async function startLab(): Promise<() => Promise<void>> {
  const layout: LabLayout = { ...labLayout(), stateDir: mkdtempSync(join(tmpdir(), 'patchdesk-lab-deploy-e2e-')) };
  const stop = async () => {
    await executor?.close();
    await downPackageLab(layout);
    rmSync(layout.stateDir, { recursive: true, force: true });
  };
  try {
    hosts = (await upPackageLab(layout, { hosts: 4, families: ['apt'], addressPrefix: LAB_TEST_ADDRESSES.deployLabE2e, rebootDownSeconds: 1 })).hosts;
    executor = createRemoteExecutor();
    // test-db keeps lab-needs-reboot, pilot-app keeps lab-breaks-check; the others never had them.
    for (const index of [1, 2, 3]) await shell(index, 'dpkg --purge lab-needs-reboot');
    for (const index of [0, 2, 3]) await shell(index, 'dpkg --purge lab-breaks-check');
  } catch (error) {
    await stop();
    throw error;
  }
  return stop;
}

/** A site with the four hosts in the test, pilot and broad rings, the lab key in the vault, and a first collection (pins each host key). */
async function seed(core: AppCore): Promise<void> {
  const site = await call<Site>(core, 'sites:create', { name: 'Lab', timezone: 'UTC' });
  const names = ['test-db', 'pilot-app', 'pilot-files', 'broad-files'];
  for (const [index, name] of names.entries()) {
    const asset = await call<Asset>(core, 'assets:create', { siteId: site.id, fields: { hostname: name, addresses: [lab(index).address], deviceType: 'server', osFamily: 'linux', access: { method: 'ssh', port: lab(index).port, username: 'root' } } });
    ids.set(name, asset.id);
  }
  await call(core, 'vault:setup', { passphrase: PASSPHRASE });
  const credential = await call<Credential>(core, 'credentials:create', { siteId: site.id, name: 'Lab root', kind: 'ssh', username: 'root', secrets: { authMethod: 'key', privateKey: readFileSync(lab(0).keyFile, 'utf8') } });
  await call(core, 'credentials:bind', { credentialId: credential.id, assetIds: [...ids.values()] });
  await call(core, 'cycles:setRings', { siteId: site.id, assetIds: [ids.get('test-db')], ring: 'test' });
  await call(core, 'cycles:setRings', { siteId: site.id, assetIds: [ids.get('pilot-app'), ids.get('pilot-files')], ring: 'pilot' });
  const started = await call<{ jobId: string }>(core, 'collect:start', { siteId: site.id });
  expect(await core.services.collections.wait(started.jobId)).toMatchObject({ hostsOk: 4, hostsFailed: 0 });
}

beforeAll(async () => {
  e2e = await startE2eSession({ owner: 'deploy-lab', before: startLab, seed: { actor: 'seed', run: seed } });
}, 900_000);

afterAll(async () => {
  await e2e?.close();
  rmSync(scratch, { recursive: true, force: true });
}, 120_000);

describe('Deploy on real lab hosts', () => {
  it('rolls out through three rings from the browser, rolls the failing host back, reboots, survives the host being killed mid-ring, and the pack shows it', async () => {
    // The pack's period runs from the day the test starts to the day it ends (the site is in UTC), so a run across midnight still covers it.
    const firstDay = new Date().toISOString().slice(0, 10);
    await shell(3, `touch ${HOLD}`);
    const first = await e2e.openApp();
    let page = first.page;
    await unlockVault(page);

    await page.evaluate((list) => (window.location.hash = `#/checklist/deploy/new/hosts-${list}`), [...ids.values()].join(','));
    await page.getByTestId('deploy-plan-form').waitFor();
    expect(await page.getByTestId('deploy-ring-test').textContent()).toContain('test-db');
    expect(await page.getByTestId('deploy-ring-pilot').textContent()).toContain('pilot-app, pilot-files');
    expect(await page.getByTestId('deploy-ring-broad').textContent()).toContain('broad-files');
    await page.getByTestId('deploy-name').fill('December on the lab');
    await page.getByTestId('deploy-selection').getByRole('radio', { name: 'Named packages or KBs' }).click();
    await page.getByTestId('deploy-packages').fill('lab-hello lab-needs-reboot lab-breaks-check');
    await page.getByTestId('deploy-budget').fill('1');
    await page.getByTestId('deploy-reboot').selectOption('if-required');
    await page.getByTestId('deploy-add-pre').click();
    await page.getByTestId('deploy-pre-kind-0').selectOption('command');
    await page.getByTestId('deploy-pre-command-0').fill(`while [ -e ${HOLD} ]; do sleep 0.2; done`);
    await page.getByTestId('deploy-add-post').click();
    await page.getByTestId('deploy-post-kind-0').selectOption('command');
    await page.getByTestId('deploy-post-command-0').fill(`test ! -x ${LAB_HEALTH_CHECK} || ${LAB_HEALTH_CHECK}`);
    await e2e.shot(page, '130-deploy-lab-plan');

    // The preview asks each real host's apt: exact versions, and the rollback source.
    await page.getByTestId('deploy-preview').click();
    await page.locator('[data-testid="rollout-view"][data-state="previewed"]').waitFor({ timeout: 120_000 });
    const testDb = await page.getByTestId('preview-host-test-db').textContent();
    expect(testDb).toContain('lab-needs-reboot 1.0 → 1.1');
    expect(testDb).toContain('lab-hello 1.0 → 1.1');
    expect(await page.getByTestId('preview-host-pilot-app').textContent()).toContain('lab-breaks-check 1.0 → 1.1');
    expect(await page.getByTestId('rollout-refused').count()).toBe(0);
    await e2e.shot(page, '131-deploy-lab-preview');

    await page.getByTestId('rollout-approve').click();
    await page.locator('[data-testid="rollout-view"][data-state="approved"]').waitFor();
    const rolloutId = Number(/#\/checklist\/deploy\/(\d+)/.exec(page.url())?.[1]);
    expect(rolloutId).toBeGreaterThan(0);
    await page.getByTestId('rollout-start').click();

    await approveGate(page, 'test');
    expect(await page.getByTestId('host-card-test-db').getAttribute('data-state')).toBe('installed');
    expect(await page.getByTestId('host-card-test-db').textContent()).toContain('Rebooted (boot id changed)');
    // The pilot host's 1.1 breaks its health check: rolled back by itself, the budget's one failure used.
    await approveGate(page, 'pilot');
    expect(await page.getByTestId('host-card-pilot-app').getAttribute('data-state')).toBe('rolled_back');
    expect(await page.getByTestId('rollout-budget').textContent()).toContain('1 used of 1');

    // The broad host is held in its pre step: now the browser host is killed, as a crash would.
    await page.getByTestId('host-card-broad-files').getByText('pre 1').waitFor({ timeout: 60_000 });
    await e2e.shot(page, '132-deploy-lab-mid-ring');
    e2e.host.child.kill('SIGKILL');
    await e2e.stopHost();
    expect(first.errors).toEqual([]);
    await page.close();
    await shell(3, `rm -f ${HOLD}`);
    expect(await installed(3, 'lab-hello')).toBe('1.0');

    // Started again: the rollout is interrupted; the host's state is read once the vault is open.
    await e2e.startHost();
    const second = await e2e.openApp();
    page = second.page;
    await page.evaluate((id) => (window.location.hash = `#/checklist/deploy/${id}`), rolloutId);
    await page.locator('[data-testid="rollout-view"][data-state="interrupted"]').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('host-card-broad-files').textContent()).toContain('vault is locked');
    expect(await page.getByTestId('host-card-broad-files').textContent()).toContain('Stopped mid-step');
    // The banner claims no more than the card: that host's state is not read yet.
    expect(await page.getByTestId('rollout-reason').textContent()).toContain('the real state of broad-files could not be read yet');
    await e2e.shot(page, '133-deploy-lab-interrupted');
    await unlockVault(page);
    await page.evaluate((id) => (window.location.hash = `#/checklist/deploy/${id}`), rolloutId);
    await page.getByTestId('rollout-resume').click();
    await page.locator('[data-testid="rollout-view"][data-state="completed"]').waitFor({ timeout: 120_000 });
    for (const name of ['test-db', 'pilot-files', 'broad-files']) expect(await page.getByTestId(`host-card-${name}`).getAttribute('data-state')).toBe('installed');
    expect(await page.getByTestId('host-card-pilot-app').getAttribute('data-state')).toBe('rolled_back');
    await e2e.shot(page, '134-deploy-lab-completed');
    expect(second.errors).toEqual([]);
    await page.close();

    // What the hosts really run now.
    expect(await installed(0, 'lab-hello')).toBe('1.1');
    expect(await installed(0, 'lab-needs-reboot')).toBe('1.1');
    expect(await installed(1, 'lab-breaks-check')).toBe('1.0');
    expect(await installed(1, 'lab-hello')).toBe('1.0');
    expect(await installed(2, 'lab-hello')).toBe('1.1');
    expect(await installed(3, 'lab-hello')).toBe('1.1');

    // The evidence pack, built by the running host for a CLI call forwarded to it.
    const today = new Date().toISOString().slice(0, 10);
    const pack = join(scratch, 'pack.zip');
    const built = await runCliCapturing(e2e.dataDir, ['evidence', '--site', 'Lab', '--from', firstDay, '--to', today, '--out', pack]);
    expect(built.code, built.err).toBe(0);
    const entries = unzipSync(readFileSync(pack));
    const csv = strFromU8(entries['data/rollouts.csv'] ?? new Uint8Array());
    expect(csv).toMatch(/December on the lab/);
    expect(csv.split('\n').filter((line) => line.includes('pilot-app'))[0]).toMatch(/rolled_back/);
    const pdfName = Object.keys(entries).find((name) => name.endsWith('.pdf')) ?? '';
    const pdf = join(scratch, 'pack.pdf');
    writeFileSync(pdf, entries[pdfName] ?? new Uint8Array());
    const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
    // The deployment section's page (the rollout's name wraps in its column), and that page as a picture to look at.
    const pages = text.split('\f');
    const deploymentPage = pages.findIndex((each) => each.includes('Deployments') && each.includes('pilot-app')) + 1;
    expect(deploymentPage).toBeGreaterThan(0);
    const section = pages[deploymentPage - 1] ?? '';
    expect(section).toMatch(/1 December on the\s+pilot\s+lab-breaks-check 1\.0 to 1\.1; lab-hello 1\.0 to 1\.1\s+rolled back/);
    expect(section).toMatch(/lab-hello 1\.0 to 1\.1; lab-needs-reboot 1\.0 to 1\.1\s+installed[\s\S]*?test-db\s+rebooted/);
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', String(deploymentPage), '-l', String(deploymentPage), '-singlefile', pdf, e2e.shotPath('135-deploy-lab-pack-page')]);
  }, 900_000);
});
