/**
 * The seam between rollouts and the job that runs them: start a piece of rollout work as a job,
 * whose steps are recorded before and after, and wait for it. The work is written against this
 * small interface (the job engine's `ctx.step` and `signal`), so the engine runs it unchanged.
 */

/** What rollout work receives from its job. */
export interface RolloutJobContext {
  readonly jobId: string;
  /** Fires when the job must stop starting steps (cancel, shutdown); running transactions still finish. */
  readonly signal: AbortSignal;
  /** Runs one step of the job on `target` (a host name), recorded before and after. */
  step<T>(target: string, name: string, fn: (note: (text: string) => void) => Promise<T>): Promise<T>;
}

/** Parameters stored with a rollout job. */
export interface RolloutJobParams {
  rolloutId: number;
  mode: 'run' | 'rollback';
  /** Rollback only: the assets to roll back (empty: every host that changed). */
  assetIds: number[];
}

/** Starts and waits for rollout jobs. */
export interface RolloutJobLauncher {
  start(siteId: number, params: RolloutJobParams, work: (context: RolloutJobContext) => Promise<void>): string;
  /** Resolves when the job ends (whatever its outcome). */
  wait(jobId: string): Promise<void>;
  /** Stops this process's rollout jobs (shutdown) and waits for them. */
  stopAll(): Promise<void>;
}
