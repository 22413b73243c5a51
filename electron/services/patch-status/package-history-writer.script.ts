/**
 * A second process storing collections: `node bin/run-ts.mjs THIS DATA_DIR ASSET_ID ROUNDS BASE`
 * opens the data folder and stores ROUNDS collections of one asset, one hour apart, through the
 * same path as a collection job, each upgrading the package `tool`. The concurrency test runs two.
 */
import { openAppCore } from '../../core/app-core';
import { fixedClock } from '../../platform/clock';
import { debianCollection, upgradingHost } from './package-history.fixtures';

const [dataDir, assetArg, roundsArg, baseArg] = process.argv.slice(2);
if (!dataDir || !assetArg || !roundsArg || !baseArg) throw new Error('usage: package-history-writer.script.ts DATA_DIR ASSET_ID ROUNDS BASE');
const start = Date.parse('2026-11-02T09:00:00.000Z');
const clock = fixedClock(new Date(start));
const core = openAppCore({ dataDir, mode: 'cli', actor: `writer-${assetArg}`, clock });
try {
  for (let round = 0; round < Number(roundsArg); round++) {
    const at = new Date(start + round * 3_600_000).toISOString();
    core.services.patchStatus.storeCollection(Number(assetArg), debianCollection(at, upgradingHost(Number(baseArg), round)), null);
  }
} finally {
  await core.close();
}
