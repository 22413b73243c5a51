/**
 * How a rollout reaches a host: the asset's address, its mapped SSH credential (opened from the
 * vault, each use recorded) and the host key pinned by an earlier collection; Windows hosts over
 * WinRM (`winrm-host-access.ts`). A rollout never
 * trusts a host key on first use: a host never collected is refused, and a changed key stops it.
 */
import type { Asset } from '../../../shared/contract/assets';
import type { PatchStatusRepository } from '../../db/repositories/patch-status.repository';
import type { CredentialVaultService } from '../credentials/credential-vault.service';
import type { PatchStatusService } from '../patch-status/patch-status.service';
import type { RemoteExecutor, RemoteTarget } from '../remote/executor/remote-executor';
import type { OperationContext } from '../remote/operations/operation-context';
import { openWinRmHost } from './winrm-host-access';

/** A host's operation context, or why there is none. */
export type HostAccessResult = { ok: true; context: OperationContext } | { ok: false; reason: string };

// The collector judges the script's exit code itself (a partial collection still parses).
const ANY_EXIT = Array.from({ length: 256 }, (_, code) => code);

/** Opens hosts for rollout operations. */
export interface HostAccess {
  open(asset: Asset, purpose: 'rollout-preview' | 'rollout', signal?: AbortSignal): HostAccessResult;
  /**
   * A fresh collection of the host, stored like any other; what it found installed (name to
   * version). It runs the collector on `context`'s connection (the host run's own, opened with
   * the pinned key): no second handshake and no second use of the credential.
   */
  collect(asset: Asset, context: OperationContext): Promise<{ ok: true; installed: Map<string, string>; at: string } | { ok: false; message: string }>;
}

/** Dependencies of {@link createHostAccess}. */
export interface HostAccessDeps {
  vault: CredentialVaultService;
  patchStatus: PatchStatusRepository;
  executor: RemoteExecutor;
  status: PatchStatusService;
  connectTimeoutMs?: number;
  collectTimeoutMs?: number;
}

/** Host access through the vault and the pinned host keys. */
export function createHostAccess(deps: HostAccessDeps): HostAccess {
  return {
    open(asset, purpose, signal) {
      if (asset.access.method === 'winrm') return openWinRmHost(deps, asset, purpose, signal);
      if (asset.access.method !== 'ssh') return { ok: false, reason: `${asset.hostname || `asset ${asset.id}`} is not reached over SSH; rollouts install on Linux hosts over SSH` };
      const host = asset.addresses[0] ?? asset.hostname;
      if (!host) return { ok: false, reason: 'the asset has no address or hostname to connect to' };
      const credential = deps.vault.findForAsset(asset, 'ssh');
      if (!credential) return { ok: false, reason: 'no SSH credential is mapped to this asset or its tags' };
      if (!deps.vault.status().unlocked) return { ok: false, reason: 'the credentials vault is locked: unlock it first' };
      const port = asset.access.port ?? 22;
      const pinned = deps.patchStatus.pinnedKey(asset.id, `${host}:${port}`);
      if (!pinned) return { ok: false, reason: `no host key is pinned for ${host}:${port}: collect the host once (and check its key) before rolling out to it` };
      const changed = deps.patchStatus.changedKey(asset.id);
      if (changed) return { ok: false, reason: `the host key of ${changed.endpoint} changed (now ${changed.fingerprint}): compare and accept it under Host keys first` };
      const secrets = deps.vault.useSecrets(credential.id, { assetId: asset.id, purpose, siteId: asset.siteId });
      if (secrets.authMethod !== 'key' && secrets.authMethod !== 'password') return { ok: false, reason: 'the credential mapped to this asset is not an SSH credential' };
      const username = asset.access.username || credential.username;
      const target: RemoteTarget = {
        protocol: 'ssh',
        name: asset.hostname || host,
        ssh: {
          host,
          port,
          username,
          auth: secrets.authMethod === 'key' ? { kind: 'key', privateKey: secrets.privateKey, ...(secrets.passphrase ? { passphrase: secrets.passphrase } : {}) } : { kind: 'password', password: secrets.password },
          ...(secrets.sudoPassword ? { sudoPassword: secrets.sudoPassword } : {}),
          connectTimeoutMs: deps.connectTimeoutMs ?? 15_000,
          commandTimeoutMs: 600_000,
          knownHostKey: { algorithm: pinned.algorithm, sha256: pinned.fingerprint },
        },
      };
      return { ok: true, context: { executor: deps.executor, target, sudo: username !== 'root', ...(signal ? { signal } : {}) } };
    },
    async collect(asset, context) {
      const limits = { timeoutMs: deps.collectTimeoutMs ?? 300_000, ...(context.signal ? { signal: context.signal } : {}) };
      if (context.target.protocol === 'winrm') {
        // Windows: the collector's own PowerShell script and parser, on the host run's WinRM target.
        const { collectWindows } = await import('../collect/collectors/windows-collector');
        const outcome = await collectWindows((script) => context.executor.run(context.target, script, { ...limits, expectedExitCodes: ANY_EXIT }), { method: 'winrm' });
        if (!outcome.ok) return { ok: false, message: outcome.message };
        deps.status.storeCollection(asset.id, outcome.value, null);
        return { ok: true, installed: new Map(outcome.value.installed.map((item) => [item.name, item.version])), at: outcome.value.collectedAt };
      }
      if (asset.deviceType === 'network-device' || asset.osFamily === 'network-os') return { ok: false, message: 'a rollout verifies Linux hosts over SSH and Windows hosts over WinRM only' };
      const { collectLinux } = await import('../collect/collectors/linux-collector');
      // The collector's own script and parsers, on the executor's connection: the same collection as a collection job's.
      const outcome = await collectLinux(
        {
          run: (command, options) =>
            context.executor.run(context.target, command, {
              timeoutMs: options?.timeoutMs ?? deps.collectTimeoutMs ?? 300_000,
              expectedExitCodes: ANY_EXIT,
              ...(options?.stdin !== undefined ? { stdin: options.stdin } : {}),
              ...(options?.maxOutputBytes !== undefined ? { maxOutputBytes: options.maxOutputBytes } : {}),
              ...(context.signal ? { signal: context.signal } : {}),
            }),
        },
        { timeoutMs: deps.collectTimeoutMs ?? 300_000, ...(context.signal ? { signal: context.signal } : {}) },
      );
      if (!outcome.ok) return { ok: false, message: outcome.message };
      deps.status.storeCollection(asset.id, outcome.value, null);
      return { ok: true, installed: new Map(outcome.value.installed.map((item) => [item.name, item.version])), at: outcome.value.collectedAt };
    },
  };
}
