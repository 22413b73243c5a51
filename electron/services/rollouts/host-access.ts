/**
 * How a rollout reaches a host: the asset's address, its mapped SSH credential (opened from the
 * vault, each use recorded) and the host key pinned by an earlier collection; Windows hosts over
 * WinRM (`winrm-host-access.ts`). A rollout never
 * trusts a host key on first use: a host never collected is refused, and a changed key stops it.
 */
import type { Asset } from '../../../shared/contract/assets';
import type { PatchStatusRepository } from '../../db/repositories/patch-status.repository';
import type { CredentialVaultService } from '../credentials/credential-vault.service';
import type { HostCollector } from '../patch-status/host-collector';
import type { PatchStatusService } from '../patch-status/patch-status.service';
import type { RemoteExecutor, RemoteTarget } from '../remote/executor/remote-executor';
import type { OperationContext } from '../remote/operations/operation-context';
import { openWinRmHost, WINRM_DEFAULT_PORT } from './winrm-host-access';

/** A host's operation context, or why there is none. */
export type HostAccessResult = { ok: true; context: OperationContext } | { ok: false; reason: string };

/** Opens hosts for rollout operations. */
export interface HostAccess {
  open(asset: Asset, purpose: 'rollout-preview' | 'rollout', signal?: AbortSignal): HostAccessResult;
  /** A fresh collection of the host, stored like any other; what it found installed (name to version). */
  collect(asset: Asset, signal?: AbortSignal): Promise<{ ok: true; installed: Map<string, string>; at: string } | { ok: false; message: string }>;
}

/** Dependencies of {@link createHostAccess}. */
export interface HostAccessDeps {
  vault: CredentialVaultService;
  patchStatus: PatchStatusRepository;
  executor: RemoteExecutor;
  collector: HostCollector;
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
    async collect(asset, signal) {
      const host = asset.addresses[0] ?? asset.hostname;
      const winrm = asset.access.method === 'winrm';
      const credential = deps.vault.findForAsset(asset, winrm ? 'winrm' : 'ssh');
      if (!host || !credential) return { ok: false, message: `no address or ${winrm ? 'WinRM' : 'SSH'} credential to collect with` };
      const port = asset.access.port ?? (winrm ? WINRM_DEFAULT_PORT : 22);
      const pinned = deps.patchStatus.pinnedKey(asset.id, `${host}:${port}`);
      // WinRM over HTTP has no server key to pin (openWinRmHost refuses HTTPS without a pinned certificate).
      if (!pinned && !winrm) return { ok: false, message: `no host key is pinned for ${host}:${port}` };
      const result = await deps.collector({
        asset,
        host,
        port,
        username: asset.access.username || credential.username,
        secrets: deps.vault.useSecrets(credential.id, { assetId: asset.id, purpose: 'rollout-verify', siteId: asset.siteId }),
        ...(pinned ? { pinnedKey: pinned } : {}),
        connectTimeoutMs: deps.connectTimeoutMs ?? 15_000,
        commandTimeoutMs: deps.collectTimeoutMs ?? 300_000,
        signal: signal ?? new AbortController().signal,
        onPhase: () => undefined,
      });
      deps.vault.recordOutcome(credential.id, asset.id, 'rollout-verify', result.ok ? 'ok' : result.code);
      if (!result.ok) return { ok: false, message: result.message };
      deps.status.storeCollection(asset.id, result.collection, null);
      return { ok: true, installed: new Map(result.collection.installed.map((item) => [item.name, item.version])), at: result.collection.collectedAt };
    },
  };
}
