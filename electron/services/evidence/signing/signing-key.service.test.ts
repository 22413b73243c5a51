import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SigningKeyInfo } from '../../../../shared/contract/evidence';
import { removeTempDirs } from '../../../test-support/temp-dir';
import { call, openTestCore } from '../../../test-support/test-core';
import { SIGNING_KEY_FILE } from './installation-key';

afterEach(removeTempDirs);

describe('SigningKeyService', () => {
  it('creates the key on first request, audits that once, and reports the same key afterwards', async () => {
    const core = openTestCore();
    expect(core.services.signingKey.installationFingerprint()).toBeNull();
    expect(existsSync(join(core.dataDir, SIGNING_KEY_FILE))).toBe(false);
    const first = await call<SigningKeyInfo>(core, 'evidence:signingKey', {});
    expect(first).toMatchObject({ algorithm: 'Ed25519', fingerprint: expect.stringMatching(/^SHA256:/), publicKeyPem: expect.stringContaining('BEGIN PUBLIC KEY') });
    expect(await call<SigningKeyInfo>(core, 'evidence:signingKey', {})).toEqual(first);
    expect(core.services.signingKey.installationFingerprint()).toBe(first.fingerprint);
    const entries = core.db.prepare<[], { action: string; details_json: string }>("SELECT action, details_json FROM audit_log WHERE entity_type = 'evidence'").all();
    expect(entries.map((entry) => entry.action)).toEqual(['signing-key-created']);
    expect(entries[0]?.details_json).toContain(first.fingerprint);
    expect(entries[0]?.details_json).not.toContain('PRIVATE');
    await core.close();

    const reopened = openTestCore({ dataDir: core.dataDir });
    expect((await call<SigningKeyInfo>(reopened, 'evidence:signingKey', {})).fingerprint).toBe(first.fingerprint);
    await reopened.close();
  });
});
