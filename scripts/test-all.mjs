// `npm test`: type-check, lint, then every vitest project (unit and end-to-end), and finish with
// one line "N passed, N failed" summing all of them, which CI reads.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const bin = (name) => join(root, 'node_modules', '.bin', name);
const totals = { passed: 0, failed: 0, skipped: 0 };

function step(name, command, args) {
  console.log(`\n=== ${name}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status === 0) totals.passed++;
  else {
    totals.failed++;
    console.log(`=== ${name} FAILED (exit ${result.status ?? result.signal})`);
  }
}

step('typecheck (tsc -b)', bin('tsc'), ['-b']);
step('lint (eslint)', bin('eslint'), ['.']);

const reportDir = join(root, 'test-results');
mkdirSync(reportDir, { recursive: true });
const reportFile = join(reportDir, 'vitest.json');
rmSync(reportFile, { force: true });
console.log('\n=== vitest (unit and e2e)');
const extra = process.argv.slice(2);
const vitest = spawnSync(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`, ...extra], { cwd: root, stdio: 'inherit' });

if (existsSync(reportFile)) {
  const report = JSON.parse(readFileSync(reportFile, 'utf8'));
  totals.passed += report.numPassedTests ?? 0;
  totals.failed += report.numFailedTests ?? 0;
  totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  // A test file that fails to load has no failed tests of its own: count the file.
  const brokenFiles = (report.testResults ?? []).filter((file) => file.status === 'failed' && (file.assertionResults ?? []).every((test) => test.status !== 'failed')).length;
  totals.failed += brokenFiles;
} else {
  totals.failed++;
  console.log(`vitest wrote no report (exit ${vitest.status ?? vitest.signal})`);
}
if (vitest.status !== 0 && totals.failed === 0) totals.failed++;

console.log(`\n${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(totals.failed === 0 ? 0 : 1);
