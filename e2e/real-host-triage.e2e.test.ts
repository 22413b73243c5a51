/**
 * Triage on a real host's data, in Chromium through the real browser host: this machine's
 * recorded Debian 12 collection (135 real pending upgrades), a Debian tracker in the real format
 * naming its real source packages with Debian's own CVE ids and fixed versions, and a KEV
 * catalogue (electron/test-support/real-debian-host.ts). Search the known-exploited CVE from the
 * header, open the emergency cycle it drafts, see the KEV badges in patch status and the drawer,
 * the no-fix-yet CVE, the overview's headline and the feed flags, and the policy's feed limits.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAppCore, type AppCore } from '../electron/core/app-core';
import { fixedClock } from '../electron/platform/clock';
import { REAL_HOST_CVES, REAL_HOST_NAME, REAL_HOST_PERL_BINARIES, realHostCollection, realHostKev, realHostTracker } from '../electron/test-support/real-debian-host';
import { makeTempDir, removeTempDirs } from '../electron/test-support/temp-dir';
import { launchBrowser } from './support/browser';
import { startHostProcess, type HostProcess } from './support/host-process';

const shots = fileURLToPath(new URL('./screenshots/', import.meta.url));
const NOW = '2026-12-07T09:00:00.000Z';
const SITE = 'Real host';
const CVE = REAL_HOST_CVES.perlPending;

let browser: Browser;
let host: HostProcess | undefined;
let dataDir: string;

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${shots}${name}.png`, fullPage: true });
}

async function invoke<T>(core: AppCore, channel: string, request: unknown): Promise<T> {
  const result = await core.dispatcher.invoke(channel, request);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as T;
}

/** The real host, internet-facing, its collection imported as a file; the tracker and KEV imported; mapped (a CLI-mode core maps at once). */
async function seed(): Promise<void> {
  const core = openAppCore({ dataDir, mode: 'cli', actor: 'seed', clock: fixedClock(new Date('2026-12-07T08:00:00.000Z')) });
  const siteId = (await invoke<{ id: number }>(core, 'sites:create', { name: SITE, timezone: 'Europe/Berlin' })).id;
  const assetId = (await invoke<{ id: number }>(core, 'assets:create', { siteId, fields: { hostname: REAL_HOST_NAME, addresses: ['10.40.0.5'], deviceType: 'server' } })).id;
  await invoke(core, 'tiers:classify', { assetIds: [assetId], classification: { impact: 'high', internetFacing: true, privilegedData: false, untrustedReachable: false } });
  await invoke(core, 'collect:importFile', { siteId, assetId, text: realHostCollection(), fileName: 'vm.pdc' });
  await invoke(core, 'intel:import', { fileName: 'debian-security-tracker.json', base64: Buffer.from(realHostTracker()).toString('base64') });
  await invoke(core, 'intel:import', { fileName: 'known_exploited_vulnerabilities.json', base64: Buffer.from(realHostKev('2026-12-05')).toString('base64') });
  await invoke(core, 'triage:site', { siteId });
  await core.close();
}

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  dataDir = makeTempDir('patchdesk-e2e-real-host-');
  await seed();
  host = await startHostProcess(dataDir, { now: NOW });
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  removeTempDirs();
});

describe('triage of a real host in the browser', () => {
  it('triages the CVE from the header search, opens the emergency cycle, and shows the KEV badges and feed flags', async () => {
    if (!host) throw new Error('no host');
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(host.openUrl);
    await page.getByTestId('triage-search-input').waitFor();

    await page.getByTestId('triage-search-input').fill(CVE.toLowerCase());
    await page.getByTestId('triage-search-input').press('Enter');
    await page.getByTestId('triage-screen').waitFor();
    const rows = page.getByTestId('triage-row');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-asset')).toBe(REAL_HOST_NAME);
    expect(await rows.first().getAttribute('data-state')).toBe('fix_pending');
    expect(await page.getByTestId('triage-summary').textContent()).toContain('1 of 1 asset affected: 1 fix pending');
    expect(await page.getByTestId('triage-cve').getByTestId('kev-badge').textContent()).toBe('KEV · ransomware');
    const rowText = (await rows.first().textContent()) ?? '';
    for (const text of ['libperl5.36, perl +2', '5.36.0-7+deb12u2 → 5.36.0-7+deb12u4', '(KEV rule)']) expect(rowText).toContain(text);
    await shot(page, '110-real-host-triage');

    await page.getByTestId('triage-open-cycle').click();
    await page.locator('[data-testid="cycle-detail"][data-kind="emergency"]').waitFor();
    expect(await page.getByTestId('cycle-detail').textContent()).toContain(CVE);
    await shot(page, '111-real-host-emergency-cycle');

    await page.getByTestId('rail-patch-status').click();
    await page.getByTestId('patch-status-screen').waitFor();
    await expect.poll(() => page.getByTestId('fleet-kev').count()).toBe(1);
    await page.getByTestId('filter-kev-only').check();
    await expect.poll(() => page.getByTestId('fleet-count').textContent()).toBe('1 host');
    await shot(page, '112-real-host-patch-status-kev');
    await page.getByText(REAL_HOST_NAME, { exact: true }).first().click();
    const drawer = page.getByTestId('asset-patch-drawer');
    await drawer.waitFor();
    await expect.poll(() => drawer.getByTestId('pending-kev-epss').getByTestId('kev-badge').count()).toBe(4);
    await drawer.getByTestId('filter-kev-only').check();
    await expect.poll(() => drawer.getByTestId('pending-row').count()).toBe(4);
    expect((await drawer.getByTestId('pending-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-package')))).sort()).toEqual([...REAL_HOST_PERL_BINARIES].sort());
    await shot(page, '113-real-host-drawer-pending');
    await drawer.getByTestId('asset-patch-tab-cves').click();
    await expect.poll(() => drawer.getByTestId('asset-cve-row').count()).toBeGreaterThan(0);
    expect(await drawer.textContent()).toContain(REAL_HOST_CVES.perlNoFix);
    await shot(page, '114-real-host-drawer-cves');
    await page.keyboard.press('Escape');

    await page.getByTestId('rail-overview').click();
    await page.getByTestId('kev-missing').waitFor();
    expect(await page.getByTestId('kev-missing-summary').textContent()).toBe('1 known-exploited CVE on 1 asset');
    await page.getByTestId('feed-age-notice').waitFor();
    expect(await page.getByTestId('feed-age-flag').allTextContents()).toEqual(['no EPSS feed imported: exploit probabilities (EPSS) not measured']);
    await shot(page, '115-real-host-overview');

    await page.getByTestId('rail-tiers').click();
    await page.getByTestId('tiers-tab-policy').click();
    await page.getByTestId('policy-feed-age').waitFor();
    expect(await page.getByTestId('policy-feed-age-kev').inputValue()).toBe('7');
    await page.getByTestId('policy-feed-age').scrollIntoViewIfNeeded();
    await shot(page, '116-real-host-policy-feed-age');
    expect(errors).toEqual([]);
    await page.close();
  });
});
