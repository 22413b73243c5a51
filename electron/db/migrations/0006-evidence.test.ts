import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDirs } from '../../test-support/temp-dir';
import { openDatabase } from '../database';
import { MIGRATIONS } from './index';

afterEach(removeTempDirs);

const v6 = MIGRATIONS.findIndex((migration) => migration.version === 6) + 1;

describe('migration 0006 (evidence)', () => {
  it('upgrades the previous version with data in it; one branding row, logo and type together, packs tied to sites', () => {
    const file = join(makeTempDir(), 'patchdesk.db');
    const before = openDatabase(file, { migrations: MIGRATIONS.slice(0, v6 - 1) });
    before.prepare("INSERT INTO sites (name, policy_json, created_at, updated_at) VALUES ('Acme', '{}', 'now', 'now')").run();
    before.close();

    const db = openDatabase(file, { migrations: MIGRATIONS.slice(0, v6) });
    expect(db.pragma('user_version', { simple: true })).toBe(6);
    expect(db.prepare('SELECT name FROM sites').get()).toEqual({ name: 'Acme' });

    const brand = db.prepare('INSERT INTO evidence_branding (id, msp_name, logo_mime, logo, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?)');
    brand.run(1, 'Northwind IT', 'image/png', Buffer.from([0x89, 0x50]), 'now', 'me');
    expect(() => brand.run(2, 'Second', null, null, 'now', 'me')).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE evidence_branding SET logo_mime = NULL WHERE id = 1").run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE evidence_branding SET logo_mime = 'image/gif' WHERE id = 1").run()).toThrow(/CHECK/);
    expect(() => db.prepare('UPDATE evidence_branding SET logo = ? WHERE id = 1').run(Buffer.alloc(524289))).toThrow(/CHECK/);

    const pack = db.prepare(
      "INSERT INTO evidence_packs (site_id, period_from, period_to, generated_at, generated_by, file_path, size_bytes, manifest_sha256, signer_fingerprint, audit_head_hash) VALUES (?, ?, ?, 'now', 'me', '/x.zip', 10, 'm', 'SHA256:k', 'h')",
    );
    pack.run(1, '2026-10-01', '2026-10-31');
    expect(() => pack.run(1, '2026-11-01', '2026-10-31')).toThrow(/CHECK/);
    expect(() => pack.run(99, '2026-10-01', '2026-10-31')).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare('DELETE FROM sites WHERE id = 1').run()).toThrow(/FOREIGN KEY/);
    db.close();
  });
});
