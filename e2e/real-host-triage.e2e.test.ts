/**
 * Triage on a real host's data, in Chromium through the real browser host: this machine's
 * recorded Debian 12 collection (135 real pending upgrades), a Debian tracker in the real format
 * naming its real source packages with Debian's own CVE ids and fixed versions, and a KEV
 * catalogue (electron/test-support/real-debian-host.ts). Search the known-exploited CVE from the
 * header, open the emergency cycle it drafts, see the KEV badges in patch status and the drawer,
 * the no-fix-yet CVE, the overview's headline and the feed flags, and the policy's feed limits.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../electron/core/app-core';
import { REAL_HOST_CVES, REAL_HOST_NAME, REAL_HOST_PERL_BINARIES, realHostCollection, realHostKev, realHostTracker } from '../electron/test-support/real-debian-host';
import { call as invoke } from '../electron/test-support/test-core';
import { startE2eSession, type E2eSession } from './support/e2e-session';

const NOW = '2026-12-07T09:00:00.000Z';
const SITE = 'Real host';
const CVE = REAL_HOST_CVES.perlPending;

let e2e: E2eSession;

async function shot(page: Page, name: string): Promise<void> {
  await e2e.shot(page, name, { fullPage: true });
}

/** The real host, internet-facing, its collection imported as a file; the tracker and KEV imported; mapped (a CLI-mode core maps at once). */
async function seed(core: AppCore): Promise<void> {
  const siteId = (await invoke<{ id: number }>(core, 'sites:create', { name: SITE, timezone: 'Europe/Berlin' })).id;
  const assetId = (await invoke<{ id: number }>(core, 'assets:create', { siteId, fields: { hostname: REAL_HOST_NAME, addresses: ['10.40.0.5'], deviceType: 'server' } })).id;
  await invoke(core, 'tiers:classify', { assetIds: [assetId], classification: { impact: 'high', internetFacing: true, privilegedData: false, untrustedReachable: false } });
  await invoke(core, 'collect:importFile', { siteId, assetId, text: realHostCollection(), fileName: 'vm.pdc' });
  await invoke(core, 'intel:import', { fileName: 'debian-security-tracker.json', base64: Buffer.from(realHostTracker()).toString('base64') });
  await invoke(core, 'intel:import', { fileName: 'known_exploited_vulnerabilities.json', base64: Buffer.from(realHostKev('2026-12-05')).toString('base64') });
  await invoke(core, 'triage:site', { siteId });
}

beforeAll(async () => {
  e2e = await startE2eSession({ owner: 'real-host-triage', seed: { at: '2026-12-07T08:00:00.000Z', run: seed }, host: { now: NOW } });
});
afterAll(() => e2e?.close());

describe('triage of a real host in the browser', () => {
  it('triages the CVE from the header search, opens the emergency cycle, and shows the KEV badges and feed flags', async () => {
    const { page, errors } = await e2e.openApp();
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
    await shot(page, '120-real-host-triage');

    await page.getByTestId('triage-open-cycle').click();
    await page.locator('[data-testid="cycle-detail"][data-kind="emergency"]').waitFor();
    expect(await page.getByTestId('cycle-detail').textContent()).toContain(CVE);
    await shot(page, '121-real-host-emergency-cycle');

    await page.getByTestId('rail-patch-status').click();
    await page.getByTestId('patch-status-screen').waitFor();
    await expect.poll(() => page.getByTestId('fleet-kev').count()).toBe(1);
    await page.getByTestId('filter-kev-only').check();
    await expect.poll(() => page.getByTestId('fleet-count').textContent()).toBe('1 host');
    await shot(page, '122-real-host-patch-status-kev');
    await page.getByText(REAL_HOST_NAME, { exact: true }).first().click();
    const drawer = page.getByTestId('asset-patch-drawer');
    await drawer.waitFor();
    await expect.poll(() => drawer.getByTestId('pending-kev-epss').getByTestId('kev-badge').count()).toBe(4);
    await drawer.getByTestId('filter-kev-only').check();
    await expect.poll(() => drawer.getByTestId('pending-row').count()).toBe(4);
    expect((await drawer.getByTestId('pending-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-package')))).sort()).toEqual([...REAL_HOST_PERL_BINARIES].sort());
    await shot(page, '123-real-host-drawer-pending');
    await drawer.getByTestId('asset-patch-tab-cves').click();
    await expect.poll(() => drawer.getByTestId('asset-cve-row').count()).toBeGreaterThan(0);
    expect(await drawer.textContent()).toContain(REAL_HOST_CVES.perlNoFix);
    await shot(page, '124-real-host-drawer-cves');
    await page.keyboard.press('Escape');

    await page.getByTestId('rail-overview').click();
    await page.getByTestId('kev-missing').waitFor();
    expect(await page.getByTestId('kev-missing-summary').textContent()).toBe('1 known-exploited CVE on 1 asset');
    await page.getByTestId('feed-age-notice').waitFor();
    expect(await page.getByTestId('feed-age-flag').allTextContents()).toEqual(['no EPSS feed imported: exploit probabilities (EPSS) not measured']);
    await shot(page, '125-real-host-overview');

    await page.getByTestId('rail-tiers').click();
    await page.getByTestId('tiers-tab-policy').click();
    await page.getByTestId('policy-feed-age').waitFor();
    expect(await page.getByTestId('policy-feed-age-kev').inputValue()).toBe('7');
    await page.getByTestId('policy-feed-age').scrollIntoViewIfNeeded();
    await shot(page, '126-real-host-policy-feed-age');
    expect(errors).toEqual([]);
    await page.close();
  });
});
