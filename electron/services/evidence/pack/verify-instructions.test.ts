import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDirs } from '../../../test-support/temp-dir';
import { signerFromPrivateKey } from '../signing/installation-key';
import { buildEvidencePack } from './build-pack';
import { verifyInstructions } from './verify-instructions';
import { readZip } from './zip';

afterEach(removeTempDirs);

const signer = signerFromPrivateKey(generateKeyPairSync('ed25519').privateKey);
const hasOpenSsl = spawnSync('openssl', ['version']).status === 0;

describe('VERIFY.txt', () => {
  it('names the fingerprint, the Patchdesk command and the public key, and nothing secret', () => {
    const text = verifyInstructions(signer);
    expect(text).toContain(`patchdesk verify THIS-PACK.zip --key ${signer.fingerprint}`);
    expect(text).toContain('fails as "signed by an unknown key"');
    expect(text).toContain(signer.publicKeyPem.trimEnd());
    expect(text).not.toMatch(/PRIVATE|\d{4}-\d{2}-\d{2}/);
    expect(text.endsWith('\n')).toBe(true);
  });

  it.skipIf(!hasOpenSsl)('works as written: OpenSSL accepts the signature of an unzipped pack', () => {
    const pack = buildEvidencePack(
      {
        files: [{ path: 'report.pdf', bytes: new TextEncoder().encode('%PDF') }],
        meta: { siteName: 'Acme', period: { from: '2026-10-01', to: '2026-10-31', timezone: 'UTC' }, generatedAt: '2026-11-02T09:00:00.000Z', generatedBy: 't', auditChainHead: { id: 0, hash: '0'.repeat(64) } },
      },
      signer,
    );
    const dir = makeTempDir();
    for (const entry of readZip(pack)) {
      mkdirSync(dirname(join(dir, entry.path)), { recursive: true });
      writeFileSync(join(dir, entry.path), entry.bytes);
    }
    writeFileSync(join(dir, 'key.pem'), signer.publicKeyPem);
    const decoded = spawnSync('openssl', ['base64', '-d', '-in', 'manifest.sig', '-out', 'manifest.sig.bin'], { cwd: dir });
    expect(decoded.status).toBe(0);
    const verified = spawnSync('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', 'key.pem', '-rawin', '-in', 'manifest.json', '-sigfile', 'manifest.sig.bin'], { cwd: dir, encoding: 'utf8' });
    expect(verified.stdout).toContain('Signature Verified Successfully');
  });
});
