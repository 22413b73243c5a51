/**
 * Issue 2 as a user does it, in Chromium through the real browser host: create a site, scan a
 * loopback range where listeners stand in for hosts and watch them appear live, accept an
 * unreviewed host, classify tiers in bulk with one override, import a CSV with one bad row and
 * see its error, then restart the host and find everything still there. Screenshots of every
 * screen go to e2e/screenshots/.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2eSession, type E2eSession } from './support/e2e-session';
import { openListeners } from './support/listeners';

const SSH_PORT = 22022;
const WEB_PORT = 28080;

let e2e: E2eSession;

async function shot(page: Page, name: string): Promise<void> {
  await e2e.shot(page, name);
}

async function openApp(): Promise<Page> {
  return (await e2e.openApp()).page;
}

beforeAll(async () => {
  e2e = await startE2eSession({
    owner: 'inventory',
    before: () =>
      openListeners([
        { address: '127.42.0.2', port: SSH_PORT, banner: 'SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3' },
        { address: '127.42.0.3', port: SSH_PORT, banner: 'SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.6' },
        { address: '127.42.0.3', port: WEB_PORT },
        { address: '127.42.0.5', port: WEB_PORT },
      ]),
  });
});
afterAll(() => e2e?.close());

describe('inventory, discovery and risk tiers in the browser', () => {
  it('refuses a visit without the session token', async () => {
    const page = await e2e.browser.newPage();
    await page.goto(e2e.host.openUrl.split('#')[0] ?? '');
    await expect.poll(() => page.getByTestId('token-screen').isVisible()).toBe(true);
    await page.close();
  });

  it('walks a new user from the first site through a scan, review, tiers and an import, and keeps it all across a restart', async () => {
    const page = await openApp();

    // First run: create the site.
    await page.getByTestId('welcome-screen').waitFor();
    await shot(page, '01-welcome');
    await page.getByTestId('site-name').fill('Acme Dental');
    await page.getByTestId('site-networks').fill('127.42.0.0/29\n127.42.0.300');
    await expect.poll(() => page.getByTestId('welcome-screen').textContent()).toContain('127.42.0.300');
    await page.getByTestId('site-networks').fill('127.42.0.0/29');
    await page.getByTestId('create-site-submit').click();

    // The first scan, with the site's networks prefilled; hosts appear while it runs.
    await page.getByTestId('scan-screen').waitFor();
    expect(await page.getByTestId('scan-targets').inputValue()).toContain('127.42.0.0/29');
    await page.getByTestId('scan-ports').fill(`${SSH_PORT}, ${WEB_PORT}`);
    await page.getByTestId('scan-timeout').fill('400');
    await shot(page, '02-scan-form');
    await page.getByTestId('scan-start').click();
    await page.locator('[data-testid="live-host"][data-address="127.42.0.2"]').waitFor();
    await page.locator('[data-testid="scan-live"][data-state="completed"]').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('live-host').count()).toBe(3);
    expect(await page.locator('[data-testid="live-host"][data-address="127.42.0.3"]').textContent()).toContain(String(WEB_PORT));
    await shot(page, '03-scan-done');

    // Review: the found hosts are unreviewed until the admin accepts them.
    await page.getByTestId('rail-inventory').click();
    await page.getByTestId('view-unreviewed').click();
    await expect.poll(() => page.getByTestId('asset-table-row').count()).toBe(3);
    await shot(page, '04-unreviewed');
    const firstHost = page.getByTestId('asset-table-row').filter({ hasText: '127.42.0.2' });
    await firstHost.click();
    await page.getByTestId('asset-drawer').waitFor();
    await expect.poll(() => page.getByTestId('asset-evidence').textContent()).toMatch(/Debian/i);
    await shot(page, '05-asset-drawer');
    await page.getByTestId('asset-accept').click();
    await expect.poll(() => page.getByTestId('view-active-count').textContent()).toBe('1');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('asset-table-row').count()).toBe(2);
    await page.getByTestId('asset-table-select-all').check();
    await page.getByTestId('bulk-accept').click();
    await expect.poll(() => page.getByTestId('view-active-count').textContent()).toBe('3');

    // Risk tiers: classify all three in bulk, then override one with a reason.
    await page.getByTestId('rail-tiers').click();
    await page.getByTestId('tiers-screen').waitFor();
    await page.getByTestId('tier-table-select-all').check();
    await page.getByTestId('impact-moderate').check();
    await page.getByTestId('exposure-internetFacing').check();
    await expect.poll(() => page.getByTestId('classify-result').textContent()).toContain('1');
    await page.getByTestId('classify-apply').click();
    await expect.poll(() => page.getByTestId('tier-table').textContent()).not.toContain('Unclassified');
    await page.getByTestId('tier-table-select-all').uncheck();
    await page.getByTestId('tier-table-row').filter({ hasText: '127.42.0.5' }).getByRole('checkbox').check();
    await page.getByTestId('override-open').click();
    await page.getByTestId('override-tier-3').check();
    await page.getByTestId('override-reason').fill('Lab printer, isolated VLAN; risk accepted by the owner');
    await page.getByTestId('override-submit').click();
    await expect.poll(() => page.getByTestId('tier-table-row').filter({ hasText: '127.42.0.5' }).textContent()).toMatch(/Tier 3|3/);
    await shot(page, '06-tiers');

    // Import a CSV with one bad row: the good rows land, the bad one is reported by line.
    await page.getByTestId('rail-inventory').click();
    await page.getByTestId('view-active').click();
    await page.getByTestId('import-menu').click();
    await page.getByTestId('import-csv').click();
    const csv = 'Hostname;IP Address;Owner;Location\nfs01;10.9.0.5;Ana;Rack 1\nbroken;10.9.0.300;Ben;Rack 2\nprinter-2;10.9.0.7;Cy;Office\n';
    await page.getByTestId('csv-file').setInputFiles({ name: 'inventory.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByTestId('csv-mapping').waitFor();
    await shot(page, '07-csv-mapping');
    await page.getByTestId('csv-commit').click();
    await page.getByTestId('import-report').waitFor();
    expect(await page.getByTestId('import-created').textContent()).toContain('2');
    const error = page.locator('[data-testid="import-error"][data-line="3"]');
    expect(await error.textContent()).toContain('10.9.0.300');
    await shot(page, '08-csv-report');
    await page.getByTestId('csv-done').click();
    await expect.poll(() => page.getByTestId('view-active-count').textContent()).toBe('5');
    await shot(page, '09-inventory');
    await page.close();

    // Restart the host: a new token, the same data.
    await e2e.startHost();
    const again = await openApp();
    // A site with assets opens on its overview.
    await again.getByTestId('overview-screen').waitFor();
    expect(await again.getByTestId('current-site-name').textContent()).toContain('Acme Dental');
    await again.getByTestId('rail-inventory').click();
    await expect.poll(() => again.getByTestId('view-active-count').textContent()).toBe('5');
    await again.getByTestId('rail-tiers').click();
    await expect.poll(() => again.getByTestId('tier-table-row').filter({ hasText: '127.42.0.5' }).textContent()).toMatch(/Tier 3|3/);
    await again.getByRole('radio', { name: 'Dark theme' }).click();
    await shot(again, '10-tiers-dark');
    await again.close();
  });
});
