import { describe, expect, it } from 'vitest';
import { openDatabase } from '../database';
import { EvidenceRepository } from './evidence.repository';


function setup() {
  const db = openDatabase(':memory:');
  db.prepare("INSERT INTO sites (name, policy_json, created_at, updated_at) VALUES ('Acme', '{}', 'now', 'now'), ('Beta', '{}', 'now', 'now')").run();
  return { db, repository: new EvidenceRepository(db) };
}

const pack = (siteId: number, generatedAt: string) => ({
  siteId,
  periodFrom: '2026-10-01',
  periodTo: '2026-10-31',
  generatedAt,
  generatedBy: 'ana',
  filePath: `/packs/${generatedAt}.zip`,
  sizeBytes: 1234,
  manifestSha256: 'a'.repeat(64),
  signerFingerprint: 'SHA256:key',
  auditHeadHash: 'b'.repeat(64),
});

describe('EvidenceRepository', () => {
  it('has no branding until saved, then replaces it as a whole, logo bytes intact', () => {
    const { db, repository } = setup();
    expect(repository.getBranding()).toBeUndefined();
    const logo = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 255]);
    repository.saveBranding({ mspName: 'Northwind IT', contactLine: 'help@northwind.example', logo: { mimeType: 'image/png', bytes: logo }, updatedAt: '2026-11-02T09:00:00.000Z', updatedBy: 'ana' });
    expect(repository.getBranding()).toEqual({ mspName: 'Northwind IT', contactLine: 'help@northwind.example', logo: { mimeType: 'image/png', bytes: logo }, updatedAt: '2026-11-02T09:00:00.000Z', updatedBy: 'ana' });
    repository.saveBranding({ mspName: 'Northwind', contactLine: '', logo: null, updatedAt: '2026-11-03T09:00:00.000Z', updatedBy: 'ben' });
    expect(repository.getBranding()).toMatchObject({ mspName: 'Northwind', logo: null, updatedBy: 'ben' });
    expect(db.prepare('SELECT COUNT(*) AS n FROM evidence_branding').get()).toEqual({ n: 1 });
    db.close();
  });

  it("records packs and lists a site's, newest first", () => {
    const { db, repository } = setup();
    const first = repository.insertPack(pack(1, '2026-11-01T09:00:00.000Z'));
    const second = repository.insertPack(pack(1, '2026-11-02T09:00:00.000Z'));
    repository.insertPack(pack(2, '2026-11-02T10:00:00.000Z'));
    expect(repository.listPacks(1).map((record) => record.id)).toEqual([second, first]);
    expect(repository.getPack(first)).toEqual({ id: first, ...pack(1, '2026-11-01T09:00:00.000Z') });
    expect(repository.getPack(999)).toBeUndefined();
    db.close();
  });
});
