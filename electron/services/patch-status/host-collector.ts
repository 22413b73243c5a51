/**
 * The seam between collection jobs and the remote executors: one call collects one host. The
 * real implementation (remote-host-collector.ts) uses SSH or WinRM; tests pass a scripted one.
 */
import type { Asset } from '../../../shared/contract/assets';
import type { CredentialSecrets } from '../../../shared/contract/credentials';
import type { CollectionErrorCode, HostCollection } from '../../../shared/contract/patch-status';

/** A host key the server presented. */
export interface PresentedHostKey {
  algorithm: string;
  fingerprint: string;
}

/** What a collector is given for one host. */
export interface HostCollectRequest {
  asset: Asset;
  host: string;
  port: number;
  username: string;
  secrets: CredentialSecrets;
  /** The SSH host key pinned for this endpoint; absent on first use. */
  pinnedKey?: PresentedHostKey;
  connectTimeoutMs: number;
  commandTimeoutMs: number;
  signal: AbortSignal;
  onPhase: (phase: 'connecting' | 'collecting') => void;
}

/** The outcome for one host: the collection, or a coded reason. Never throws for a host problem. */
export type HostCollectResult =
  | { ok: true; collection: HostCollection; presentedKey?: PresentedHostKey }
  | { ok: false; code: CollectionErrorCode; message: string; presentedKey?: PresentedHostKey; previousKey?: PresentedHostKey };

/** Collects one host. */
export type HostCollector = (request: HostCollectRequest) => Promise<HostCollectResult>;
