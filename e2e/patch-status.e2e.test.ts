/**
 * Issue 3 as a user does it, in Chromium through the real browser host, against real OpenSSH
 * servers on loopback that serve this Debian machine: set up the vault, add an SSH credential,
 * collect, see pending updates with their ages, then accept a host key that changed.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../electron/core/app-core';
import { startSshLab, type SshLab } from '../electron/test-support/ssh-lab/index';
import { call } from '../electron/test-support/test-core';
import { startE2eSession, type E2eSession } from './support/e2e-session';

let lab: SshLab;
let e2e: E2eSession;

async function shot(page: Page, name: string): Promise<void> {
  await e2e.shot(page, name);
}

/** What apt itself says is upgradable on this machine. */
function aptUpgradeCount(): number {
  const output = execFileSync('apt-get', ['-s', '-qq', '-o', 'Debug::NoLocking=true', 'dist-upgrade'], { env: { ...process.env, LC_ALL: 'C', LANG: 'C' }, encoding: 'utf8' });
  return output.split('\n').filter((line) => /^Inst \S+ \[/.test(line)).length;
}

/** The inventory is issue 2's; here it is seeded directly so this test is about patch status. */
async function seed(core: AppCore): Promise<void> {
  const site = await call<{ id: number }>(core, 'sites:create', { name: 'Lab clinic' });
  for (const [index, server] of lab.servers.entries()) {
    await call(core, 'assets:create', {
      siteId: site.id,
      fields: { hostname: `lab-${index + 1}`, addresses: [server.host], tags: ['linux'], access: { method: 'ssh', port: server.port, username: lab.users.key.username } },
    });
  }
}

beforeAll(async () => {
  e2e = await startE2eSession({
    owner: 'patch-status',
    before: async () => {
      lab = await startSshLab({ servers: 2 });
      return () => lab.stop();
    },
    seed: { run: seed },
  });
});
afterAll(() => e2e?.close());

describe('patch status in the browser', () => {
  it('adds a credential, collects from real sshd hosts, shows pending updates with ages, and accepts a changed host key', async () => {
    const { page } = await e2e.openApp();
    await page.getByTestId('rail-patch-status').click();
    await page.getByTestId('patch-status-screen').waitFor();
    await shot(page, '20-status-empty');

    // The vault, then an SSH key credential bound to the linux tag.
    await page.getByTestId('open-credentials').click();
    await page.getByTestId('credentials-screen').waitFor();
    await page.getByTestId('vault-passphrase').fill('correct horse battery staple');
    await page.getByTestId('vault-passphrase-confirm').fill('correct horse battery staple');
    await page.getByTestId('vault-understood').check();
    await page.getByTestId('vault-setup-submit').click();
    await page.locator('[data-testid="vault-panel"][data-state="unlocked"]').waitFor();
    await page.getByTestId('add-credential').click();
    await page.getByTestId('add-credential-dialog').waitFor();
    await page.getByTestId('credential-name').fill('Lab key');
    await page.getByRole('radio', { name: 'Private key' }).check();
    await page.getByTestId('credential-username').fill(lab.users.key.username);
    await page.getByTestId('credential-private-key').fill(lab.clientKey.privateKey);
    await shot(page, '21-add-credential');
    await page.getByTestId('credential-submit').click();
    await page.getByTestId('bind-credential-dialog').waitFor();
    await page.getByTestId('bind-tags').fill('linux');
    await page.getByTestId('bind-submit').click();
    await expect.poll(() => page.getByTestId('credential-row').count()).toBe(1);
    expect(await page.getByTestId('credential-fingerprint').textContent()).toContain('SHA256:');
    expect(await page.content()).not.toContain('PRIVATE KEY-----');
    await shot(page, '22-credentials');

    // Collect both hosts; the first use pins their host keys.
    await page.getByTestId('credentials-back').click();
    await page.getByTestId('collect-now').click();
    await page.locator('[data-testid="collect-live"][data-state="completed"]').waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('collect-ok').textContent()).toContain('2');
    await shot(page, '23-collect-done');

    // The real collection dated each upgrade by the apt Release file of its archive.
    const db = new Database(join(e2e.dataDir, 'patchdesk.db'));
    expect((db.prepare("SELECT COUNT(*) AS n FROM pending_updates WHERE published_basis = 'repository_date' AND published_at < first_seen_at").get() as { n: number }).n).toBeGreaterThan(0);
    // Pretend the missing fixes were first seen nine days ago, as a later collection would find
    // them, without publication dates: their clocks then run from first seen.
    db.prepare("UPDATE pending_updates SET first_seen_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-9 days'), published_at = NULL, published_basis = NULL").run();
    db.close();

    await page.getByTestId('status-tab-overview').click();
    await page.reload();
    await page.getByTestId('fleet-table-row').first().click();
    await page.getByTestId('asset-patch-drawer').waitFor();
    const expected = aptUpgradeCount();
    await expect.poll(() => page.getByTestId('pending-row').count(), { timeout: 20_000 }).toBe(Math.min(expected, 10_000));
    expect(await page.getByTestId('pending-row').first().getAttribute('data-age-days')).toMatch(/^9(\.\d)?$/);
    expect(await page.getByTestId('pending-clock-from').first().textContent()).toMatch(/^first seen \d{4}-\d{2}-\d{2}$/);
    await shot(page, '24-asset-pending');
    await page.keyboard.press('Escape');

    // A host key changes: that host stops until the admin accepts the new key.
    const changed = lab.servers[0];
    if (!changed) throw new Error('no lab server');
    await changed.restart({ newHostKey: true });
    await page.getByTestId('collect-now').click();
    await page.locator('[data-testid="collect-live"][data-state="completed"]').waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('collect-failed').textContent()).toContain('1');
    await page.getByTestId('status-tab-hostkeys').click();
    await page.getByTestId('hostkey-changed').waitFor();
    expect(await page.getByTestId('hostkey-new').textContent()).toContain(changed.hostKey.sha256);
    await shot(page, '25-hostkey-changed');
    await page.getByTestId('hostkey-verified').check();
    await page.getByTestId('hostkey-accept').click();
    await expect.poll(() => page.getByTestId('hostkey-changed').count()).toBe(0);

    await page.getByTestId('status-tab-overview').click();
    await page.getByTestId('collect-now').click();
    await page.locator('[data-testid="collect-live"][data-state="completed"]').waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('collect-ok').textContent()).toContain('2');
    await page.getByTestId('status-tab-overview').click();
    await shot(page, '26-status-overview');
    await page.close();
  }, 300_000);
});
