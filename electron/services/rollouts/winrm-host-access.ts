/**
 * How a rollout reaches a Windows host: WinRM with the asset's mapped WinRM credential (opened
 * from the vault, each use recorded). Over HTTPS the certificate pinned by an earlier collection
 * is the only one trusted (never trust on first use, like an SSH host key); over HTTP, NTLM
 * seals every message, but the server is not authenticated, which the collection accepted too.
 * A host never collected is refused before this (the preview needs its package manager).
 */
import type { Asset } from '../../../shared/contract/assets';
import type { PatchStatusRepository } from '../../db/repositories/patch-status.repository';
import type { CredentialVaultService } from '../credentials/credential-vault.service';
import type { RemoteExecutor, RemoteTarget } from '../remote/executor/remote-executor';
import type { HostAccessResult } from './host-access';

/** WinRM's ports by Windows' defaults: 5985 HTTP, 5986 HTTPS. */
export const WINRM_DEFAULT_PORT = 5985;
const HTTPS_PORT = 5986;

/** What opening a WinRM host needs. */
export interface WinRmAccessDeps {
  vault: CredentialVaultService;
  patchStatus: PatchStatusRepository;
  executor: RemoteExecutor;
}

/** The host's WinRM operation context, or why there is none. */
export function openWinRmHost(deps: WinRmAccessDeps, asset: Asset, purpose: 'rollout-preview' | 'rollout', signal?: AbortSignal): HostAccessResult {
  const host = asset.addresses[0] ?? asset.hostname;
  if (!host) return { ok: false, reason: 'the asset has no address or hostname to connect to' };
  const credential = deps.vault.findForAsset(asset, 'winrm');
  if (!credential) return { ok: false, reason: 'no WinRM credential is mapped to this asset or its tags' };
  if (!deps.vault.status().unlocked) return { ok: false, reason: 'the credentials vault is locked: unlock it first' };
  const port = asset.access.port ?? WINRM_DEFAULT_PORT;
  const secrets = deps.vault.useSecrets(credential.id, { assetId: asset.id, purpose, siteId: asset.siteId });
  if (secrets.authMethod !== 'ntlm' && secrets.authMethod !== 'basic') return { ok: false, reason: 'the credential mapped to this asset is not a WinRM credential' };
  // The same rule as the collection: HTTPS on 5986 or with Basic (which never goes over plain HTTP).
  const https = port === HTTPS_PORT || secrets.authMethod === 'basic';
  const pinned = https ? deps.patchStatus.pinnedKey(asset.id, `${host}:${port}`) : undefined;
  if (https && !pinned) return { ok: false, reason: `no WinRM certificate is pinned for ${host}:${port}: collect the host once (and check its certificate) before rolling out to it` };
  const changed = deps.patchStatus.changedKey(asset.id);
  if (changed) return { ok: false, reason: `the WinRM certificate of ${changed.endpoint} changed (now ${changed.fingerprint}): compare and accept it under Host keys first` };
  const target: RemoteTarget = {
    protocol: 'winrm',
    name: asset.hostname || host,
    winrm: {
      host,
      port,
      https,
      auth: secrets.authMethod,
      username: asset.access.username || credential.username,
      password: secrets.password,
      ...(https && pinned ? { trust: { kind: 'fingerprint' as const, sha256: pinned.fingerprint } } : {}),
    },
  };
  return { ok: true, context: { executor: deps.executor, target, sudo: false, ...(signal ? { signal } : {}) } };
}
