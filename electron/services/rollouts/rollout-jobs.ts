/**
 * The seam between rollouts and the job engine: rollout work is written against this small part
 * of the engine's context (`step`, `signal`), and started and awaited through it, so the service
 * can be tested without knowing how jobs are stored.
 */
import type { RequestContext } from '../../platform/request-context';

/** What rollout work receives from its job. */
export interface RolloutJobContext {
  readonly jobId: string;
  /** Fires when the job must stop starting steps (cancel, shutdown); running transactions still finish. */
  readonly signal: AbortSignal;
  /** Runs one step of the job on `target` (a host name), recorded before and after. */
  step<T>(target: string, name: string, fn: (note: (text: string) => void) => Promise<T>): Promise<T>;
  /** Pushes progress (the engine's `job:progress` event): never a secret. */
  progress(payload: RolloutProgress): void;
}

/** What a rollout job reports after each host. */
export interface RolloutProgress {
  rolloutId: number;
  host: string;
  state: string;
  counts: { hosts: number; open: number; success: number; failure: number; notAttempted: number };
}

/** Parameters stored with a rollout job (never a secret). */
export interface RolloutJobParams {
  rolloutId: number;
  mode: 'run' | 'rollback';
  /** Rollback only: the assets to roll back. */
  assetIds: number[];
}

/** Starts and follows rollout jobs (the job engine, bound to the `rollout` kind). */
export interface RolloutJobs {
  start(siteId: number, params: RolloutJobParams): string;
  /** Resolves when the job ends (whatever its outcome). */
  wait(jobId: string): Promise<unknown>;
  /** Whether the job is still queued, running or waiting (in any process). */
  active(jobId: string): boolean;
  /** Who started the job and through which interface; null when the job is unknown. */
  startedBy?(jobId: string): RequestContext | null;
}
