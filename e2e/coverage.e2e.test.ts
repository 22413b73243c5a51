/**
 * Issue 8, "unmeasured is not patched", as a user sees it in Chromium through the real browser
 * host: a site of eleven assets where nine were never collected and two miss 83 security fixes
 * each. The dashboard, the patch status table, the Evidence preview, the PDF (read with
 * pdftotext), data/summary.json and data/coverage-gaps.csv must all say 2 of 11 measured,
 * 0 of 2 measured fully patched, "not measured" for tier 1 (nothing measured there), and list the
 * same nine gaps in the same order; Windows 7 from the CSV counts as unsupported, from inventory.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
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

/** 20 November 2026, 09:00 in Berlin; the two collections ran two days before. */
const NOW = '2026-11-20T08:00:00.000Z';
const COLLECTED = '2026-11-18T06:00:00.000Z';
const SITE = 'Praxis Weber';
const NEVER = ['empfang-01', 'empfang-02', 'labor-01', 'labor-02', 'roentgen-01', 'roentgen-02', 'sprech-01', 'sprech-02', 'xray-acq01'];

let e2e: E2eSession;
let siteId: number;

async function shot(page: Page, name: string): Promise<void> {
  await e2e.shot(page, name, { fullPage: true });
}

function collection(at: string, pending: PendingUpdateData[]): HostCollection {
  const os = { id: 'debian', name: 'Debian GNU/Linux 12 (bookworm)', version: '12', build: '6.1.0-28-amd64' };
  return { collectedAt: at, method: 'offline-file', platform: 'linux', hostname: '', os, packageManager: 'apt', uptimeSeconds: 100, rebootRequired: false, rebootReason: '', lastPatchedAt: null, installedCount: 0, installed: [], pending, installedKbs: [], device: null, warnings: [] };
}

/** Eleven assets: two servers collected with 83 security fixes missing each, nine tier-1 workstations never collected. */
async function seed(core: AppCore): Promise<void> {
  siteId = (await invoke<{ id: number }>(core, 'sites:create', { name: SITE, timezone: 'Europe/Berlin' })).id;
  const servers: number[] = [];
  for (const [index, name] of ['praxis-web', 'praxis-db'].entries()) {
    servers.push((await invoke<{ id: number }>(core, 'assets:create', { siteId, fields: { hostname: name, addresses: [`10.30.0.${index + 10}`], deviceType: 'server' } })).id);
  }
  const never: number[] = [];
  for (const [index, name] of NEVER.entries()) {
    // As a CSV import leaves them: a name and an OS typed by a person.
    const osName = name === 'xray-acq01' ? 'Windows 7 Professional' : 'Windows 11 Pro';
    never.push((await invoke<{ id: number }>(core, 'assets:create', { siteId, fields: { hostname: name, addresses: [`10.30.1.${index + 10}`], deviceType: 'workstation', osName } })).id);
  }
  await invoke(core, 'tiers:override', { action: 'set', assetIds: servers, tier: 2, reason: 'practice servers' });
  await invoke(core, 'tiers:override', { action: 'set', assetIds: never, tier: 1, reason: 'clinical workstations' });
  const fixes = Array.from({ length: 83 }, (_, i): PendingUpdateData => ({ name: `lib-security-${String(i).padStart(2, '0')}`, installedVersion: '1.0', availableVersion: '1.1', repository: 'bookworm-security', security: true, severity: 'high', cves: [], advisories: [], kind: 'upgrade' }));
  for (const id of servers) core.services.patchStatus.storeCollection(id, collection(COLLECTED, fixes), null);
}

async function openAppAt(hash: string): Promise<Page> {
  return (await e2e.openApp({ now: NOW, hash, acceptDownloads: true })).page;
}

beforeAll(async () => {
  e2e = await startE2eSession({ owner: 'coverage', seed: { at: '2026-11-02T07:00:00.000Z', run: seed }, host: { now: NOW } });
});
afterAll(() => e2e?.close());

describe('unmeasured is not patched', () => {
  it('shows coverage and honest shares on the dashboard, with the nine gaps', async () => {
    const page = await openAppAt('#/overview');
    await page.getByTestId('overview-screen').waitFor();
    await expect.poll(() => page.getByTestId('rail-overview-status').textContent()).toBe('9 of 11 not measured');
    await expect.poll(() => page.getByTestId('kpi-coverage-value').textContent()).toBe('18.2%');
    expect(await page.getByTestId('kpi-coverage').textContent()).toContain('2 of 11 assets measured');
    expect(await page.getByTestId('kpi-fully-patched-value').textContent()).toBe('0.0%');
    expect(await page.getByTestId('kpi-fully-patched').textContent()).toContain('0 of 2 measured (11 in scope)');
    // Tier 1: nine assets, none measured: "not measured", never 100 %.
    await shot(page, '50a-coverage-kpis');
    const tier1 = page.locator('[data-testid="tier-table"] tr[data-tier="1"]');
    expect(await tier1.textContent()).toContain('not measured');
    expect(await tier1.textContent()).not.toContain('100');
    const gaps = page.getByTestId('coverage-gap-row');
    await expect.poll(() => gaps.count()).toBe(9);
    expect(await gaps.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-reason')))).toEqual(Array(9).fill('never_collected'));
    expect(await gaps.locator('th').allTextContents()).toEqual(NEVER);
    await page.getByTestId('coverage-gaps').scrollIntoViewIfNeeded();
    await shot(page, '50-coverage-overview');
    await page.close();
  }, 120_000);

  it('never says nothing pending for a host never collected', async () => {
    const page = await openAppAt('#/status');
    await page.getByTestId('patch-status-screen').waitFor();
    const notMeasured = page.getByTestId('fleet-not-measured');
    await expect.poll(() => notMeasured.count()).toBe(9);
    expect(await notMeasured.first().getAttribute('title')).toBe('Not measured: never collected');
    const eol = page.getByTestId('eol-badge');
    await expect.poll(() => eol.count()).toBe(1);
    expect(await eol.textContent()).toContain('from inventory');
    await shot(page, '51-coverage-patch-status');
    await page.getByText('empfang-01').first().click();
    const drawer = page.getByTestId('asset-patch-drawer');
    await drawer.waitFor();
    await expect.poll(() => drawer.getByTestId('pending-not-measured').textContent()).toContain('Not measured: never collected');
    expect(await drawer.getByTestId('pending-empty').count()).toBe(0);
    await shot(page, '52-coverage-drawer');
    await page.close();

    const cli = spawnSync(process.execPath, ['bin/patchdesk.mjs', '--data-dir', e2e.dataDir, 'status', '--site', SITE], { cwd: root, encoding: 'utf8' });
    expect(cli.status, cli.stderr).toBe(0);
    const lines = cli.stdout.split('\n');
    for (const name of NEVER) expect(lines.find((line) => line.startsWith(name))).toMatch(/not measured: never collected\s+.*\s+not measured\s/);
    expect(lines.find((line) => line.startsWith('xray-acq01'))).toContain('END OF LIFE, from inventory');
  }, 120_000);

  it('gives the same figures and gaps in the preview, the PDF, summary.json and coverage-gaps.csv', async () => {
    const page = await openAppAt('#/evidence');
    await page.getByTestId('evidence-screen').waitFor();
    await page.getByTestId('evidence-period-preset').getByText('Custom').click();
    await page.getByTestId('evidence-from').fill('2026-11-01');
    await page.getByTestId('evidence-to').fill('2026-11-19');
    const preview = page.getByTestId('evidence-preview');
    await expect.poll(() => preview.getAttribute('data-to')).toBe('2026-11-19');
    await expect.poll(() => preview.getAttribute('aria-busy')).toBeNull();
    expect(await page.getByTestId('evidence-tile-coverage').textContent()).toContain('18.2%');
    expect(await page.getByTestId('evidence-tile-fully-patched').textContent()).toContain('0 of 2 measured (11 in scope)');
    const previewGaps = await page.getByTestId('evidence-gap-row').locator('th').allTextContents();
    expect(previewGaps).toEqual(NEVER);
    await shot(page, '53-coverage-preview');

    await page.getByTestId('evidence-export').click();
    await page.getByTestId('evidence-export-done').waitFor({ timeout: 60_000 });
    const downloading = page.waitForEvent('download');
    await page.getByTestId('evidence-download').first().click();
    const download = await downloading;
    const packFile = join(makeTempDir('patchdesk-e2e-coverage-pack-'), download.suggestedFilename());
    await download.saveAs(packFile);
    await page.close();

    const entries = unzipSync(readFileSync(packFile));
    const pdfFile = e2e.shotPath('coverage-report.pdf');
    writeFileSync(pdfFile, entries['report.pdf'] ?? new Uint8Array());
    const text = execFileSync('pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8' });
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('2 of the 11 assets in scope (18.2%) were measured');
    expect(flat).toContain('Of the 2 measured, 0 (0.0%) had every available fix installed');
    expect(flat).toContain('0 of 2 measured (11 in scope)');
    expect(flat).toContain('9 assets are coverage gaps (9 never collected), not counted as patched.');
    expect(flat).not.toMatch(/81\.8|82%/);
    // Tier 1 (nine assets, none measured): coverage 0.0%, both patched shares "not measured" (wrapped in their cells).
    expect(flat).toMatch(/Tier 1 9 0 0\.0% not not 0 0 0 0 0 – measured measured/);
    expect(flat).toContain('Windows 7 Professional (from inventory)');
    expect(flat).toContain('Unmeasured is not patched.');
    const pdfGaps = [...flat.matchAll(/(\S+) Tier 1 never collected Never/g)].map((match) => match[1]);
    expect(pdfGaps).toEqual(NEVER);
    execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '4', pdfFile, e2e.shotPath('54-coverage-page')]);

    const summary = JSON.parse(Buffer.from(entries['data/summary.json'] ?? []).toString()) as { summary: Record<string, unknown>; assets: { hostname: string; pending: number | null; measured: boolean }[] };
    expect(summary.summary).toMatchObject({ assetsInScope: 11, assetsMeasured: 2, fullyPatched: 0, fullyPatchedShare: 0, coverageGaps: 9, unsupportedOs: 1 });
    for (const name of NEVER) expect(summary.assets.find((asset) => asset.hostname === name)).toMatchObject({ pending: null, measured: false });
    const csv = Buffer.from(entries['data/coverage-gaps.csv'] ?? []).toString().replace(/^\uFEFF/, '');
    expect(csv.split('\r\n').slice(1, -1).map((line) => line.split(',')[0])).toEqual(NEVER);

    // The service's own figures, read in another process, are the ones every surface showed.
    const core = openAppCore({ dataDir: e2e.dataDir, mode: 'cli', actor: 'check', clock: fixedClock(new Date(NOW)) });
    const detail = await invoke<ComplianceDetail>(core, 'compliance:report', { siteId, from: '2026-11-01', to: '2026-11-19' });
    await core.close();
    expect(detail.site.assets).toEqual({ inScope: 11, measured: 2, coverageShare: 2 / 11, fullyPatched: 0, fullyPatchedShare: 0, securityPatched: 0, securityPatchedShare: 0 });
  }, 180_000);
});
