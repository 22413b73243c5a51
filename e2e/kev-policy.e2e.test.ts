/**
 * KEV rules are part of the site policy, edited in the policy editor: with the real Debian
 * tracker sample and a KEV catalogue in CISA's format imported, a host misses the fix for a
 * known-exploited CVE; the patch-status drawer shows its due date from the default rule (CISA's
 * due date), then, after the admin sets "every other asset: within 3 days" in the policy editor,
 * the same drawer shows the earlier due date. A rule that sets no deadline is refused in place.
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
const CVE = 'CVE-2016-5405';

let e2e: E2eSession;

async function shot(page: Page, name: string): Promise<void> {
  await e2e.shot(page, name, { fullPage: true });
}

const BULLSEYE = { id: 'debian', name: 'Debian GNU/Linux 11 (bullseye)', version: '11', build: '5.10.0-28-amd64' };
const dsUpdate: PendingUpdateData = { name: '389-ds-base', arch: 'amd64', installedVersion: '1.3.5.10-1', availableVersion: '1.3.5.15-1', repository: 'Debian-Security:11/oldstable-security', security: true, cves: [], advisories: [], kind: 'upgrade' };
function collection(at: string): HostCollection {
  const installed = [{ name: '389-ds-base', arch: 'amd64', version: '1.3.5.10-1', sourceName: '389-ds-base', sourceVersion: '1.3.5.10-1', status: 'installed' }];
  return { collectedAt: at, method: 'offline-file', platform: 'linux', hostname: '', os: BULLSEYE, packageManager: 'apt', uptimeSeconds: 100, rebootRequired: false, rebootReason: '', lastPatchedAt: null, installedCount: 1, installed, pending: [dsUpdate], installedKbs: [], device: null, warnings: [] };
}

/** One internal directory server missing the fix since 17 November; the CVE listed by CISA on 10 November, due 1 December. */
async function seed(core: AppCore): Promise<void> {
  const siteId = (await invoke<{ id: number }>(core, 'sites:create', { name: 'Praxis Weber', timezone: 'Europe/Berlin' })).id;
  const ldap = (await invoke<{ id: number }>(core, 'assets:create', { siteId, fields: { hostname: 'ldap-01', addresses: ['10.30.0.11'], deviceType: 'server' } })).id;
  await invoke(core, 'tiers:classify', { assetIds: [ldap], classification: { impact: 'moderate', internetFacing: false, privilegedData: true, untrustedReachable: false } });
  core.services.patchStatus.storeCollection(ldap, collection('2026-11-17T06:00:00.000Z'), null);
  const tracker = readFileSync(new URL('debian-security-tracker-json_sample.json', samples));
  await invoke(core, 'intel:import', { fileName: 'debian-security-tracker.json', base64: tracker.toString('base64') });
  const kev = readFileSync(new URL('cisa_kev_2022-08-18_one-entry.json', samples), 'utf8')
    .replace('CVE-2022-21971', CVE)
    .replace('"dateAdded":  "2022-08-18"', '"dateAdded":  "2026-11-10"')
    .replace('"dueDate":  "2022-09-08"', '"dueDate":  "2026-12-01"');
  await invoke(core, 'intel:import', { fileName: 'known_exploited_vulnerabilities.json', base64: Buffer.from(kev).toString('base64') });
}

/** The drawer's SLA badge once it shows `state` (the screen may first show what it read before the policy changed), and its title. */
async function drawerDue(page: Page, state: string): Promise<string | null> {
  await page.getByTestId('rail-patch-status').click();
  await page.getByTestId('patch-status-screen').waitFor();
  await page.getByText('ldap-01').first().click();
  const drawer = page.getByTestId('asset-patch-drawer');
  await drawer.waitFor();
  const badge = drawer.getByTestId('sla-badge').first();
  await expect.poll(() => badge.getAttribute('data-state')).toBe(state);
  return badge.getAttribute('title');
}

beforeAll(async () => {
  e2e = await startE2eSession({ owner: 'kev-policy', seed: { at: '2026-11-18T07:00:00.000Z', run: seed }, host: { now: NOW } });
});
afterAll(() => e2e?.close());

describe('KEV rules in the policy editor', () => {
  it('edits a KEV rule and the patch-status due date follows', async () => {
    const { page } = await e2e.openApp();
    await page.getByTestId('rail-patch-status').waitFor();

    // Default rules: an internal asset is held to CISA's due date.
    const before = await drawerDue(page, 'within');
    expect(before).toContain('due 1 December 2026');
    expect(before).toContain("the policy's KEV rule holds it to CISA's due date");
    await shot(page, '110-kev-policy-drawer-before');
    await page.keyboard.press('Escape');

    await page.goto(`${e2e.host.openUrl.split('#')[0]}#/tiers/policy`);
    const kev = page.getByTestId('policy-kev-rules');
    await kev.waitFor();
    expect(await page.getByTestId('policy-kev-all-days').inputValue()).toBe('');
    expect(await page.getByTestId('policy-kev-internet_facing-days').inputValue()).toBe('7');
    // A rule with neither days nor CISA's due date is refused, naming the row.
    await page.getByTestId('policy-kev-all-cisa').uncheck();
    await expect.poll(() => page.getByTestId('policy-kev-messages').textContent()).toContain("Every other asset: the KEV rule for every other asset sets no deadline");
    expect(await page.getByTestId('policy-save').isDisabled()).toBe(true);
    await page.getByTestId('policy-kev-all-cisa').check();
    await page.getByTestId('policy-kev-all-days').fill('3');
    await shot(page, '111-kev-policy-editor');
    await page.getByTestId('policy-save').click();
    // Saved: not "Saving…" any more, and nothing left to save.
    await page.locator('[data-testid="policy-save"][disabled]', { hasText: 'Save policy' }).waitFor();

    // 3 days from the later of first seen (17 Nov) and the KEV listing (10 Nov): due 20 November, today.
    const after = await drawerDue(page, 'due_soon');
    expect(after).toContain('Due 20 November 2026');
    expect(after).toContain("shortened by the policy's KEV rule");
    await shot(page, '112-kev-policy-drawer-after');
    await page.close();
  });
});
