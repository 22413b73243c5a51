import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EvidenceVerification, TrustedSigner } from '../../../../shared/contract/evidence';
import { forgePack, freshSigner } from '../../../test-support/forge-pack';
import { removeTempDirs } from '../../../test-support/temp-dir';
import { call, openTestCore } from '../../../test-support/test-core';
import { buildEvidencePack } from '../pack/build-pack';
import { SIGNING_KEY_FILE } from './installation-key';

afterEach(removeTempDirs);

const text = (value: string) => new TextEncoder().encode(value);
const meta = { siteName: 'Acme Dental', period: { from: '2026-10-01', to: '2026-10-31', timezone: 'Europe/Berlin' }, generatedAt: '2026-11-02T09:00:00.000Z', generatedBy: 'ana', auditChainHead: { id: 1, hash: 'ab'.repeat(32) } };
const genuineFrom = (signer = freshSigner()) => buildEvidencePack({ files: [{ path: 'data/assets.csv', bytes: text('hostname,pending\ndb01,83\n') }], meta }, signer);

describe('trusted signers', () => {
  it('adds, lists and removes a signer through the contract, each change in the audit log', async () => {
    const core = openTestCore();
    const signer = freshSigner();
    const added = await call<TrustedSigner>(core, 'evidence:trustSigner', { fingerprint: ` ${signer.fingerprint.replace('SHA256:', 'sha256:')} `, name: '  Northwind Berlin ' });
    expect(added).toEqual({ fingerprint: signer.fingerprint, name: 'Northwind Berlin', addedBy: 'tester', addedAt: '2026-11-02T09:00:00.000Z' });
    expect(await call(core, 'evidence:trustedSigners', {})).toEqual([added]);
    await call(core, 'evidence:untrustSigner', { fingerprint: signer.fingerprint });
    expect(await call(core, 'evidence:trustedSigners', {})).toEqual([]);
    const audit = core.db.prepare<[], { action: string; details_json: string }>("SELECT action, details_json FROM audit_log WHERE action LIKE 'trusted-signer-%' ORDER BY id").all();
    expect(audit.map((row) => [row.action, JSON.parse(row.details_json).fingerprint, JSON.parse(row.details_json).name])).toEqual([
      ['trusted-signer-added', signer.fingerprint, 'Northwind Berlin'],
      ['trusted-signer-removed', signer.fingerprint, 'Northwind Berlin'],
    ]);
    expect(core.audit.verifyChain()).toBeNull();
    await core.close();
  });

  it('refuses a bad fingerprint naming it, a missing name, a second addition and removing an unknown key', async () => {
    const core = openTestCore();
    const bad = await core.dispatcher.invoke('evidence:trustSigner', { fingerprint: 'SHA256:abc', name: 'X' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringContaining('fingerprint: "SHA256:abc" is not a signing key fingerprint: it has 3 characters after SHA256:, not 43') } });
    const signer = freshSigner();
    expect(await core.dispatcher.invoke('evidence:trustSigner', { fingerprint: signer.fingerprint, name: ' ' })).toMatchObject({ ok: false, error: { message: expect.stringContaining('name: say whose key this is') } });
    expect(await core.dispatcher.invoke('evidence:trustSigner', { fingerprint: signer.fingerprint, name: 'a\nb' })).toMatchObject({ ok: false, error: { message: expect.stringContaining('single line') } });
    await call(core, 'evidence:trustSigner', { fingerprint: signer.fingerprint, name: 'Northwind' });
    expect(await core.dispatcher.invoke('evidence:trustSigner', { fingerprint: signer.fingerprint, name: 'Again' })).toMatchObject({ ok: false, error: { code: 'conflict', message: `the key ${signer.fingerprint} is already trusted, as "Northwind" (added by tester at 2026-11-02T09:00:00.000Z)` } });
    const other = freshSigner();
    expect(await core.dispatcher.invoke('evidence:untrustSigner', { fingerprint: other.fingerprint })).toMatchObject({ ok: false, error: { code: 'not_found', message: `the key ${other.fingerprint} is not a trusted signer, so there is nothing to remove` } });
    expect(core.db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action LIKE 'trusted-signer-%'").get()).toEqual({ n: 1 });
    await core.close();
  });

  it('makes the Evidence step’s verify fail a forged pack as signed by an unknown key until the key is trusted, without creating the installation key', async () => {
    const core = openTestCore();
    const forger = freshSigner();
    const forged = forgePack(genuineFrom(), 'data/assets.csv', text('hostname,pending\ndb01,0\n'), forger);
    const request = { fileName: 'forged.zip', base64: Buffer.from(forged).toString('base64') };
    const unknown = await call<EvidenceVerification>(core, 'evidence:verify', request);
    expect(unknown).toMatchObject({ ok: false, signatureValid: true, fingerprint: forger.fingerprint, signedByThisInstallation: null, trust: { kind: 'unknown', name: null }, problems: [{ problem: 'unknown_signer' }] });
    expect(existsSync(join(core.dataDir, SIGNING_KEY_FILE))).toBe(false);

    await call(core, 'evidence:trustSigner', { fingerprint: forger.fingerprint, name: 'Northwind Berlin' });
    expect(await call<EvidenceVerification>(core, 'evidence:verify', request)).toMatchObject({ ok: true, problems: [], trust: { kind: 'trusted_signer', name: 'Northwind Berlin' } });
    const pinnedElsewhere = await call<EvidenceVerification>(core, 'evidence:verify', { ...request, pinnedFingerprint: freshSigner().fingerprint });
    expect(pinnedElsewhere).toMatchObject({ ok: false, trust: { kind: 'not_pinned' } });
    expect(await core.dispatcher.invoke('evidence:verify', { ...request, pinnedFingerprint: 'nonsense' })).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringContaining('"nonsense" is not a signing key fingerprint') } });
    expect(existsSync(join(core.dataDir, SIGNING_KEY_FILE))).toBe(false);
    expect(await call(core, 'evidence:installationFingerprint', {})).toEqual({ fingerprint: null });
    expect(existsSync(join(core.dataDir, SIGNING_KEY_FILE))).toBe(false);
    const created = core.services.signingKey.info();
    expect(await call(core, 'evidence:installationFingerprint', {})).toEqual({ fingerprint: created.fingerprint });
    await core.close();
  });
});
