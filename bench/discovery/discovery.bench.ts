/**
 * Discovery benchmark: our engine against `nmap -n -sT -Pn -T4`, side by side, on the same
 * targets with the same per-probe timeout, inside a throwaway network namespace (root needed).
 * Each case scans a loopback block of the namespace holding sparse listeners and a /24 whose
 * SYNs are silently dropped. Prints a table and writes JSON to bench/results/.
 *
 * Run: sudo node --import tsx bench/discovery/discovery.bench.ts [--timeout-ms 500]
 *      [--concurrency 512] [--cases 4096,65536] [--baseline] [--source-maps] [--nmap-extra="--max-retries 0"]
 * --baseline adds a 65,536-address case without the dropped block (raw probe throughput);
 * --nmap-extra appends options to the nmap command line (for what-if comparisons).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createNamespace, deleteNamespace } from './bench-namespace';
import { block, expectedOpen, planListeners, PROFILE_PORTS } from './listener-plan';
import { openPortsFromNmapXml } from './nmap-report';
import { runMeasured, type MeasuredRun } from './process-meter';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const NMAP = '/usr/bin/nmap';
const DROPPED = '127.64.0.0/24';

interface BenchCase {
  name: string;
  target: string;
}

interface ToolFigures {
  wallMs: number;
  peakRssKb: number;
  open: string[];
  extra: Record<string, unknown>;
}

interface CaseReport {
  case: BenchCase;
  listeners: number;
  expected: number;
  ours: ToolFigures;
  nmap: ToolFigures;
  missingFromOurs: string[];
  missingFromNmap: string[];
  oursVsExpected: { missing: string[]; unexpected: string[] };
}

const { values: flags } = parseArgs({
  options: {
    'timeout-ms': { type: 'string', default: '500' },
    concurrency: { type: 'string', default: '512' },
    cases: { type: 'string', default: '4096,65536' },
    baseline: { type: 'boolean', default: false },
    'source-maps': { type: 'boolean', default: false },
    'nmap-extra': { type: 'string', default: '' },
  },
});
const timeoutMs = Number(flags['timeout-ms']);
const concurrency = Number(flags.concurrency);

const CASES: Record<string, BenchCase> = {
  '4096': { name: '4,096 addresses (/20, dropped /24 inside)', target: '127.64.0.0/20' },
  '65536': { name: '65,536 addresses (/16, dropped /24 inside)', target: '127.64.0.0/16' },
};
function caseFor(key: string): BenchCase {
  const found = CASES[key];
  if (found === undefined) throw new Error(`unknown case "${key}" (known: ${Object.keys(CASES).join(', ')})`);
  return found;
}
const cases = (flags.cases ?? '')
  .split(',')
  .map((key) => key.trim())
  .filter((key) => key !== '')
  .map(caseFor);
if (flags.baseline) cases.push({ name: '65,536 addresses, nothing dropped (baseline)', target: '127.65.0.0/16' });

// Every child still running, so an interrupt can stop them before the namespace goes away.
const children = new Set<ChildProcess>();
function tracked(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

function killGroup(child: ChildProcess): void {
  try {
    process.kill(-(child.pid ?? 0), 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

function difference(a: readonly string[], b: readonly string[]): string[] {
  const other = new Set(b);
  return a.filter((item) => !other.has(item));
}

function hostsOf(pairs: readonly string[]): Set<string> {
  return new Set(pairs.map((pair) => pair.split(':')[0] ?? ''));
}

function failIfBad(label: string, run: MeasuredRun): void {
  if (run.exitCode !== 0) throw new Error(`${label} exited with ${run.exitCode}: ${run.stderr.slice(0, 2000)}`);
}

/** Starts the listeners of a plan inside the namespace; resolves once they all listen. */
async function startListeners(namespace: string, planFile: string): Promise<{ count: number; stop: () => Promise<void> }> {
  const child = spawn('ip', ['netns', 'exec', namespace, process.execPath, '--import', 'tsx', join(here, 'listeners.script.ts'), planFile], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'inherit'],
    detached: true,
  });
  tracked(child);
  const count = await new Promise<number>((resolveReady, reject) => {
    let output = '';
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`listeners exited early (${code})`)));
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /ready (\d+)/.exec(output);
      if (match) resolveReady(Number(match[1]));
    });
  });
  child.removeAllListeners('exit');
  return {
    count,
    stop: () =>
      new Promise<void>((done) => {
        child.once('exit', () => done());
        child.stdin.end();
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}

async function runOurs(namespace: string, target: string): Promise<ToolFigures> {
  const args = ['--import', 'tsx', join(here, 'scanner.script.ts'), target, PROFILE_PORTS.join(','), String(timeoutMs), String(concurrency)];
  if (flags['source-maps']) args.push('--source-maps');
  const run = await runMeasured(namespace, process.execPath, args, root, tracked);
  failIfBad('our scanner', run);
  const report = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as { open: string[]; scanMs: number; maxRssKb: number; result: unknown };
  return { wallMs: run.wallMs, peakRssKb: run.peakRssKb, open: report.open, extra: { scanMs: report.scanMs, selfReportedMaxRssKb: report.maxRssKb, result: report.result } };
}

async function runNmap(namespace: string, target: string): Promise<ToolFigures> {
  const extra = (flags['nmap-extra'] ?? '').split(/\s+/).filter((arg) => arg !== '');
  const args = ['-n', '-sT', '-Pn', '-T4', '-p', PROFILE_PORTS.join(','), '--max-rtt-timeout', `${timeoutMs}ms`, '--initial-rtt-timeout', `${timeoutMs}ms`, ...extra, '-oX', '-', target];
  const run = await runMeasured(namespace, NMAP, args, root, tracked);
  failIfBad('nmap', run);
  return { wallMs: run.wallMs, peakRssKb: run.peakRssKb, open: openPortsFromNmapXml(run.stdout), extra: { command: `nmap ${args.join(' ')}` } };
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

function megabytes(kb: number): string {
  return `${(kb / 1024).toFixed(0)} MB`;
}

function printTable(reports: readonly CaseReport[]): void {
  const rows = [['case', 'tool', 'wall time', 'peak RSS', 'hosts open', 'ports open', 'same as expected']];
  for (const report of reports) {
    for (const [tool, figures] of [['patchdesk', report.ours], ['nmap -sT -T4', report.nmap]] as const) {
      const missing = difference(expectedOpenFor(report), figures.open).length;
      const extra = difference(figures.open, expectedOpenFor(report)).length;
      rows.push([
        report.case.name,
        tool,
        seconds(figures.wallMs),
        megabytes(figures.peakRssKb),
        String(hostsOf(figures.open).size),
        String(figures.open.length),
        missing === 0 && extra === 0 ? 'yes' : `no (-${missing} +${extra})`,
      ]);
    }
  }
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  for (const [index, row] of rows.entries()) {
    console.log(row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  '));
    if (index === 0) console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  }
}

const expectedByCase = new Map<string, string[]>();
function expectedOpenFor(report: CaseReport): string[] {
  return expectedByCase.get(report.case.target) ?? [];
}

async function main(): Promise<void> {
  if (process.getuid?.() !== 0) {
    console.error('The discovery benchmark needs root: it creates a network namespace and an nftables rule.');
    process.exit(1);
  }
  if (spawnSync(NMAP, ['--version']).status !== 0) {
    console.error(`nmap not found at ${NMAP}`);
    process.exit(1);
  }
  const namespace = `pdbench-${process.pid}`;
  const workDir = join(tmpdir(), `pdbench-${process.pid}`);
  let stopListeners: (() => Promise<void>) | null = null;
  const cleanUp = (): void => {
    for (const child of children) killGroup(child);
    deleteNamespace(namespace);
    rmSync(workDir, { recursive: true, force: true });
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping the scanners and deleting the namespace`);
      cleanUp();
      process.exit(130);
    });
  }

  const reports: CaseReport[] = [];
  try {
    mkdirSync(workDir, { recursive: true });
    createNamespace(namespace, DROPPED);
    console.log(`namespace ${namespace}: loopback only, SYNs to ${DROPPED} dropped`);
    console.log(`per-probe timeout ${timeoutMs} ms, our concurrency ${concurrency}, ports ${PROFILE_PORTS.join(',')}, Node ${process.version}\n`);
    for (const benchCase of cases) {
      const plan = planListeners(block(benchCase.target));
      const expected = expectedOpen(plan, block(DROPPED));
      expectedByCase.set(benchCase.target, expected);
      const planFile = join(workDir, 'plan.json');
      writeFileSync(planFile, JSON.stringify(plan));
      const listeners = await startListeners(namespace, planFile);
      stopListeners = listeners.stop;
      console.log(`${benchCase.name}: ${plan.length} hosts with ${listeners.count} listening ports (${expected.length} reachable)`);

      const ours = await runOurs(namespace, benchCase.target);
      console.log(`  patchdesk     ${seconds(ours.wallMs)}  ${megabytes(ours.peakRssKb)}  (scan itself ${seconds(Number(ours.extra.scanMs))})`);
      const nmap = await runNmap(namespace, benchCase.target);
      console.log(`  nmap          ${seconds(nmap.wallMs)}  ${megabytes(nmap.peakRssKb)}`);

      await listeners.stop();
      stopListeners = null;
      const report: CaseReport = {
        case: benchCase,
        listeners: listeners.count,
        expected: expected.length,
        ours,
        nmap,
        missingFromOurs: difference(nmap.open, ours.open),
        missingFromNmap: difference(ours.open, nmap.open),
        oursVsExpected: { missing: difference(expected, ours.open), unexpected: difference(ours.open, expected) },
      };
      reports.push(report);
      if (report.missingFromOurs.length + report.missingFromNmap.length === 0) console.log('  same open ports found by both\n');
      else console.log(`  DIFFERENCE: only nmap found ${JSON.stringify(report.missingFromOurs)}; only we found ${JSON.stringify(report.missingFromNmap)}\n`);
    }
  } finally {
    if (stopListeners !== null) await stopListeners();
    cleanUp();
  }

  printTable(reports);
  const resultsDir = join(root, 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, `discovery-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  const slim = reports.map((report) => ({
    ...report,
    ours: { ...report.ours, open: report.ours.open.length },
    nmap: { ...report.nmap, open: report.nmap.open.length },
  }));
  const settings = { timeoutMs, concurrency, sourceMaps: flags['source-maps'], nmapExtra: flags['nmap-extra'], node: process.version, droppedBlock: DROPPED };
  writeFileSync(file, `${JSON.stringify({ ...settings, reports: slim }, null, 2)}\n`);
  console.log(`\nresults: ${file}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
