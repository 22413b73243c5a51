/**
 * The bookkeeping every long job shares (scans, collection runs): a job id per run, cancel by
 * id, wait for the result even a moment after it finished, and stop everything on shutdown.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from './app-error';

/** Recently finished jobs kept, so a caller that waits a moment late still gets the result. */
const RECENT_JOBS_KEPT = 20;

export class JobRegistry<Result> {
  private readonly running = new Map<string, { controller: AbortController; done: Promise<Result> }>();
  private readonly finished = new Map<string, Promise<Result>>();

  constructor(private readonly kind: string) {}

  /** Starts `run` under a new job id; returns the id at once. */
  start(run: (jobId: string, signal: AbortSignal) => Promise<Result>): string {
    const jobId = randomUUID();
    const controller = new AbortController();
    const done: Promise<Result> = run(jobId, controller.signal).finally(() => {
      this.running.delete(jobId);
      this.finished.set(jobId, done);
      for (const oldest of this.finished.keys()) {
        if (this.finished.size <= RECENT_JOBS_KEPT) break;
        this.finished.delete(oldest);
      }
    });
    this.running.set(jobId, { controller, done });
    return jobId;
  }

  /** Asks a running job to stop; unknown or finished jobs are ignored. */
  cancel(jobId: string): void {
    this.running.get(jobId)?.controller.abort();
  }

  /** Resolves with the job's result when it ends. */
  wait(jobId: string): Promise<Result> {
    const done = this.running.get(jobId)?.done ?? this.finished.get(jobId);
    if (!done) throw new AppError('not_found', `no ${this.kind} job ${jobId}`);
    return done;
  }

  /** Cancels every running job and waits for them to settle (on shutdown). */
  async stopAll(): Promise<void> {
    const running = [...this.running.values()];
    for (const job of running) job.controller.abort();
    await Promise.allSettled(running.map((job) => job.done));
  }
}
