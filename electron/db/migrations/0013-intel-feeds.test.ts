import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDirs } from '../../test-support/temp-dir';
import { openDatabase } from '../database';
import { MIGRATIONS } from './index';

afterEach(removeTempDirs);

const upTo = MIGRATIONS.findIndex((migration) => migration.version === 13) + 1;
const sha = 'a'.repeat(64);

describe('migration 0013 (intel feeds)', () => {
  it('upgrades the previous version with data in it; records need a feed, links cascade with their advisory', () => {
    const file = join(makeTempDir(), 'patchdesk.db');
    const before = openDatabase(file, { migrations: MIGRATIONS.slice(0, upTo - 1) });
    before.prepare("INSERT INTO sites (name, policy_json, created_at, updated_at) VALUES ('Acme', '{}', 'now', 'now')").run();
    before.close();

    const db = openDatabase(file, { migrations: MIGRATIONS.slice(0, upTo) });
    expect(db.pragma('user_version', { simple: true })).toBe(13);
    expect(db.prepare('SELECT name FROM sites').get()).toEqual({ name: 'Acme' });
    const feed = db.prepare("INSERT INTO intel_feeds (kind, file_name, retrieved_at, sha256, size_bytes, record_count, imported_at, imported_by) VALUES (?, 'f.json', 'now', ?, 1, 0, 'now', 'ana')");
    const feedId = Number(feed.run('osv', sha).lastInsertRowid);
    expect(() => feed.run('rss', sha)).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO intel_kev (cve_id, feed_id, vendor_project, product, vulnerability_name, date_added, short_description, required_action, due_date, raw_json) VALUES ('CVE-2024-1', 999, 'v', 'p', 'n', 'd', 's', 'r', 'd', '{}')").run()).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare('INSERT INTO intel_epss (cve_id, feed_id, score, percentile) VALUES (?, ?, ?, ?)').run('CVE-2024-1', feedId, 1.5, null)).toThrow(/CHECK/);
    db.prepare("INSERT INTO intel_advisories (source, advisory_id, feed_id, distribution) VALUES ('osv', 'DSA-1', ?, 'debian')").run(feedId);
    db.prepare("INSERT INTO intel_advisory_cves (source, advisory_id, cve_id) VALUES ('osv', 'DSA-1', 'CVE-2024-1')").run();
    const affected = db.prepare("INSERT INTO intel_affected (feed_id, source, distribution, release, ecosystem, package, advisory_id, status, fixed_version) VALUES (?, 'osv', 'debian', 'bookworm', 'Debian:12', 'p', 'DSA-1', ?, ?)");
    affected.run(feedId, 'fixed', '1.0');
    expect(() => affected.run(feedId, 'fixed', null)).toThrow(/CHECK/);
    expect(() => affected.run(feedId, 'open', '1.0')).toThrow(/CHECK/);
    db.prepare("DELETE FROM intel_advisories WHERE advisory_id = 'DSA-1'").run();
    expect(db.prepare('SELECT COUNT(*) AS n FROM intel_advisory_cves').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM intel_affected').get()).toEqual({ n: 0 });
    db.close();
  });
});
