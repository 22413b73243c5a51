/**
 * Issue 10's triage as a user does it, in Chromium through the real browser host: with the real
 * Debian security tracker sample and a KEV catalogue in CISA's format imported through the real
 * importers, type a CVE in the header search, see which hosts it affects and how (fix pending,
 * fix not offered under an exception with its compensating controls, fixed, not known), open the
 * emergency cycle it drafts, then see the KEV badges in patch status, the asset drawer and the
 * overview's "Known exploited, still missing".
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostCollection, PendingUpdateData } from '../shared/contract/patch-status';
import type { AppCore } from '../electron/core/app-core';
import { call as invoke } from '../electron/test-support/test-core';
import { startE2eSession, type E2eSession } from './support/e2e-session';

const samples = new URL('../electron/services/intel/feeds/parsers/fixtures/', import.meta.url);

const NOW = '2026-11-20T08:00:00.000Z';
const SITE = 'Praxis Weber';
const CVE = 'CVE-2016-5405';

let e2e: E2eSession;

async function shot(page: Page, name: string): Promise<void> {
  await e2e.shot(page, name, { fullPage: true });
}

const BULLSEYE = { id: 'debian', name: 'Debian GNU/Linux 11 (bullseye)', version: '11', build: '5.10.0-28-amd64' };
function collection(at: string, version: string, pending: PendingUpdateData[]): HostCollection {
  const installed = [{ name: '389-ds-base', arch: 'amd64', version, sourceName: '389-ds-base', sourceVersion: version, status: 'installed' }];
  return { collectedAt: at, method: 'offline-file', platform: 'linux', hostname: '', os: BULLSEYE, packageManager: 'apt', uptimeSeconds: 100, rebootRequired: false, rebootReason: '', lastPatchedAt: null, installedCount: 1, installed, pending, installedKbs: [], device: null, warnings: [] };
}
const dsUpdate: PendingUpdateData = { name: '389-ds-base', arch: 'amd64', installedVersion: '1.3.5.10-1', availableVersion: '1.3.5.15-1', repository: 'Debian-Security:11/oldstable-security', security: true, cves: [], advisories: [], kind: 'upgrade' };

/** Four directory servers and a printer: one with the fix pending, one without it offered (excepted), one fixed, one never collected. */
async function seed(core: AppCore): Promise<void> {
  const siteId = (await invoke<{ id: number }>(core, 'sites:create', { name: SITE, timezone: 'Europe/Berlin' })).id;
  const make = async (hostname: string, address: string) => (await invoke<{ id: number }>(core, 'assets:create', { siteId, fields: { hostname, addresses: [address], deviceType: 'server' } })).id;
  const ldap1 = await make('ldap-01', '10.30.0.11');
  const ldap2 = await make('ldap-02', '10.30.0.12');
  const ldap3 = await make('ldap-03', '10.30.0.13');
  await make('print-01', '10.30.0.40');
  await invoke(core, 'tiers:classify', { assetIds: [ldap1], classification: { impact: 'high', internetFacing: true, privilegedData: true, untrustedReachable: false } });
  await invoke(core, 'tiers:classify', { assetIds: [ldap2, ldap3], classification: { impact: 'moderate', internetFacing: false, privilegedData: true, untrustedReachable: false } });
  core.services.patchStatus.storeCollection(ldap1, collection('2026-11-17T06:00:00.000Z', '1.3.5.10-1', [dsUpdate]), null);
  core.services.patchStatus.storeCollection(ldap2, collection('2026-11-17T06:00:00.000Z', '1.3.5.10-1', []), null);
  core.services.patchStatus.storeCollection(ldap3, collection('2026-11-10T06:00:00.000Z', '1.3.5.10-1', [dsUpdate]), null);
  core.services.patchStatus.storeCollection(ldap3, collection('2026-11-17T06:00:00.000Z', '1.3.5.15-1', []), null);
  await invoke(core, 'exceptions:create', { siteId, scope: { kind: 'cve', value: CVE, assetId: ldap2 }, reason: 'Vendor appliance, upgrade in Q1', owner: 'Dr. Weber', compensatingControls: 'LDAP reachable only from the mail relay (firewall rule 12)', expiresAt: '2026-12-31' });
  const tracker = readFileSync(new URL('debian-security-tracker-json_sample.json', samples));
  await invoke(core, 'intel:import', { fileName: 'debian-security-tracker.json', base64: tracker.toString('base64') });
  // CISA's one-entry sample catalogue, its entry moved to the tracker sample's CVE (same format and fields).
  const kev = readFileSync(new URL('cisa_kev_2022-08-18_one-entry.json', samples), 'utf8').replace('CVE-2022-21971', CVE).replace('"Unknown"', '"Known"');
  await invoke(core, 'intel:import', { fileName: 'known_exploited_vulnerabilities.json', base64: Buffer.from(kev).toString('base64') });
}

beforeAll(async () => {
  e2e = await startE2eSession({ owner: 'triage', seed: { at: '2026-11-18T07:00:00.000Z', run: seed }, host: { now: NOW } });
});
afterAll(() => e2e?.close());

describe('triage in the browser', () => {
  it('triages a CVE from the header search, opens an emergency cycle from it, and shows KEV badges', async () => {
    const { page } = await e2e.openApp();
    await page.getByTestId('triage-search-input').waitFor();

    // A typo is refused in place; a CVE opens its triage.
    await page.getByTestId('triage-search-input').fill('not an id!');
    await page.getByTestId('triage-search-input').press('Enter');
    await page.getByTestId('triage-search-invalid').waitFor();
    await page.getByTestId('triage-search-input').fill('cve-2016-5405');
    await page.getByTestId('triage-search-input').press('Enter');
    await page.getByTestId('triage-screen').waitFor();
    const rows = page.getByTestId('triage-row');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.evaluateAll((elements) => elements.map((element) => [element.getAttribute('data-asset'), element.getAttribute('data-state')]))).toEqual([
      ['ldap-01', 'fix_pending'],
      ['ldap-02', 'fix_not_offered'],
    ]);
    expect(await page.getByTestId('triage-summary').textContent()).toContain('2 of 4 assets affected: 1 fix pending, 1 fix not offered; 1 under an exception; 1 fixed; 1 not known');
    expect(await page.getByTestId('triage-cve').getByTestId('kev-badge').textContent()).toBe('KEV · ransomware');
    expect(await page.getByTestId('triage-exception').textContent()).toContain('LDAP reachable only from the mail relay');
    expect(await page.getByTestId('triage-fixed').textContent()).toContain('ldap-03');
    expect(await page.getByTestId('triage-unknown-row').getAttribute('data-reason')).toBe('never_collected');
    expect(await rows.first().textContent()).toContain('CVE-2016-5405 is known exploited (CISA KEV since 2022-08-18)');
    await shot(page, '100-triage-view');

    // The emergency cycle, scope and trigger filled in from the triage.
    await page.getByTestId('triage-open-cycle').click();
    const cycle = page.getByTestId('cycle-detail');
    await page.locator('[data-testid="cycle-detail"][data-kind="emergency"]').waitFor();
    expect(await cycle.textContent()).toContain(CVE);
    await shot(page, '101-triage-emergency-cycle');

    // Patch status: KEV badge and EPSS column per host, the "KEV only" filter, and the drawer per update.
    await page.getByTestId('rail-patch-status').click();
    await page.getByTestId('patch-status-screen').waitFor();
    await expect.poll(() => page.getByTestId('fleet-kev').count()).toBe(1);
    await page.getByTestId('filter-kev-only').check();
    await expect.poll(() => page.getByTestId('fleet-count').textContent()).toBe('1 of 4 hosts');
    await shot(page, '102-triage-patch-status-kev');
    await page.getByText('ldap-01').first().click();
    const drawer = page.getByTestId('asset-patch-drawer');
    await drawer.waitFor();
    await expect.poll(() => drawer.getByTestId('pending-kev-epss').getByTestId('kev-badge').count()).toBe(1);
    await shot(page, '103-triage-drawer-pending');
    await drawer.getByTestId('asset-patch-tab-cves').click();
    await expect.poll(() => drawer.getByTestId('asset-cve-row').count()).toBe(2);
    await shot(page, '104-triage-drawer-cves');
    await page.keyboard.press('Escape');

    // The overview's headline.
    await page.getByTestId('rail-overview').click();
    const headline = page.getByTestId('kev-missing');
    await headline.waitFor();
    expect(await page.getByTestId('kev-missing-summary').textContent()).toBe('1 known-exploited CVE on 2 assets; 1 without a fix offered');
    await shot(page, '105-triage-overview-kev');

    // The Feeds panel: every feed the figures came from, with its provenance.
    await page.getByTestId('rail-settings').click();
    await page.getByTestId('intel-feeds').waitFor();
    await expect.poll(() => page.getByTestId('intel-feed-row').count()).toBeGreaterThanOrEqual(2);
    expect(await page.getByTestId('intel-feeds').textContent()).toContain('SHA-256');
    await shot(page, '106-triage-feeds-panel');
    await page.close();
  });
});
