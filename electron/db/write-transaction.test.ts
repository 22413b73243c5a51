import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDirs } from '../test-support/temp-dir';
import { openDatabase } from './database';
import { writeTransaction } from './write-transaction';

afterEach(removeTempDirs);

function twoConnections() {
  const file = join(makeTempDir(), 'patchdesk.db');
  const first = openDatabase(file);
  // The other process: no busy wait, so a held lock shows as an immediate SQLITE_BUSY.
  const second = new Database(file, { timeout: 0 });
  return { first, second };
}

describe('writeTransaction', () => {
  it('holds the write lock from its first statement, before it has written anything', () => {
    const { first, second } = twoConnections();
    writeTransaction(first, () => {
      first.prepare('SELECT COUNT(*) FROM sites').get();
      expect(() => second.prepare("INSERT INTO sites (name, policy_json, created_at, updated_at) VALUES ('other', '{}', 'now', 'now')").run()).toThrow(expect.objectContaining({ code: 'SQLITE_BUSY' }));
    });
    second.prepare("INSERT INTO sites (name, policy_json, created_at, updated_at) VALUES ('other', '{}', 'now', 'now')").run();
    first.close();
    second.close();
  });

  it('so a writer never has to upgrade a read snapshot that another process has moved past', () => {
    const { first, second } = twoConnections();
    // What a deferred transaction does: read, let another process commit, then try to write.
    // eslint-disable-next-line no-restricted-syntax -- the pattern the lint rule forbids, shown failing
    const deferred = first.transaction(() => {
      first.prepare('SELECT COUNT(*) FROM sites').get();
      second.prepare("INSERT INTO sites (name, policy_json, created_at, updated_at) VALUES ('b', '{}', 'now', 'now')").run();
      first.prepare("INSERT INTO sites (name, policy_json, created_at, updated_at) VALUES ('a', '{}', 'now', 'now')").run();
    });
    expect(() => deferred.deferred()).toThrow(expect.objectContaining({ code: expect.stringMatching(/^SQLITE_BUSY/) }));
    // The same work as a write transaction: the other process waits its turn instead.
    writeTransaction(first, () => {
      first.prepare('SELECT COUNT(*) FROM sites').get();
      first.prepare("INSERT INTO sites (name, policy_json, created_at, updated_at) VALUES ('a', '{}', 'now', 'now')").run();
    });
    expect(first.prepare('SELECT name FROM sites ORDER BY name').all()).toEqual([{ name: 'a' }, { name: 'b' }]);
    first.close();
    second.close();
  });

  it('rolls everything back when the work throws, and nests as a savepoint', () => {
    const { first, second } = twoConnections();
    expect(() =>
      writeTransaction(first, () => {
        first.prepare("INSERT INTO sites (name, policy_json, created_at, updated_at) VALUES ('kept?', '{}', 'now', 'now')").run();
        writeTransaction(first, () => first.prepare("INSERT INTO sites (name, policy_json, created_at, updated_at) VALUES ('inner', '{}', 'now', 'now')").run());
        throw new Error('stop');
      }),
    ).toThrow('stop');
    expect(first.prepare('SELECT COUNT(*) AS n FROM sites').get()).toEqual({ n: 0 });
    first.close();
    second.close();
  });
});
