/**
 * What a kind of job gives the engine (its parameters' schema, how to run it, optionally how to
 * resume it) and what a running job gets from the engine (its context). See README.md.
 */
import type { z } from 'zod';
import type { JobRecord, JobStepRecord } from '../../shared/contract/jobs';

/**
 * Why a job's signal fired: `cancel` (someone asked, in this process or another), `shutdown` (this
 * process is stopping; the job ends `interrupted`), `lost` (another process judged this one gone
 * and marked the job interrupted; nothing more is written for it).
 */
export type JobStopReason = 'cancel' | 'shutdown' | 'lost';

/** The handle of one running step: its attempt number, and where its output and detail go. */
export interface JobStep {
  /** 1 for the first try of this step on this target in this job, then 2, 3, ... */
  readonly attempt: number;
  /** Appends output (any number of lines); the step row keeps the last lines. Never pass secrets. */
  output(text: string): void;
  /** Replaces the step's short detail (stored with the row). */
  detail(text: string): void;
  /** Ends the step as `failed` with this detail even though the step's function returns normally. */
  fail(detail: string): void;
}

/** What a job's handler receives. */
export interface JobContext<Params> {
  readonly jobId: string;
  readonly kind: string;
  readonly siteId: number | null;
  /** The parameters, parsed with the kind's schema. */
  readonly params: Params;
  /** Fires when the job should stop; {@link JobContext.stopReason} says why. */
  readonly signal: AbortSignal;
  /** Why {@link JobContext.signal} fired, or null while it has not. */
  stopReason(): JobStopReason | null;
  /**
   * Runs `fn` as one step of the job on `target` (a host, a ring, the site), writing the step's row
   * before `fn` starts (`running`) and after it ends (`succeeded`, `failed` with the error as
   * detail, `cancelled` or `interrupted` when the job was stopped). A cancel request left by
   * another process is looked for before and after the step. Refuses to start a step once the job
   * was stopped ({@link JobStoppedError}). What `fn` returns or throws is passed through.
   */
  step<T>(target: string, name: string, fn: (step: JobStep) => Promise<T> | T, options?: { detail?: string }): Promise<T>;
  /**
   * Reports progress: the job's sequence number goes up by one and one `job:progress` event is
   * pushed at once; the stored copy is refreshed at most once a second and when the job changes state.
   */
  progress(payload: unknown): void;
  /** Marks the job `waiting` (alive, waiting for something outside it, such as an admin) or back to `running`. */
  setState(state: 'running' | 'waiting'): void;
}

/** What was left of an interrupted job when a kind that can resume takes it over. */
export interface JobResumeInput {
  /** The job as stored when it was taken over (state `running` again, owned by this process). */
  job: JobRecord;
  /** Every step row of the job, oldest first; those cut short are `interrupted`. */
  steps: JobStepRecord[];
}

/** One kind of job, registered with {@link JobEngine.register}. */
export interface JobKindDefinition<Params, Result> {
  /** The kind's name, stored with every job (`scan`, `collect`, `evidence-export`, `rollout`). */
  kind: string;
  /** Checks the parameters on start and again on resume; the stored copy is what it returns. */
  parameters: z.ZodType<Params>;
  /** Does the work. What it returns is stored as the job's result (JSON). */
  run(context: JobContext<Params>): Promise<Result>;
  /**
   * When present, an `interrupted` job of this kind is taken over by the first process that has
   * this kind registered (and resuming enabled), which calls `resume` instead of `run`: read the
   * real state of each target again, never assume, then carry on or wait for the admin.
   */
  resume?(context: JobContext<Params>, previous: JobResumeInput): Promise<Result>;
  /**
   * Called inside the write transaction that marks a job of this kind interrupted because its
   * process is gone, so the kind's own rows (a scan, a collection run) say so too.
   */
  interrupted?(jobId: string, at: string): void;
  /**
   * Called at every heartbeat of an engine that resumes work (a core process, never the CLI),
   * after the interrupted jobs were taken over, with the engine's clock: the kind starts any work
   * it scheduled for `now` or earlier (a rollout waiting for its next maintenance window). It must
   * guard against another process doing the same in its own write transaction.
   */
  due?(now: Date): void;
}
