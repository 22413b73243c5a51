/**
 * Seeds a data folder in a process of its own, so that a benchmark's peak RSS measures the
 * queries and not the generator. Prints the `ComplianceSeedResult` as one JSON line.
 *
 * Usage: seed.script.ts <data-dir> [assets] [months] [end]
 */
import { seedComplianceDataDir } from './seed';

const [dataDir, assets = '1000', months = '12', end = '2026-11-02T09:00:00.000Z'] = process.argv.slice(2);
if (!dataDir) {
  console.error('usage: seed.script.ts <data-dir> [assets] [months] [end]');
  process.exit(2);
}
process.stdout.write(`${JSON.stringify(seedComplianceDataDir(dataDir, { assets: Number(assets), months: Number(months), end }))}\n`);
