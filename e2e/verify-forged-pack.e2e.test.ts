/**
 * Issue 8, item 6 as a user meets it, in Chromium through the real browser host: a pack whose
 * data/assets.csv was altered and re-signed with another key is uploaded to the Evidence step's
 * verify panel and reads "Signed by an unknown key" with the forger's fingerprint, never
 * "verified". The admin then trusts that key (as they would after the issuer confirmed it by
 * phone) and the same pack verifies, naming the trusted signer; removing the trust fails it again.
 * None of it creates this installation's signing key.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../electron/core/app-core';
import { buildEvidencePack } from '../electron/services/evidence/pack/build-pack';
import { SIGNING_KEY_FILE } from '../electron/services/evidence/signing/installation-key';
import { forgePack, freshSigner } from '../electron/test-support/forge-pack';
import { makeTempDir } from '../electron/test-support/temp-dir';
import { call } from '../electron/test-support/test-core';
import { startE2eSession, type E2eSession } from './support/e2e-session';

const root = fileURLToPath(new URL('..', import.meta.url));
const text = (value: string) => new TextEncoder().encode(value);

let e2e: E2eSession;
let forgedFile: string;
const forger = freshSigner();

async function shot(page: Page, name: string): Promise<void> {
  await e2e.shot(page, name);
}

/** A site, a genuine pack from the MSP, and a forged copy whose assets.csv hides 83 missing fixes. This installation has no signing key. */
async function seed(core: AppCore): Promise<void> {
  await call(core, 'sites:create', { name: 'Zahnarztpraxis Müller', timezone: 'Europe/Berlin' });
  const genuine = buildEvidencePack(
    {
      files: [
        { path: 'report.pdf', bytes: text('%PDF-1.7 compliance report') },
        { path: 'data/assets.csv', bytes: text('hostname,pending_security\npraxis-db,83\nempfang-pc,0\n') },
      ],
      meta: { siteName: 'Zahnarztpraxis Müller', period: { from: '2026-10-01', to: '2026-10-31', timezone: 'Europe/Berlin' }, generatedAt: '2026-11-02T09:00:00.000Z', generatedBy: 'Dr. Anna Müller', auditChainHead: { id: 1, hash: 'ab'.repeat(32) } },
    },
    freshSigner(),
  );
  forgedFile = join(makeTempDir('patchdesk-e2e-forged-'), 'praxis-october.zip');
  writeFileSync(forgedFile, forgePack(genuine, 'data/assets.csv', text('hostname,pending_security\npraxis-db,0\nempfang-pc,0\n'), forger));
}

beforeAll(async () => {
  e2e = await startE2eSession({ owner: 'verify-forged-pack', seed: { run: seed } });
});
afterAll(() => e2e?.close());

describe('verifying a forged pack in the Evidence step', () => {
  it('says "Signed by an unknown key" with the fingerprint, then verifies once the key is trusted', async () => {
    const { page, errors: pageErrors } = await e2e.openApp({ hash: '#/evidence/verify' });
    await page.getByTestId('evidence-verify-file').setInputFiles(forgedFile);

    const result = page.getByTestId('evidence-verify-result');
    await expect.poll(() => result.getAttribute('data-trust')).toBe('unknown');
    expect(await result.getAttribute('data-ok')).toBe('false');
    expect(await page.getByTestId('evidence-verify-title').textContent()).toBe('Signed by an unknown key');
    expect(await page.getByTestId('evidence-verify-summary').textContent()).toContain(`Fingerprint: ${forger.fingerprint}.`);
    expect(await page.getByTestId('evidence-verify-fingerprint').textContent()).toBe(forger.fingerprint);
    expect(await page.getByTestId('evidence-verify-signer').textContent()).toMatch(/^Signed by an unknown key/);
    expect(await page.locator('[data-testid="evidence-verify-file-row"][data-path="data/assets.csv"]').getAttribute('data-status')).toBe('ok');
    expect(await page.getByText('Pack verified').count()).toBe(0);
    await shot(page, '80-verify-unknown-signer');

    // The issuer confirmed the fingerprint by phone: trust it from the result.
    await page.getByTestId('evidence-verify-trust').click();
    await expect.poll(() => page.getByTestId('trusted-signer-fingerprint').inputValue()).toBe(forger.fingerprint);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('trusted-signer-name');
    await page.getByTestId('trusted-signer-name').fill('Northwind IT, Berlin office');
    await shot(page, '81-verify-trust-form');
    await page.getByTestId('trusted-signer-add').click();

    await expect.poll(() => result.getAttribute('data-ok')).toBe('true');
    expect(await result.getAttribute('data-trust')).toBe('trusted_signer');
    expect(await page.getByTestId('evidence-verify-title').textContent()).toBe('Pack verified');
    expect(await page.getByTestId('evidence-verify-signer').textContent()).toBe('Signed by trusted signer “Northwind IT, Berlin office”.');
    await expect.poll(() => page.getByTestId('trusted-signer-row').count()).toBe(1);
    expect(await page.getByTestId('trusted-signer-row').getAttribute('data-fingerprint')).toBe(forger.fingerprint);
    await shot(page, '82-verify-trusted-signer');
    await page.getByTestId('trusted-signers').scrollIntoViewIfNeeded();
    await shot(page, '83-trusted-signers-list');

    // The CLI on the same data folder agrees, and lists the signer the UI added.
    const cli = spawnSync(process.execPath, ['bin/patchdesk.mjs', '--data-dir', e2e.dataDir, 'verify', forgedFile], { cwd: root, encoding: 'utf8' });
    expect(cli.status, cli.stderr).toBe(0);
    expect(cli.stdout).toContain(`Signed by ${forger.fingerprint} (trusted signer "Northwind IT, Berlin office")`);

    // A fingerprint typed wrong is named; removing the trust fails the pack again.
    await page.getByTestId('trusted-signer-fingerprint').fill('SHA256:abc');
    await page.getByTestId('trusted-signer-name').fill('Typo');
    await page.getByTestId('trusted-signer-add').click();
    await expect.poll(() => page.getByText('"SHA256:abc" is not a signing key fingerprint').count()).toBe(1);
    await shot(page, '84-trusted-signer-bad-fingerprint');
    await page.getByTestId('trusted-signer-remove').click();
    await page.getByTestId('trusted-signer-remove-confirm').click();
    await expect.poll(() => page.getByTestId('trusted-signer-row').count()).toBe(0);
    await expect.poll(() => result.getAttribute('data-trust')).toBe('unknown');
    expect(await result.getAttribute('data-ok')).toBe('false');
    const cliAfter = spawnSync(process.execPath, ['bin/patchdesk.mjs', '--data-dir', e2e.dataDir, 'verify', forgedFile], { cwd: root, encoding: 'utf8' });
    expect(cliAfter.status).toBe(1);
    expect(cliAfter.stderr).toContain(`signed by an unknown key ${forger.fingerprint}`);
    expect(pageErrors).toEqual([]);
    // Verifying, in the UI or the CLI, never created this installation's signing key.
    expect(existsSync(join(e2e.dataDir, SIGNING_KEY_FILE))).toBe(false);
    await page.close();
  }, 180_000);
});
