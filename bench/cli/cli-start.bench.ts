/**
 * CLI start benchmark: `patchdesk site list` on a small data folder, run N times in fresh
 * processes through the launcher (the bundle built at install), side by side with the same
 * command compiled at start by tsx (how the CLI ran before), and through the launcher while a
 * browser host owns the folder (the command forwards to it over its socket). Prints median wall
 * and CPU time.
 *
 * Target (issue 9): a simple command answers in under 0.5 s.
 * Run: npm run bench:cli [-- RUNS]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { startHostProcess } from '../../electron/test-support/shared-folder-load';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const runs = Number(process.argv[2] ?? 10);
const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = mkdtempSync(join(tmpdir(), 'patchdesk-bench-cli-'));

interface Sample {
  wallMs: number;
  cpuMs: number;
}

/** Runs `args` under /usr/bin/time and reads its wall and CPU seconds. */
function measure(args: string[]): Sample {
  const result = spawnSync('/usr/bin/time', ['-f', '%e %U %S', process.execPath, ...args], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr}`);
  const [wall = '0', user = '0', system = '0'] = result.stderr.trim().split('\n').pop()?.split(' ') ?? [];
  return { wallMs: Number(wall) * 1000, cpuMs: (Number(user) + Number(system)) * 1000 };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

try {
  execFileSync(process.execPath, ['bin/patchdesk.mjs', '--data-dir', dataDir, 'site', 'add', 'Bench', '--network', '192.0.2.0/24'], { cwd: root, stdio: 'ignore' });
  const ways = {
    'bundle (bin/patchdesk.mjs)': ['bin/patchdesk.mjs', '--data-dir', dataDir, 'site', 'list'],
    'tsx, compiled at start': ['--import', 'tsx', 'electron/cli/run-cli.script.ts', '--data-dir', dataDir, 'site', 'list'],
  };
  console.log(`CLI start: patchdesk site list, ${runs} runs each, Node ${process.version}`);
  const report = (name: string, args: string[]) => {
    measure(args);
    const samples = Array.from({ length: runs }, () => measure(args));
    const wall = median(samples.map((sample) => sample.wallMs));
    const cpu = median(samples.map((sample) => sample.cpuMs));
    console.log(`${name.padEnd(44)} median ${wall.toFixed(0).padStart(5)} ms wall, ${cpu.toFixed(0).padStart(5)} ms CPU`);
  };
  for (const [name, args] of Object.entries(ways)) report(name, args);
  // The same command while a browser host owns the folder: it forwards over the host's socket.
  const host = await startHostProcess(dataDir);
  try {
    report('bundle, forwarded to a running browser host', ways['bundle (bin/patchdesk.mjs)']);
  } finally {
    await host.stop();
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
