import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { Asset } from '../../../shared/contract/assets';
import { removeTempDirs } from '../../test-support/temp-dir';
import { call, openTestCore } from '../../test-support/test-core';

afterEach(removeTempDirs);

const REPO = resolve(fileURLToPath(new URL('../../../', import.meta.url)));
const WRITER = fileURLToPath(new URL('./package-history-writer.script.ts', import.meta.url));

function writer(dataDir: string, assetId: number, rounds: number, base: number): Promise<{ code: number | null; err: string }> {
  const child = spawn(process.execPath, [join(REPO, 'bin', 'run-ts.mjs'), WRITER, dataDir, String(assetId), String(rounds), String(base)], { cwd: REPO, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  return new Promise((done, fail) => {
    child.once('error', fail);
    child.once('close', (code) => done({ code, err }));
  });
}

describe('package history across processes', () => {
  it('keeps each asset\'s intervals whole when two processes store collections of two assets at once', async () => {
    const core = openTestCore();
    const site = await call<{ id: number }>(core, 'sites:create', { name: 'Acme', networks: [] });
    const web = await call<Asset>(core, 'assets:create', { siteId: site.id, fields: { hostname: 'web01' } });
    const db = await call<Asset>(core, 'assets:create', { siteId: site.id, fields: { hostname: 'db01' } });
    await core.close();

    const rounds = 12;
    const base = 300;
    const results = await Promise.all([writer(core.dataDir, web.id, rounds, base), writer(core.dataDir, db.id, rounds, base)]);
    expect(results).toEqual([{ code: 0, err: '' }, { code: 0, err: '' }]);

    const reopened = openTestCore({ dataDir: core.dataDir });
    for (const asset of [web, db]) {
      const tool = reopened.services.packageHistory.since(asset.id, 'tool');
      if (!tool.measured || tool.query !== 'since') throw new Error('tool history not measured');
      expect(tool.intervals.map((interval) => interval.version)).toEqual(Array.from({ length: rounds }, (_, round) => `2.${round}-1`));
      for (const [index, interval] of tool.intervals.entries()) {
        const next = tool.intervals[index + 1];
        expect(interval.endedAt).toBe(next ? next.firstSeenAt : null);
        expect(interval.lastConfirmedAt).toBe(next ? interval.firstSeenAt : '2026-11-02T20:00:00.000Z');
      }
      const now = reopened.services.packageHistory.installedAt(asset.id, '2026-11-03T00:00:00.000Z');
      expect(now.measured && now.query === 'installedAt' && now.packages.length).toBe(base + 1);
    }
    expect(reopened.db.prepare('SELECT asset_id, COUNT(*) AS n FROM package_history GROUP BY asset_id ORDER BY asset_id').all()).toEqual([
      { asset_id: web.id, n: base + rounds },
      { asset_id: db.id, n: base + rounds },
    ]);
    await reopened.close();
  }, 60_000);
});
