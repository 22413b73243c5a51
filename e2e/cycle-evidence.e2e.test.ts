/**
 * Issue 4 as a user does it, in Chromium through the real browser host: run the November cycle
 * through its checklist, add an exception, let eleven days pass (the host restarts with its
 * clock moved on, the browser's clock with it) and see the exception expired and the late items
 * on the dashboard, then build the evidence pack, verify it, change one byte and see verification
 * fail, naming the file. The PDF is checked with pdftotext, pdfinfo and qpdf, and its first pages
 * are rendered to PNG for a person to look at.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync, zipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComplianceDetail } from '../shared/contract/compliance';
import type { HostCollection, PendingUpdateData } from '../shared/contract/patch-status';
import { openAppCore, type AppCore } from '../electron/core/app-core';
import { fixedClock } from '../electron/platform/clock';
import { makeTempDir } from '../electron/test-support/temp-dir';
import { call as invoke } from '../electron/test-support/test-core';
import { startE2eSession, type E2eSession } from './support/e2e-session';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Thursday after November's Patch Tuesday (10 Nov 2026), 09:00 in Berlin. */
const T0 = '2026-11-12T08:00:00.000Z';
/** Eleven days later: the exception (to 20 Nov) has expired, several checklist items are late. */
const T1 = '2026-11-23T08:00:00.000Z';

let e2e: E2eSession;
let siteId: number;

async function shot(page: Page, name: string): Promise<void> {
  await e2e.shot(page, name);
}

function update(name: string, severity: string): PendingUpdateData {
  return { name, installedVersion: '1.0', availableVersion: '1.1', repository: 'bookworm-security', security: true, severity, cves: [], advisories: [], kind: 'upgrade' };
}

function collection(at: string, pending: PendingUpdateData[]): HostCollection {
  const os = { id: 'debian', name: 'Debian GNU/Linux 12 (bookworm)', version: '12', build: '6.1.0-28-amd64' };
  return { collectedAt: at, method: 'offline-file', platform: 'linux', hostname: '', os, packageManager: 'apt', uptimeSeconds: 100, rebootRequired: false, rebootReason: '', lastPatchedAt: null, installedCount: 0, installed: [], pending, installedKbs: [], device: null, warnings: [] };
}

/** The inventory and patch status are issues 2 and 3: seeded directly, with October and November collections. */
async function seed(core: AppCore): Promise<void> {
  const site = await invoke<{ id: number }>(core, 'sites:create', { name: 'Zahnarztpraxis Müller', timezone: 'Europe/Berlin' });
  siteId = site.id;
  const ids: number[] = [];
  for (const [index, name] of ['praxis-web', 'praxis-db', 'empfang-pc', 'roentgen-pc'].entries()) {
    ids.push((await invoke<{ id: number }>(core, 'assets:create', { siteId, fields: { hostname: name, addresses: [`10.20.0.${index + 10}`], deviceType: index < 2 ? 'server' : 'workstation' } })).id);
  }
  await invoke(core, 'tiers:override', { action: 'set', assetIds: [ids[0]], tier: 1, reason: 'internet-facing booking site' });
  await invoke(core, 'tiers:override', { action: 'set', assetIds: [ids[1]], tier: 2, reason: 'patient records' });
  await invoke(core, 'tiers:override', { action: 'set', assetIds: [ids[2], ids[3]], tier: 3, reason: 'front desk' });
  const store = (id: number | undefined, at: string, pending: PendingUpdateData[]) => core.services.patchStatus.storeCollection(id ?? 0, collection(at, pending), null);
  store(ids[0], '2026-10-06T06:00:00.000Z', [update('openssl', 'high')]);
  store(ids[1], '2026-10-06T06:00:00.000Z', [update('postgresql-15', 'critical')]);
  store(ids[2], '2026-10-06T06:00:00.000Z', []);
  store(ids[3], '2026-10-06T06:00:00.000Z', [update('firefox-esr', 'high')]);
  store(ids[0], '2026-11-03T06:00:00.000Z', []);
  store(ids[1], '2026-11-03T06:00:00.000Z', [update('postgresql-15', 'critical')]);
  store(ids[2], '2026-11-03T06:00:00.000Z', [update('libreoffice-core', 'medium')]);
  store(ids[3], '2026-11-03T06:00:00.000Z', [update('firefox-esr', 'high')]);
}

/** Opens the app at the given instant: the browser's clock agrees with the host's. */
async function openAppAt(now: string, hash: string): Promise<Page> {
  return (await e2e.openApp({ now, hash, acceptDownloads: true })).page;
}

beforeAll(async () => {
  // The host starts in each test, at the instant that test is about.
  e2e = await startE2eSession({ owner: 'cycle-evidence', seed: { at: '2026-10-01T07:00:00.000Z', run: seed }, host: false });
});
afterAll(() => e2e?.close());

describe('the monthly cycle, an exception that expires, and the evidence pack', () => {
  it('runs the November cycle through its checklist and adds an exception', async () => {
    await e2e.startHost({ now: T0 });
    const page = await openAppAt(T0, '#/checklist');
    await page.getByTestId('checklist-screen').waitFor();
    await shot(page, '30-checklist-empty');

    const open = page.getByTestId('open-baseline-cycle');
    await expect.poll(() => open.getAttribute('data-month')).toBe('2026-11');
    await open.click();
    const detail = page.getByTestId('cycle-detail');
    await detail.waitFor();
    await expect.poll(() => page.getByTestId('cycle-progress').getAttribute('data-total')).toBe('8');

    // Inventory refreshed, with a note and a link to the ticket.
    await page.getByTestId('tick-done-inventory-refresh').click();
    await page.getByTestId('tick-dialog').waitFor();
    await page.getByTestId('tick-note').fill('Scanned 10.20.0.0/24: 4 hosts, nothing new');
    await page.getByTestId('tick-link').fill('https://tickets.example/praxis/1184');
    await shot(page, '31a-tick-dialog');
    await page.getByTestId('tick-submit').click();
    await page.getByTestId('tick-dialog').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('checklist-item-inventory-refresh').getAttribute('data-state')).toBe('done');

    // Reviewed and approved, with the release notes attached as a file.
    await page.getByTestId('tick-done-review-approve').click();
    await page.getByTestId('tick-note').fill('All November updates approved; none held back');
    await page.getByTestId('tick-file').setInputFiles({ name: 'approval-november.txt', mimeType: 'text/plain', buffer: Buffer.from('Approved by Dr. Müller, 10 Nov 2026\n') });
    await page.getByTestId('tick-submit').click();
    await page.getByTestId('tick-dialog').waitFor({ state: 'detached' });

    // No separate test ring at a four-host practice: not applicable, with the reason.
    await page.getByTestId('tick-na-test-ring').click();
    await page.getByTestId('tick-note').fill('No test ring: the pilot ring (front desk) is the test');
    await page.getByTestId('tick-submit').click();
    await page.getByTestId('tick-dialog').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('checklist-item-test-ring').getAttribute('data-state')).toBe('not_applicable');
    await expect.poll(() => page.getByTestId('cycle-progress').getAttribute('data-done')).toBe('2');
    await shot(page, '31-checklist-cycle');

    // An exception for the database server's PostgreSQL update, until 20 November.
    await page.getByTestId('rail-exceptions').click();
    await page.getByTestId('exceptions-screen').waitFor();
    await page.getByTestId('add-exception').click();
    await page.getByTestId('add-exception-dialog').waitFor();
    await page.getByTestId('exception-form-kind').getByText('Package').click();
    await page.getByTestId('exception-form-value').fill('postgresql-15');
    await page.getByTestId('exception-form-asset-search').fill('praxis-db');
    await page.getByTestId('exception-form-asset-list').getByText('praxis-db').first().click();
    await page.getByTestId('exception-form-reason').fill('The practice software supports PostgreSQL 15.8 only from its December release');
    await page.getByTestId('exception-form-controls').fill('Database reachable from the practice LAN only; nightly off-site backup');
    await page.getByTestId('exception-form-owner').fill('Dr. Anna Müller');
    await page.getByTestId('exception-form-expires').fill('2026-11-20');
    await page.getByTestId('exception-form-submit').click();
    await page.getByTestId('add-exception-dialog').waitFor({ state: 'detached' });
    const row = page.locator('[data-testid^="exception-row-"]').first();
    await expect.poll(() => row.getAttribute('data-status')).toBe('expiring_soon');
    await shot(page, '32-exception-added');
    await page.close();
    await e2e.stopHost();
  }, 120_000);

  it('eleven days later shows the exception expired and the late checklist items on the dashboard', async () => {
    await e2e.startHost({ now: T1 });
    const page = await openAppAt(T1, '#/overview');
    await page.getByTestId('overview-screen').waitFor();
    const attention = page.getByTestId('attention-list');
    await attention.waitFor();
    await expect.poll(() => attention.locator('[data-kind="exception-expired"]').count()).toBe(1);
    await expect.poll(() => attention.locator('[data-kind="checklist-late"]').count()).toBeGreaterThan(0);
    await shot(page, '33-overview-expired');

    await page.getByTestId('rail-exceptions').click();
    const row = page.locator('[data-testid^="exception-row-"]').first();
    await expect.poll(() => row.getAttribute('data-status')).toBe('expired');
    await shot(page, '34-exception-expired');
    await page.close();
  }, 120_000);

  it('previews and exports the evidence pack, verifies it, and fails verification after one byte changes', async () => {
    const page = await openAppAt(T1, '#/evidence');
    await page.getByTestId('evidence-screen').waitFor();
    await page.getByTestId('evidence-period-preset').getByText('Custom').click();
    await page.getByTestId('evidence-from').fill('2026-11-01');
    await page.getByTestId('evidence-to').fill('2026-11-22');
    const preview = page.getByTestId('evidence-preview');
    await expect.poll(() => preview.getAttribute('data-to')).toBe('2026-11-22');
    await expect.poll(() => preview.getAttribute('aria-busy')).toBeNull();
    await expect.poll(() => page.getByTestId('evidence-files').textContent()).toContain('checklist-evidence/');
    await shot(page, '35-evidence-preview');

    await page.getByTestId('evidence-export').click();
    await page.getByTestId('evidence-export-done').waitFor({ timeout: 60_000 });
    const downloading = page.waitForEvent('download');
    await page.getByTestId('evidence-download').first().click();
    const download = await downloading;
    const packFile = join(makeTempDir('patchdesk-e2e-pack-'), download.suggestedFilename());
    await download.saveAs(packFile);
    await shot(page, '36-evidence-exported');

    // The PDF, read by real tools: its numbers are the database's.
    const entries = unzipSync(readFileSync(packFile));
    const pdfFile = e2e.shotPath('evidence-report.pdf');
    writeFileSync(pdfFile, entries['report.pdf'] ?? new Uint8Array());
    expect(spawnSync('qpdf', ['--check', pdfFile]).status).toBe(0);
    expect(execFileSync('pdfinfo', [pdfFile], { encoding: 'utf8' })).toMatch(/Title:\s+Patch compliance evidence: Zahnarztpraxis Müller/);
    const text = execFileSync('pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8' });
    const core = openAppCore({ dataDir: e2e.dataDir, mode: 'cli', actor: 'check', clock: fixedClock(new Date(T1)) });
    const detail = await invoke<ComplianceDetail>(core, 'compliance:report', { siteId, from: '2026-11-01', to: '2026-11-22' });
    const fingerprint = core.services.signingKey.info().fingerprint;
    await core.close();
    const percent = (share: number | null) => (share === null ? 'not measured' : `${(share * 100).toFixed(1)}%`);
    expect(text).toContain(percent(detail.site.assets.fullyPatchedShare));
    expect(text).toContain('Dr. Anna Müller');
    expect(text).toContain('Inventory refreshed');
    expect(text).toContain(fingerprint);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '3', pdfFile, e2e.shotPath('37-evidence-page')]);

    // The CLI agrees the pack is intact.
    const cli = spawnSync(process.execPath, ['bin/patchdesk.mjs', '--data-dir', e2e.dataDir, 'verify', packFile, '--key', fingerprint], { cwd: root, encoding: 'utf8' });
    expect(cli.status, cli.stderr).toBe(0);

    // Verify in the app: intact.
    await page.getByTestId('evidence-tab-verify').click();
    await page.getByTestId('evidence-verify-file').setInputFiles(packFile);
    const result = page.getByTestId('evidence-verify-result');
    await expect.poll(() => result.getAttribute('data-ok')).toBe('true');
    await shot(page, '38-evidence-verified');

    // One byte of the PDF changed, the ZIP rebuilt: verification fails and names report.pdf.
    const pdf = entries['report.pdf'] ?? new Uint8Array();
    const at = Math.floor(pdf.length / 2);
    pdf[at] = (pdf[at] ?? 0) ^ 0x01;
    const tampered = join(makeTempDir('patchdesk-e2e-tampered-'), 'tampered-pack.zip');
    writeFileSync(tampered, zipSync(entries));
    await page.getByTestId('evidence-verify-file').setInputFiles(tampered);
    await expect.poll(() => result.getAttribute('data-ok')).toBe('false');
    await expect.poll(() => page.locator('[data-testid="evidence-verify-file-row"][data-path="report.pdf"]').getAttribute('data-status')).toBe('changed');
    await shot(page, '39-evidence-tampered');
    const cliTampered = spawnSync(process.execPath, ['bin/patchdesk.mjs', '--data-dir', e2e.dataDir, 'verify', tampered], { cwd: root, encoding: 'utf8' });
    expect(cliTampered.status).toBe(1);
    expect(`${cliTampered.stdout}${cliTampered.stderr}`).toContain('report.pdf');
    await page.close();
  }, 180_000);
});
