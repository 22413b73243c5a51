import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscoveredHost, type ScanOptions } from '../../../shared/contract/discovery';
import { parseTargets, type TargetRange } from '../../../shared/domain/network-targets';
import { runDiscovery, type DiscoveryRun } from './index';
import type { DiscoveryProgress } from './progress-throttle';
import {
  blackholePort,
  httpServer,
  httpsServer,
  loopbackBlock,
  selfSignedCertificate,
  sshServer,
  tcpServer,
  type BlackholePort,
  type TestServer,
} from './testing/loopback-servers';
import { startSnmpAgent, type TestSnmpAgent } from './testing/snmp-agent';

function ranges(...targets: string[]): TargetRange[] {
  const parsed = parseTargets(targets);
  if (!parsed.ok) throw new Error('bad targets');
  return parsed.ranges;
}

function options(overrides: Partial<ScanOptions>): ScanOptions {
  return { ports: [], timeoutMs: 3000, concurrency: 256, reverseDns: false, grabBanners: false, ...overrides };
}

async function scan(run: Omit<DiscoveryRun, 'onHost'>) {
  const hosts: DiscoveredHost[] = [];
  const result = await runDiscovery({ arpTable: async () => new Map(), ...run, onHost: (host) => hosts.push(host) });
  return { result, hosts: hosts.sort((a, b) => a.address.localeCompare(b.address, 'en', { numeric: true })) };
}

const block = loopbackBlock();
const servers: TestServer[] = [];
let blackhole: BlackholePort;

async function serve(server: Promise<TestServer>): Promise<TestServer> {
  const started = await server;
  servers.push(started);
  return started;
}

beforeAll(async () => {
  blackhole = await blackholePort(`${block}.250`);
});

afterAll(async () => {
  blackhole.close();
  await Promise.all(servers.map((server) => server.close()));
});

describe('runDiscovery: probing', () => {
  it('finds hosts with open ports, ignores refusals, and reports each live host once', async () => {
    const a = await serve(tcpServer(`${block}.10`));
    const b = await serve(tcpServer(`${block}.11`));
    const c = await serve(tcpServer(`${block}.11`));
    const { result, hosts } = await scan({
      ranges: ranges(`${block}.0-40`),
      options: options({ ports: [a.port, b.port, c.port] }),
      arpTable: async () => new Map([[`${block}.10`, '52:54:00:12:34:56']]),
    });
    expect(result).toEqual({ probedAddresses: 41, liveHosts: 2, cancelled: false });
    expect(hosts.map((host) => host.address)).toEqual([`${block}.10`, `${block}.11`]);
    expect(hosts[0]).toMatchObject({ mac: '52:54:00:12:34:56', hostname: '', snmp: null, openPorts: [{ port: a.port, protocol: 'tcp', banner: '' }] });
    expect(hosts[1]?.openPorts.map((port) => port.port)).toEqual([b.port, c.port].sort((x, y) => x - y));
    expect(hosts[1]?.mac).toBe('');
  });

  it('finds nothing where everything refuses', async () => {
    const { result, hosts } = await scan({ ranges: ranges(`${block}.100-163`), options: options({ ports: [22, 80, 443, 445] }) });
    expect(result).toEqual({ probedAddresses: 64, liveHosts: 0, cancelled: false });
    expect(hosts).toEqual([]);
  });

  it('times out on a port that drops SYNs, without counting it live', async () => {
    const { result } = await scan({ ranges: ranges(`${block}.250`), options: options({ ports: [blackhole.port], timeoutMs: 300 }) });
    expect(result).toEqual({ probedAddresses: 1, liveHosts: 0, cancelled: false });
  });

  it('never has more sockets in flight than the concurrency', async () => {
    let open = 0;
    let peak = 0;
    const hold = (socket: import('node:net').Socket): void => {
      open++;
      peak = Math.max(peak, open);
      socket.on('close', () => open--);
    };
    const silent = await Promise.all(Array.from({ length: 24 }, (_, i) => serve(tcpServer(`${block}.${50 + i}`, hold))));
    const ports = [...new Set(silent.map((server) => server.port))];
    const { result, hosts } = await scan({
      ranges: ranges(`${block}.50-73`),
      options: options({ ports, concurrency: 6, grabBanners: true }),
      bannerPorts: { ssh: ports },
      bannerTimeoutMs: 100,
    });
    expect(result.liveHosts).toBe(24);
    expect(hosts.every((host) => host.openPorts.length === 1)).toBe(true);
    expect(peak).toBeGreaterThan(1);
    expect(peak).toBeLessThanOrEqual(6);
  });

  it('does not lose hosts when the process runs out of file descriptors', async () => {
    const listeners = await Promise.all(Array.from({ length: 6 }, (_, i) => serve(tcpServer(`${block}.${180 + i * 7}`))));
    const ports = [...new Set(listeners.map((server) => server.port))].join(',');
    const script = fileURLToPath(new URL('./testing/fd-limit-scan.ts', import.meta.url));
    const command = `ulimit -n 48 && exec "${process.execPath}" --import tsx "${script}" ${block}.170-220 ${ports} 400`;
    const output = await new Promise<string>((resolve, reject) => {
      execFile('sh', ['-c', command], { timeout: 60_000 }, (error, stdout, stderr) => (error ? reject(new Error(stderr || String(error))) : resolve(stdout)));
    });
    const { result, found } = JSON.parse(output) as { result: { liveHosts: number }; found: string[] };
    expect(found).toEqual(listeners.map((server) => server.host).sort());
    expect(result.liveHosts).toBe(6);
  }, 90_000);
});

describe('runDiscovery: identification', () => {
  it('reads banners, resolves names and fingerprints the host', async () => {
    const ssh = await serve(sshServer(`${block}.20`, 'SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.6\r\n'));
    const web = await serve(httpServer(`${block}.21`, { Server: 'Microsoft-IIS/10.0' }));
    const tls = await serve(httpsServer(`${block}.21`, selfSignedCertificate('/CN=web01.example.lan'), { Server: 'Microsoft-IIS/10.0' }));
    const names: Record<string, string> = { [`${block}.20`]: 'ubuntu01.example.lan', [`${block}.21`]: 'web01.example.lan' };
    const { hosts } = await scan({
      ranges: ranges(`${block}.20-21`),
      options: options({ ports: [ssh.port, web.port, tls.port], grabBanners: true, reverseDns: true }),
      bannerPorts: { ssh: [ssh.port], http: [web.port], https: [tls.port] },
      bannerTimeoutMs: 5000,
      resolver: { reverse: async (ip) => (names[ip] ? [names[ip]] : []) },
    });
    expect(hosts).toHaveLength(2);
    expect(hosts[0]).toMatchObject({
      hostname: 'ubuntu01.example.lan',
      osFamily: 'linux',
      osName: 'Ubuntu 22.04',
      deviceType: 'server',
      openPorts: [{ port: ssh.port, service: 'ssh', banner: 'SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.6' }],
    });
    expect(hosts[1]).toMatchObject({ hostname: 'web01.example.lan', osFamily: 'windows', osName: 'Windows Server 2016 or later', deviceType: 'server' });
    const banners = hosts[1]?.openPorts.map((port) => port.banner) ?? [];
    expect(banners).toContain('HTTP/1.1 200 OK | Server: Microsoft-IIS/10.0');
    expect(banners).toContain('TLS subject: CN=web01.example.lan; issuer: CN=web01.example.lan | HTTP/1.1 200 OK | Server: Microsoft-IIS/10.0');
    expect(hosts[1]?.evidence.length).toBeGreaterThan(0);
    for (const host of hosts) expect(DiscoveredHost.parse(host)).toEqual(host);
  });

  it('does not touch DNS when reverse DNS is off', async () => {
    const server = await serve(tcpServer(`${block}.30`));
    const { hosts } = await scan({
      ranges: ranges(`${block}.30`),
      options: options({ ports: [server.port], reverseDns: false }),
      resolver: {
        reverse: () => {
          throw new Error('must not be called');
        },
      },
    });
    expect(hosts[0]?.hostname).toBe('');
  });

  describe('SNMP', () => {
    const community = 'n0t-public-Xy7';
    let agent: TestSnmpAgent;

    beforeAll(async () => {
      agent = await startSnmpAgent({ address: `${block}.40`, community, sysDescr: 'RouterOS RB4011iGS+', sysName: 'edge-rtr1' });
    });

    afterAll(async () => {
      await agent.close();
    });

    it('counts a host that answers SNMP as live, and never leaks the community', async () => {
      const { result, hosts } = await scan({
        ranges: ranges(`${block}.39-41`),
        // Long enough that a loaded machine cannot turn the agent's answer into a timeout.
        options: options({ ports: [22], timeoutMs: 2000, snmpCommunity: community }),
        snmpPort: agent.port,
      });
      expect(result).toEqual({ probedAddresses: 3, liveHosts: 1, cancelled: false });
      expect(hosts[0]).toMatchObject({
        address: `${block}.40`,
        openPorts: [],
        snmp: { sysDescr: 'RouterOS RB4011iGS+', sysName: 'edge-rtr1' },
        osFamily: 'network-os',
        osName: 'MikroTik RouterOS',
        deviceType: 'network-device',
      });
      expect(JSON.stringify(hosts)).not.toContain(community);
    });

    it('finds nothing with the wrong community', async () => {
      const { result } = await scan({
        ranges: ranges(`${block}.40`),
        options: options({ ports: [22], timeoutMs: 100, snmpCommunity: 'public' }),
        snmpPort: agent.port,
      });
      expect(result.liveHosts).toBe(0);
    });
  });
});

describe('runDiscovery: control', () => {
  const wide = `127.${100 + Math.floor(Math.random() * 150)}.0.0/18`;

  it('stops when cancelled, reports nothing afterwards and leaves no sockets or timers', async () => {
    const baseline = process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout' || kind === 'TCPSocketWrap').length;
    const controller = new AbortController();
    let hostsAfterEnd = 0;
    let ended = false;
    // Cancelled once probing is under way; the probes' timeout outlasts the test, so only the
    // cancel can end the run in time.
    const result = await runDiscovery({
      ranges: ranges(wide, `${block}.250`),
      options: options({ ports: [1, blackhole.port], timeoutMs: 600_000, concurrency: 512 }),
      signal: controller.signal,
      arpTable: async () => new Map(),
      onProgress: () => controller.abort(),
      onHost: () => {
        if (ended) hostsAfterEnd++;
      },
    });
    ended = true;
    expect(result.cancelled).toBe(true);
    expect(result.probedAddresses).toBeLessThan(16_385);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(hostsAfterEnd).toBe(0);
    const after = process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout' || kind === 'TCPSocketWrap').length;
    expect(after).toBeLessThanOrEqual(baseline);
  });

  it('streams a /8 without materialising its addresses', async () => {
    const controller = new AbortController();
    const heapBefore = process.memoryUsage().heapUsed;
    const { result } = await scan({
      ranges: ranges('127.0.0.0/8'),
      options: options({ ports: [1] }),
      signal: controller.signal,
      onProgress: (progress) => {
        if (progress.probedAddresses >= 1000) controller.abort();
      },
    });
    expect(result.cancelled).toBe(true);
    expect(result.probedAddresses).toBeGreaterThan(0);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(64 * 1024 * 1024);
  });

  it('returns at once when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const { result } = await scan({ ranges: ranges(wide), options: options({ ports: [1] }), signal: controller.signal });
    expect(result).toEqual({ probedAddresses: 0, liveHosts: 0, cancelled: true });
  });

  // The interval itself is checked with a fake clock in progress-throttle.test.ts; wall-clock gaps
  // here would depend on how busy the machine is.
  it('reports progress in order while it scans and ends with the final count', async () => {
    const updates: { progress: DiscoveryProgress }[] = [];
    const half = `${wide.slice(0, wide.lastIndexOf('/'))}/19`;
    const result = await runDiscovery({
      ranges: ranges(half),
      options: options({ ports: [1, 2], concurrency: 64 }),
      arpTable: async () => new Map(),
      onProgress: (progress) => updates.push({ progress }),
    });
    expect(updates.length).toBeGreaterThanOrEqual(2);
    expect(updates.at(-1)?.progress).toEqual({ probedAddresses: 8192, liveHosts: 0 });
    expect(result.probedAddresses).toBe(8192);
    const counts = updates.map((update) => update.progress.probedAddresses);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
  }, 60_000);

  it('keeps the event loop responsive during a large scan', async () => {
    const cpuMs = (): number => {
      const usage = process.cpuUsage();
      return (usage.user + usage.system) / 1000;
    };
    // CPU time between ticks, not wall time: a starved machine delays ticks without us blocking.
    let last = cpuMs();
    let worstGap = 0;
    const ticker = setInterval(() => {
      const now = cpuMs();
      worstGap = Math.max(worstGap, now - last);
      last = now;
    }, 5);
    try {
      await scan({ ranges: ranges(wide), options: options({ ports: [1], concurrency: 4096 }) });
    } finally {
      clearInterval(ticker);
    }
    expect(worstGap).toBeLessThan(150);
  }, 60_000);

  it('stops and rejects when a callback throws', async () => {
    const server = await serve(tcpServer(`${block}.31`));
    await expect(
      runDiscovery({
        ranges: ranges(`${block}.31`),
        options: options({ ports: [server.port] }),
        arpTable: async () => new Map(),
        onHost: () => {
          throw new Error('consumer failed');
        },
      }),
    ).rejects.toThrow('consumer failed');
  });
});
