/**
 * What each remote step of a rollout costs on a lab host and in this process, one step at a time
 * (nothing else of ours running): an SSH handshake, a command on an open connection, the
 * preview's one command, the preflight, the install of lab-hello 1.1 (judged: dpkg before,
 * apt-get, dpkg after) and the verifying collection. Host CPU is the host's sshd and everything
 * it started (`labHostCpuMs`), client CPU this process's. As root:
 * `sudo node --import tsx bench/rollouts/operation-costs.bench.ts [--hosts 3] [--rounds 3]`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectLinux } from '../../electron/services/collect/collectors/linux-collector';
import { createRemoteExecutor } from '../../electron/services/remote/executor/remote-executor';
import { aptPreviewUpgrade } from '../../electron/services/remote/operations/apt-preview';
import { runAptTransaction } from '../../electron/services/remote/operations/apt-transaction';
import { readBootId } from '../../electron/services/remote/operations/boot-identity';
import { dpkgUnfinishedPackages } from '../../electron/services/remote/operations/dpkg-versions';
import { runOn, type OperationContext } from '../../electron/services/remote/operations/operation-context';
import { labLayout } from '../../electron/test-support/package-lab/lab-layout';
import { labRemoteTarget } from '../../electron/test-support/package-lab/lab-remote-target';
import { downPackageLab, upPackageLab } from '../../electron/test-support/package-lab/package-lab';
import { inHost, labHostCpuMs } from './host-prep';

// Its own addresses (benches use 127.88.230 and above; the rollout bench has .230).
const ADDRESS_PREFIX = '127.88.231';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
}

async function main(): Promise<void> {
  if (process.getuid?.() !== 0) throw new Error('run as root (the package lab mounts its hosts\' roots)');
  const hostCount = option('--hosts', 3);
  const rounds = option('--rounds', 3);
  const layout = { ...labLayout(), stateDir: mkdtempSync(join(tmpdir(), 'patchdesk-lab-bench-opcosts-')) };
  const samples = new Map<string, { host: number[]; client: number[]; wall: number[] }>();
  try {
    const lab = await upPackageLab(layout, { hosts: hostCount, families: ['apt'], addressPrefix: ADDRESS_PREFIX, log: (line) => console.error(`[bench] ${line}`) });
    const executor = createRemoteExecutor();
    const measure = async <T>(name: string, host: (typeof lab.hosts)[number], fn: () => Promise<T>): Promise<T> => {
      const hostBefore = labHostCpuMs([host]);
      const clientBefore = process.cpuUsage();
      const started = performance.now();
      const value = await fn();
      const wall = performance.now() - started;
      const client = process.cpuUsage(clientBefore);
      const entry = samples.get(name) ?? { host: [], client: [], wall: [] };
      entry.host.push(labHostCpuMs([host]) - hostBefore);
      entry.client.push((client.user + client.system) / 1000);
      entry.wall.push(wall);
      samples.set(name, entry);
      return value;
    };
    for (let round = 0; round < rounds; round += 1) {
      // Back to 1.0 through chroot (not over SSH, so not counted).
      for (const host of lab.hosts) inHost(host, 'DEBIAN_FRONTEND=noninteractive apt-get -q -y --allow-downgrades install lab-hello=1.0 </dev/null >/dev/null');
      for (const host of lab.hosts) {
        const context: OperationContext = { executor, target: labRemoteTarget(host), sudo: false };
        await executor.close(context.target);
        await measure('handshake + one command (true)', host, () => runOn(context, 'true', { timeoutMs: 30_000 }));
        await measure('one command on the open connection (true)', host, () => runOn(context, 'true', { timeoutMs: 30_000 }));
        await measure('preview: apt-get -s install + madison + cache listing (one command)', host, () => aptPreviewUpgrade(context, [{ name: 'lab-hello' }], { rollbackSources: true }));
        await measure('connect step: boot id', host, () => readBootId(context));
        await measure('preflight: dpkg-query of every package', host, () => dpkgUnfinishedPackages(context));
        const outcome = await measure('install: dpkg-query, apt-get install, dpkg-query', host, () => runAptTransaction(context, [{ name: 'lab-hello', version: '1.1' }], { kind: 'upgrade', lockTimeoutSeconds: 60, timeoutMs: 300_000 }));
        if (outcome.outcome !== 'done') throw new Error(`${host.name}: the install did not succeed: ${JSON.stringify(outcome)}`);
        const collected = await measure('verify: the collector script (one command)', host, () => collectLinux({ run: (command, options) => executor.run(context.target, command, { timeoutMs: 300_000, expectedExitCodes: Array.from({ length: 256 }, (_, code) => code), ...(options?.stdin !== undefined ? { stdin: options.stdin } : {}) }) }, { timeoutMs: 300_000 }));
        if (!collected.ok) throw new Error(`${host.name}: the collection failed: ${collected.message}`);
        await executor.close(context.target);
      }
    }
    await executor.close();
    const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
    console.log(`\n${hostCount} hosts × ${rounds} rounds, one step at a time; load average ${loadavg().map((value) => value.toFixed(2)).join(' ')}; ${new Date().toISOString()}`);
    console.log('step'.padEnd(72) + 'host CPU ms  client CPU ms  wall ms (means)');
    for (const [name, entry] of samples) console.log(`${name.padEnd(72)}${mean(entry.host).toFixed(0).padStart(11)}${mean(entry.client).toFixed(0).padStart(14)}${mean(entry.wall).toFixed(0).padStart(9)}`);
  } finally {
    await downPackageLab(layout);
    rmSync(layout.stateDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
});
