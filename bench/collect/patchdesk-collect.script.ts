/**
 * Child process of the collection benchmark: runs one Patchdesk collection exactly as the product
 * does (openAppCore in CLI mode, the dispatcher's channels, the default SSH collector) over a fresh
 * data dir, then prints one JSON line with timings, the fleet status and its own peak RSS.
 *
 * Run by collect.bench.ts: node --import tsx patchdesk-collect.script.ts CONFIG.json
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { openAppCore } from '../../electron/core/app-core';

export interface PatchdeskRunConfig {
  dataDir: string;
  endpoints: { name: string; host: string; port: number }[];
  username: string;
  privateKey: string;
  concurrency: number;
}

export interface PatchdeskHostOutcome {
  hostname: string;
  address: string;
  state: string;
  osName: string;
  osVersion: string;
  pendingCount: number;
  lastError: string | null;
}

export interface PatchdeskRunReport {
  setupMs: number;
  /** collect:start until the fleet status has been read back. */
  collectMs: number;
  summary: { hostsTotal: number; hostsOk: number; hostsFailed: number; status: string };
  hosts: PatchdeskHostOutcome[];
  /** Per-host phase durations from the collect:host events (ms): connect = connecting→collecting, run = collecting→done. */
  phases: { connectMs: number[]; runMs: number[]; queuedToStartMs: number[] };
  vmHwmKb: number;
  cpu: { userMs: number; systemMs: number };
}

function vmHwmKb(): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return match ? Number(match[1]) : 0;
}

async function main(): Promise<void> {
  const configPath = process.argv[2];
  if (!configPath) throw new Error('usage: patchdesk-collect.script.ts CONFIG.json');
  const config = JSON.parse(readFileSync(configPath, 'utf8')) as PatchdeskRunConfig;
  const setupStart = performance.now();
  const core = openAppCore({ dataDir: config.dataDir, mode: 'cli', actor: 'collect-bench' });
  try {
    const call = async <T>(channel: string, request: unknown): Promise<T> => {
      const result = await core.dispatcher.invoke(channel, request);
      if (!result.ok) throw new Error(`${channel} failed: ${result.error.code}: ${result.error.message}`);
      return result.value as T;
    };
    const site = await call<{ id: number }>('sites:create', { name: 'collect benchmark' });
    await call('vault:setup', { passphrase: 'collect benchmark vault passphrase' });
    const assetIds: number[] = [];
    for (const endpoint of config.endpoints) {
      const asset = await call<{ id: number }>('assets:create', {
        siteId: site.id,
        fields: { hostname: endpoint.name, addresses: [endpoint.host], access: { method: 'ssh', port: endpoint.port, username: config.username } },
      });
      assetIds.push(asset.id);
    }
    const credential = await call<{ id: number }>('credentials:create', {
      siteId: site.id,
      name: 'lab client key',
      kind: 'ssh',
      username: config.username,
      secrets: { authMethod: 'key', privateKey: config.privateKey },
    });
    await call('credentials:bind', { credentialId: credential.id, assetIds });
    const setupMs = performance.now() - setupStart;

    // Phase timestamps per asset, from the same events the UI's progress view receives.
    const seen = new Map<number, Partial<Record<'queued' | 'connecting' | 'collecting' | 'done' | 'failed', number>>>();
    core.events.subscribe((event, payload) => {
      if (event !== 'collect:host') return;
      const host = payload as { assetId: number; phase: 'queued' | 'connecting' | 'collecting' | 'done' | 'failed' };
      const entry = seen.get(host.assetId) ?? {};
      entry[host.phase] = performance.now();
      seen.set(host.assetId, entry);
    });

    const collectStart = performance.now();
    const started = await call<{ jobId: string }>('collect:start', { siteId: site.id, concurrency: config.concurrency });
    const summary = await core.services.collections.wait(started.jobId);
    const fleet = await call<{ assets: { hostname: string; address: string; state: string; osName: string; osVersion: string; pendingCount: number; lastError: { code: string; message: string } | null }[] }>(
      'status:fleet',
      { siteId: site.id },
    );
    const collectMs = performance.now() - collectStart;

    const phases: PatchdeskRunReport['phases'] = { connectMs: [], runMs: [], queuedToStartMs: [] };
    for (const entry of seen.values()) {
      const end = entry.done ?? entry.failed;
      if (entry.connecting !== undefined && entry.queued !== undefined) phases.queuedToStartMs.push(entry.connecting - entry.queued);
      if (entry.connecting !== undefined && entry.collecting !== undefined) phases.connectMs.push(entry.collecting - entry.connecting);
      if (entry.collecting !== undefined && end !== undefined) phases.runMs.push(end - entry.collecting);
    }
    const cpu = process.cpuUsage();
    const report: PatchdeskRunReport = {
      setupMs,
      collectMs,
      summary: { hostsTotal: summary.hostsTotal, hostsOk: summary.hostsOk, hostsFailed: summary.hostsFailed, status: summary.status },
      hosts: fleet.assets.map((asset) => ({
        hostname: asset.hostname,
        address: asset.address,
        state: asset.state,
        osName: asset.osName,
        osVersion: asset.osVersion,
        pendingCount: asset.pendingCount,
        lastError: asset.lastError ? `${asset.lastError.code}: ${asset.lastError.message}` : null,
      })),
      phases,
      vmHwmKb: vmHwmKb(),
      cpu: { userMs: cpu.user / 1000, systemMs: cpu.system / 1000 },
    };
    process.stdout.write(`${JSON.stringify(report)}\n`);
  } finally {
    await core.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
