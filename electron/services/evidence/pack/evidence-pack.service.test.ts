import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EvidencePackRecord } from '../../../../shared/contract/evidence';
import type { Site } from '../../../../shared/contract/sites';
import { EvidenceRepository } from '../../../db/repositories/evidence.repository';
import { makeTempDir, removeTempDirs } from '../../../test-support/temp-dir';
import { call, openTestCore } from '../../../test-support/test-core';
import { EvidencePackService } from './evidence-pack.service';
import { verifyEvidencePack } from './verify-pack';
import { nodePackFileSystem, type PackFileSystem } from './write-pack';
import { readZip } from './zip';

afterEach(removeTempDirs);

const text = (value: string) => new TextEncoder().encode(value);
const files = [
  { path: 'report.pdf', bytes: text('%PDF-1.7 report') },
  { path: 'data/assets.csv', bytes: text('hostname\nfs01\n') },
];

async function setup() {
  const core = openTestCore();
  const site = await call<Site>(core, 'sites:create', { name: 'Acme Dental', timezone: 'Europe/Berlin' });
  return { core, site, out: makeTempDir() };
}

function exportActions(core: ReturnType<typeof openTestCore>): string[] {
  return core.db.prepare<[], { action: string }>("SELECT action FROM audit_log WHERE entity_type = 'evidence' ORDER BY id").all().map((row) => row.action);
}

describe('EvidencePackService', () => {
  it('writes a signed pack that verifies, records it and audits it', async () => {
    const { core, site, out } = await setup();
    core.services.signingKey.info();
    const headBefore = core.audit.chainHead();
    const record = core.services.evidencePacks.export({ siteId: site.id, period: { from: '2026-10-01', to: '2026-10-31' }, outPath: join(out, 'acme-2026-10.zip'), files });
    const bytes = readFileSync(join(out, 'acme-2026-10.zip'));
    const fingerprint = core.services.signingKey.installationFingerprint() ?? '';
    expect(record).toMatchObject({ siteId: site.id, periodFrom: '2026-10-01', periodTo: '2026-10-31', generatedAt: '2026-11-02T09:00:00.000Z', generatedBy: 'tester', filePath: join(out, 'acme-2026-10.zip'), sizeBytes: bytes.length, signerFingerprint: fingerprint });
    const verified = verifyEvidencePack(bytes, { installationFingerprint: fingerprint });
    expect(verified).toMatchObject({ ok: true, signedByThisInstallation: true });
    expect(verified.manifest).toMatchObject({ site: { name: 'Acme Dental' }, period: { from: '2026-10-01', to: '2026-10-31', timezone: 'Europe/Berlin' }, auditChainHead: { id: headBefore.id, hash: headBefore.hash } });
    expect(record.auditHeadHash).toBe(headBefore.hash);
    expect(exportActions(core)).toEqual(['signing-key-created', 'evidence-pack-exported']);
    expect(await call<EvidencePackRecord[]>(core, 'evidence:packs', { siteId: site.id })).toEqual([record]);
    expect(readdirSync(out)).toEqual(['acme-2026-10.zip']);
    await core.close();
  });

  it('is reproducible for the same data and head: only the manifest and signature carry the time', async () => {
    const { core, site, out } = await setup();
    const head = core.audit.chainHead();
    const first = core.services.evidencePacks.export({ siteId: site.id, period: { from: '2026-10-01', to: '2026-10-31' }, outPath: join(out, 'a.zip'), files, auditChainHead: head });
    const again = core.services.evidencePacks.export({ siteId: site.id, period: { from: '2026-10-01', to: '2026-10-31' }, outPath: join(out, 'b.zip'), files, auditChainHead: head });
    expect(readFileSync(join(out, 'a.zip')).equals(readFileSync(join(out, 'b.zip')))).toBe(true);
    expect(again.manifestSha256).toBe(first.manifestSha256);
    core.clock.advance(3_600_000);
    core.services.evidencePacks.export({ siteId: site.id, period: { from: '2026-10-01', to: '2026-10-31' }, outPath: join(out, 'c.zip'), files, auditChainHead: head });
    const entries = (name: string) => new Map(readZip(readFileSync(join(out, name))).map((entry) => [entry.path, Buffer.from(entry.bytes).toString('hex')]));
    const [a, c] = [entries('a.zip'), entries('c.zip')];
    expect([...a.keys()].filter((path) => a.get(path) !== c.get(path))).toEqual(['manifest.json', 'manifest.sig']);
    await core.close();
  });

  it('refuses a bad period or an unknown site before writing anything', async () => {
    const { core, site, out } = await setup();
    const outPath = join(out, 'x.zip');
    expect(() => core.services.evidencePacks.export({ siteId: site.id, period: { from: '2026-10-31', to: '2026-10-01' }, outPath, files })).toThrow(/the period ends \(2026-10-01\) before it starts \(2026-10-31\)/);
    expect(() => core.services.evidencePacks.export({ siteId: site.id, period: { from: '2026-02-30', to: '2026-10-01' }, outPath, files })).toThrow(/"2026-02-30" is not a date/);
    expect(() => core.services.evidencePacks.export({ siteId: 999, period: { from: '2026-10-01', to: '2026-10-31' }, outPath, files })).toThrow(/site 999 does not exist/);
    expect(readdirSync(out)).toEqual([]);
    expect(await call<EvidencePackRecord[]>(core, 'evidence:packs', { siteId: site.id })).toEqual([]);
    await core.close();
  });

  it('on a full disk or an unwritable path leaves no file, no record and no export entry', async () => {
    const { core, site, out } = await setup();
    const failingWrite: PackFileSystem = { ...nodePackFileSystem, writeSync: () => { throw Object.assign(new Error('no space'), { code: 'ENOSPC' }); } };
    const service = new EvidencePackService({ db: core.db, evidence: new EvidenceRepository(core.db), sites: core.services.sites, signingKey: core.services.signingKey, audit: core.audit, clock: core.clock, actor: 'tester', fileSystem: failingWrite });
    expect(() => service.export({ siteId: site.id, period: { from: '2026-10-01', to: '2026-10-31' }, outPath: join(out, 'full.zip'), files })).toThrow(`cannot write ${join(out, 'full.zip')}: the disk is full; nothing was written`);
    writeFileSync(join(out, 'a-file'), 'x');
    expect(() => core.services.evidencePacks.export({ siteId: site.id, period: { from: '2026-10-01', to: '2026-10-31' }, outPath: join(out, 'a-file', 'pack.zip'), files })).toThrow(/is a file, not a folder; nothing was written/);
    expect(readdirSync(out)).toEqual(['a-file']);
    expect(await call<EvidencePackRecord[]>(core, 'evidence:packs', { siteId: site.id })).toEqual([]);
    expect(exportActions(core)).toEqual(['signing-key-created']);
    await core.close();
  });

  it('removes the written pack again when it cannot be recorded', async () => {
    const { core, site, out } = await setup();
    const repository = new EvidenceRepository(core.db);
    repository.insertPack = () => {
      throw new Error('database is locked');
    };
    const service = new EvidencePackService({ db: core.db, evidence: repository, sites: core.services.sites, signingKey: core.services.signingKey, audit: core.audit, clock: core.clock, actor: 'tester' });
    expect(() => service.export({ siteId: site.id, period: { from: '2026-10-01', to: '2026-10-31' }, outPath: join(out, 'p.zip'), files })).toThrow(/database is locked/);
    expect(readdirSync(out)).toEqual([]);
    await core.close();
  });
});
