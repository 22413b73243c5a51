/**
 * Test-only: simulated Windows hosts for the e2e host process. Each is the WUA simulator of
 * `electron/services/remote/winrm/test-support/windows-host-simulator.ts` behind its own WinRM
 * test listener on 127.0.0.1, reached by the real executor (NTLM over HTTP, the WUA task protocol)
 * and the windows family of the dispatch table. Access skips the vault (the e2e host has no
 * unlocked vault); the fresh collection runs Patchdesk's collector script over WinRM and is stored
 * like any other. None of this ran on Windows.
 */
import type { AppCore } from '../../electron/core/app-core';
import { systemClock } from '../../electron/platform/clock';
import { collectWindows } from '../../electron/services/collect/collectors/windows-collector';
import { createRemoteExecutor } from '../../electron/services/remote/executor/remote-executor';
import type { RemoteTarget } from '../../electron/services/remote/executor/remote-executor';
import { createWindowsFamilyOperations } from '../../electron/services/remote/operations/windows-family';
import { simulateWindowsHost, type SimulatedUpdate } from '../../electron/services/remote/winrm/test-support/windows-host-simulator';
import { startWinRmTestServer } from '../../electron/services/remote/winrm/test-support/winrm-test-server';
import type { HostAccess } from '../../electron/services/rollouts/host-access';
import { familyFromOperations, type PackageFamilyOperations } from '../../electron/services/rollouts/package-family';

/** One simulated Windows host as the test describes it. */
export interface SimulatedWindowsSpec {
  name: string;
  updates: SimulatedUpdate[];
}

const USER = { user: 'patchbot', domain: 'PATCHLAB', password: 'Wu4-lab-secret!' };

/** Starts the hosts; `access` wraps `others` (the scripted Linux hosts) and `family` answers `windows-update`. */
export async function startSimulatedWindowsHosts(specs: readonly SimulatedWindowsSpec[], core: () => AppCore) {
  const executor = createRemoteExecutor();
  const targets = new Map<string, RemoteTarget>();
  const servers: { close(): Promise<void> }[] = [];
  for (const spec of specs) {
    const host = simulateWindowsHost({ updates: spec.updates, pollsUntilResult: 1, hostname: spec.name.toUpperCase() });
    const server = await startWinRmTestServer({ accounts: [USER], behave: host.behave });
    servers.push(server);
    targets.set(spec.name, { protocol: 'winrm', name: spec.name, winrm: { host: server.host, port: server.port, https: false, auth: 'ntlm', username: `${USER.domain}\\${USER.user}`, password: USER.password } });
  }
  // The task poll is answered "running" once; the wait between polls is not what this test is about.
  const family = familyFromOperations('windows', createWindowsFamilyOperations({ clock: systemClock, sleep: async () => Promise.resolve(), pollIntervalMs: 0 })) as PackageFamilyOperations;
  const wrap = (others: HostAccess): HostAccess => ({
    open(asset, purpose, signal) {
      const target = targets.get(asset.hostname);
      if (!target) return others.open(asset, purpose, signal);
      return { ok: true, context: { executor, target, sudo: false, ...(signal ? { signal } : {}) } };
    },
    async collect(asset, signal) {
      const target = targets.get(asset.hostname);
      if (!target) return others.collect(asset, signal);
      const outcome = await collectWindows((script) => executor.run(target, script, { timeoutMs: 60_000 }), { method: 'winrm' });
      if (!outcome.ok) return { ok: false, message: outcome.message };
      core().services.patchStatus.storeCollection(asset.id, outcome.value, null);
      return { ok: true, installed: new Map(outcome.value.installed.map((item) => [item.name, item.version])), at: outcome.value.collectedAt };
    },
  });
  const close = async () => {
    await executor.close();
    await Promise.all(servers.map((server) => server.close()));
  };
  return { wrap, family, close };
}
