/**
 * The one engine every long job runs on (scans, collection runs, evidence exports, rollouts). A
 * job is a row in `jobs` before its first line of work runs; each step it takes on a target is a
 * row in `job_steps` written before and after the step. The engine keeps the heartbeat of the jobs
 * of this process, stops them on request (this process's or another's, left in the row), and marks
 * `interrupted` the jobs whose process is gone by job-owner.ts's rules, never a live owner's, and
 * only of kinds this process knows. A kind that can resume takes such a job over. See README.md.
 */
import { randomUUID } from 'node:crypto';
import { isActiveJobState, JobKind, type JobDetail, type JobRecord, type JobState } from '../../shared/contract/jobs';
import { AppError, notFound } from '../platform/app-error';
import type { Clock } from '../platform/clock';
import type { EventBus } from '../platform/event-bus';
import { HEARTBEAT_INTERVAL_MS, isOwnerGone, type OwnerProbe } from '../platform/job-owner';
import type { Db } from '../db/database';
import { JobsRepository, type ActiveJob, type JobFilter } from '../db/repositories/jobs.repository';
import { writeTransaction } from '../db/write-transaction';
import { JobFailedError, JobStoppedError } from './job-errors';
import type { JobContext, JobKindDefinition, JobResumeInput, JobStep, JobStopReason } from './job-kind';
import { OutputTail } from './output-tail';
import { actingActor, currentRequest, runAsRequest, type RequestContext, type RequestVia } from '../platform/request-context';

/** The engine's timer; tests pass one they fire themselves. */
export interface JobTimers {
  /** Calls `tick` every `ms` until the returned function is called. The timer must not keep the process alive. */
  every(ms: number, tick: () => void): () => void;
}

/** Node's timers, not keeping the process alive. */
export const NODE_JOB_TIMERS: JobTimers = {
  every(ms, tick) {
    const handle = setInterval(tick, ms);
    handle.unref();
    return () => clearInterval(handle);
  },
};

/** Stored progress is refreshed at most this often (events go out at every call). */
export const PROGRESS_SAVE_INTERVAL_MS = 1000;

export interface JobEngineDeps {
  db: Db;
  clock: Clock;
  /** This process as the owner of its jobs, and how to tell whether another process runs. */
  owner: OwnerProbe;
  /** Where `job:progress` goes. */
  events: EventBus;
  /**
   * This process's own actor: who starts and cancels jobs here when no request names another
   * (a CLI command forwarding to this process does; see request-context.ts).
   */
  actor: string;
  /** The interface of this process's own requests (recorded with the jobs they start). */
  via?: RequestVia;
  /** Defaults to Node's timers, every {@link HEARTBEAT_INTERVAL_MS}. */
  timers?: JobTimers;
  /** Take over interrupted jobs of kinds that can resume (default true). A short-lived process passes false. */
  resumeInterrupted?: boolean;
  /** Where the engine reports what it did on its own (jobs marked interrupted); defaults to console.warn. */
  log?: (message: string) => void;
}

// The kinds are stored with their own parameter and result types; the engine only passes them through.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyKind = JobKindDefinition<any, unknown>;

interface RunningStep {
  id: number;
  detail: string;
  tail: OutputTail;
  dirty: boolean;
}

/** A job this process runs. */
interface LocalJob {
  id: string;
  kind: string;
  siteId: number | null;
  state: JobState;
  seq: number;
  controller: AbortController;
  stopReason: JobStopReason | null;
  progress: unknown;
  progressDirty: boolean;
  progressSavedAt: number;
  steps: Set<RunningStep>;
  /** Who the job's work acts for, for its whole run: whoever started it, also when another process resumes it. */
  actingAs: RequestContext;
  done: Promise<JobRecord>;
  settle: (record: JobRecord) => void;
}

export class JobEngine {
  private readonly repository: JobsRepository;
  private readonly kinds = new Map<string, AnyKind>();
  private readonly local = new Map<string, LocalJob>();
  private readonly foreignWaiters = new Map<string, ((record: JobRecord) => void)[]>();
  private stopTimer: (() => void) | null = null;
  private stopped = false;

  constructor(private readonly deps: JobEngineDeps) {
    this.repository = new JobsRepository(deps.db);
  }

  /** Adds a kind. Jobs of kinds not registered in this process are never touched by it. */
  register<Params, Result>(definition: JobKindDefinition<Params, Result>): void {
    if (!JobKind.safeParse(definition.kind).success) throw new Error(`"${definition.kind}" is not a job kind name (lower case letters, digits and dashes)`);
    if (this.kinds.has(definition.kind)) throw new Error(`job kind "${definition.kind}" is registered twice`);
    this.kinds.set(definition.kind, definition as AnyKind);
  }

  /**
   * Looks once at once (jobs of gone processes are marked interrupted, resumable ones taken over)
   * and then every heartbeat interval. Call after registering the kinds.
   */
  open(): void {
    if (this.stopTimer || this.stopped) return;
    this.tickSafely();
    this.stopTimer = (this.deps.timers ?? NODE_JOB_TIMERS).every(HEARTBEAT_INTERVAL_MS, () => this.tickSafely());
  }

  /** A tick that fails (a database busy past its timeout) is reported; the next one tries again. */
  private tickSafely(): void {
    try {
      this.tick();
    } catch (error) {
      this.log(`could not keep the jobs' heartbeat: ${(error as Error).message}`);
    }
  }

  /**
   * Starts a job of a registered kind and returns its id at once; the work starts after the
   * caller's synchronous code (so a caller may start a job inside its own write transaction and
   * link its rows to the id; if that transaction rolls back, the job never runs). Parameters that
   * do not match the kind's schema are refused with a `bad_request` naming each field.
   */
  start(kind: string, siteId: number | null, parameters: unknown): string {
    if (this.stopped) throw new AppError('unavailable', 'Patchdesk is closing: no new job can start');
    const definition = this.kinds.get(kind);
    if (!definition) throw new AppError('bad_request', `there is no job kind "${kind}"`);
    const parsed = definition.parameters.safeParse(parameters);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => ({ path: ['parameters', ...issue.path.map(String)].join('.'), message: issue.message }));
      throw new AppError('bad_request', `invalid parameters for a ${kind} job: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`, issues);
    }
    const id = randomUUID();
    const actingAs: RequestContext = { actor: actingActor(this.deps.actor), via: currentRequest()?.via ?? this.deps.via ?? null };
    writeTransaction(this.deps.db, () => this.repository.insert({ id, kind, siteId, parameters: parsed.data, owner: this.deps.owner.self, createdBy: actingAs.actor, createdVia: actingAs.via, at: this.now() }));
    const job = this.track(id, kind, siteId, 'queued', 0, actingAs);
    queueMicrotask(() => this.launchSafely(job, definition, (context) => definition.run(context), parsed.data));
    return id;
  }

  /**
   * Asks a job to stop. A job of this process stops at once (its signal fires); another live
   * process's job finds the request in its row at its next step or heartbeat; an interrupted job
   * (nobody runs it) becomes `cancelled` here. A finished job is left as it is. Returns the job.
   */
  cancel(jobId: string): JobRecord {
    const record = this.repository.get(jobId);
    if (!record) throw notFound('job', jobId);
    const at = this.now();
    const local = this.local.get(jobId);
    if (local) {
      this.repository.requestCancel(jobId, actingActor(this.deps.actor), at);
      this.stop(local, 'cancel');
    } else if (isActiveJobState(record.state)) {
      this.repository.requestCancel(jobId, actingActor(this.deps.actor), at);
      // Nobody will read the request if the owner is gone: end the job here.
      const row = this.repository.active().find((candidate) => candidate.id === jobId);
      const definition = this.kinds.get(record.kind);
      if (row && definition && isOwnerGone(row, this.deps.owner, this.deps.clock.now())) {
        const cancelled = writeTransaction(this.deps.db, () => {
          if (this.repository.markInterrupted(jobId, row.owner?.instanceId ?? null, 'cancelled after its process stopped', at) === null) return false;
          definition.interrupted?.(jobId, at);
          return this.repository.cancelUnowned(jobId, actingActor(this.deps.actor), at) !== null;
        });
        if (cancelled) this.emitStored(jobId);
      }
    } else if (record.state === 'interrupted') {
      const seq = this.repository.cancelUnowned(jobId, actingActor(this.deps.actor), at);
      if (seq !== null) this.emitStored(jobId);
    }
    return this.repository.get(jobId) ?? record;
  }

  /** One job and its steps. */
  get(jobId: string): JobDetail {
    const job = this.repository.get(jobId);
    if (!job) throw notFound('job', jobId);
    return { job, steps: this.repository.steps(jobId) };
  }

  /** Who started a job (its row's `created_by` and `created_via`), as its work runs; null for an unknown job. */
  startedBy(jobId: string): RequestContext | null {
    const record = this.repository.get(jobId);
    return record ? { actor: record.createdBy, via: this.repository.createdVia(jobId) ?? this.deps.via ?? null } : null;
  }

  /** Jobs matching the filter, newest first (every process's). */
  list(filter: Partial<JobFilter> = {}): JobRecord[] {
    return this.repository.list({ limit: 100, ...filter });
  }

  /**
   * Resolves with the job once it is no longer active: at once for a finished job, when it ends
   * for a job of this process, and at a later heartbeat tick for another process's job.
   */
  wait(jobId: string): Promise<JobRecord> {
    const local = this.local.get(jobId);
    if (local) return local.done;
    const record = this.repository.get(jobId);
    if (!record) return Promise.reject(notFound('job', jobId));
    if (!isActiveJobState(record.state)) return Promise.resolve(record);
    return new Promise((resolve) => this.foreignWaiters.set(jobId, [...(this.foreignWaiters.get(jobId) ?? []), resolve]));
  }

  /**
   * One heartbeat: refreshes the heartbeat of this process's jobs and stores their pending
   * progress and step output, stops those with a cancel request in their row (or that another
   * process took over), marks interrupted the jobs of gone processes, takes over interrupted
   * jobs of kinds that resume, and settles waits on other processes' jobs. Called by the timer;
   * tests call it themselves.
   */
  tick(): void {
    const at = this.now();
    // No write at all when this process runs no job: a heartbeat would only take the write lock.
    const owned = this.local.size === 0 ? new Set<string>() : this.repository.heartbeat(this.deps.owner.self.instanceId, at);
    for (const job of this.local.values()) {
      if (!owned.has(job.id)) {
        // Started in a transaction not yet committed, or taken over by another process.
        if (job.state !== 'queued') this.stop(job, 'lost');
        continue;
      }
      this.flush(job, at);
    }
    const active = this.repository.active();
    for (const row of active) {
      const job = this.local.get(row.id);
      if (job && row.cancelRequested) this.stop(job, 'cancel');
    }
    this.sweep(active);
    for (const [jobId, waiters] of this.foreignWaiters) {
      const record = this.repository.get(jobId);
      if (record && isActiveJobState(record.state)) continue;
      this.foreignWaiters.delete(jobId);
      if (record) for (const resolve of waiters) resolve(record);
    }
  }

  /** Stops the timer, stops every job of this process (they end `interrupted`) and waits for them. */
  async stopAll(): Promise<void> {
    this.stopped = true;
    this.stopTimer?.();
    this.stopTimer = null;
    const jobs = [...this.local.values()];
    for (const job of jobs) this.stop(job, 'shutdown');
    await Promise.allSettled(jobs.map((job) => job.done));
  }

  /** Marks interrupted the active jobs of known kinds whose owner is gone; then takes over the resumable ones. */
  private sweep(active = this.repository.active()): void {
    const now = this.deps.clock.now();
    const at = now.toISOString();
    const isOrphan = (row: ActiveJob) => this.kinds.has(row.kind) && !this.local.has(row.id) && isOwnerGone(row, this.deps.owner, now);
    // The write lock is taken only when there is something to mark, and the rows are judged again
    // under it, so a heartbeat that landed in between keeps its job.
    const interrupted = !active.some(isOrphan) ? [] : writeTransaction(this.deps.db, () => {
      const marked: string[] = [];
      for (const row of this.repository.active().filter(isOrphan)) {
        const definition = this.kinds.get(row.kind);
        if (!definition) continue;
        const who = row.owner ? `pid ${row.owner.pid} on ${row.owner.host}` : 'a process that did not record itself';
        const seq = this.repository.markInterrupted(row.id, row.owner?.instanceId ?? null, `the Patchdesk process running this job stopped (${who})`, at);
        if (seq === null) continue;
        definition.interrupted?.(row.id, at);
        marked.push(row.id);
      }
      return marked;
    });
    for (const jobId of interrupted) this.emitStored(jobId);
    if (interrupted.length > 0) this.log(`${interrupted.length} job(s) were interrupted when the Patchdesk process running them stopped; what they finished is kept.`);
    if (this.deps.resumeInterrupted === false || this.stopped) return;
    const resumable = [...this.kinds.values()].filter((definition) => definition.resume).map((definition) => definition.kind);
    for (const record of this.repository.interrupted(resumable)) this.adopt(record);
    // The one scheduler: work a kind planned for a later time starts at the first heartbeat at or after it.
    for (const definition of this.kinds.values()) {
      try {
        definition.due?.(now);
      } catch (error) {
        this.log(`scheduled ${definition.kind} work could not start: ${(error as Error).message}`);
      }
    }
  }

  /** Takes over an interrupted job of a kind that resumes, unless someone asked it to stop. */
  private adopt(record: JobRecord): void {
    const definition = this.kinds.get(record.kind);
    const resume = definition?.resume;
    if (!definition || !resume) return;
    const at = this.now();
    if (record.cancelRequestedAt !== null) {
      if (this.repository.cancelUnowned(record.id, actingActor(this.deps.actor), at) !== null) this.emitStored(record.id);
      return;
    }
    if (!this.repository.adopt(record.id, this.deps.owner.self, at)) return;
    const adopted = this.repository.get(record.id);
    if (!adopted) return;
    const job = this.track(adopted.id, adopted.kind, adopted.siteId, 'running', adopted.seq, { actor: adopted.createdBy, via: this.repository.createdVia(adopted.id) ?? this.deps.via ?? null });
    job.progress = adopted.progress;
    this.emit(job);
    const previous: JobResumeInput = { job: adopted, steps: this.repository.steps(adopted.id) };
    const parsed = definition.parameters.safeParse(adopted.parameters);
    queueMicrotask(() => {
      if (!parsed.success) {
        this.finish(job, { state: 'failed', result: null, error: `cannot resume: the stored parameters no longer fit a ${adopted.kind} job (${parsed.error.issues[0]?.message ?? 'invalid'})` });
        return;
      }
      this.launchSafely(job, definition, (context) => resume.call(definition, context, previous), parsed.data);
    });
  }

  private track(id: string, kind: string, siteId: number | null, state: JobState, seq: number, actingAs: RequestContext): LocalJob {
    let settle: (record: JobRecord) => void = () => undefined;
    const done = new Promise<JobRecord>((resolve) => (settle = resolve));
    const job: LocalJob = {
      id,
      kind,
      siteId,
      state,
      seq,
      controller: new AbortController(),
      stopReason: null,
      progress: null,
      progressDirty: false,
      progressSavedAt: Number.NEGATIVE_INFINITY,
      steps: new Set(),
      actingAs,
      done,
      settle,
    };
    this.local.set(id, job);
    return job;
  }

  /** {@link launch}, where a failure to write (a database busy past its timeout) ends the job here instead of escaping. */
  private launchSafely(job: LocalJob, definition: AnyKind, handler: (context: JobContext<unknown>) => Promise<unknown>, params: unknown): void {
    try {
      this.launch(job, definition, handler, params);
    } catch (error) {
      this.log(`job ${job.id} (${job.kind}) could not start: ${(error as Error).message}`);
      this.local.delete(job.id);
      job.settle(failedRecordOf(job, (error as Error).message));
    }
  }

  /** Runs a tracked job's handler and records how it ended. */
  private launch(job: LocalJob, definition: AnyKind, handler: (context: JobContext<unknown>) => Promise<unknown>, params: unknown): void {
    if (job.state === 'queued') {
      if (!this.repository.setActiveState(job.id, this.deps.owner.self.instanceId, 'running', job.seq + 1, this.now())) {
        // The transaction that inserted the row rolled back (or the row is no longer ours): nothing to run.
        this.local.delete(job.id);
        job.settle(this.repository.get(job.id) ?? failedRecordOf(job, 'the job was never stored'));
        return;
      }
      job.seq++;
      job.state = 'running';
      this.emit(job);
    }
    const context = this.contextOf(job, definition.kind, params);
    let running: Promise<unknown>;
    try {
      // Everything the job does is recorded as whoever started it, however it was started or resumed.
      running = Promise.resolve(runAsRequest(job.actingAs, () => handler(context)));
    } catch (error) {
      running = Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    running.then(
      (result) => this.finish(job, this.outcomeOf(job, { result })),
      (error: unknown) => this.finish(job, this.outcomeOf(job, { error })),
    );
  }

  /** The final state of a job from how its handler ended and why (if at all) it was stopped. */
  private outcomeOf(job: LocalJob, ended: { result: unknown } | { error: unknown }): { state: JobState; result: unknown; error: string } {
    const reason = job.stopReason;
    if ('result' in ended) {
      if (reason === 'cancel') return { state: 'cancelled', result: ended.result, error: '' };
      if (reason === 'shutdown') return { state: 'interrupted', result: ended.result, error: 'Patchdesk was closed before the job finished' };
      return { state: 'succeeded', result: ended.result, error: '' };
    }
    const error = ended.error;
    const cancelled = error instanceof AppError && error.code === 'cancelled';
    if (reason === 'shutdown') return { state: 'interrupted', result: null, error: 'Patchdesk was closed before the job finished' };
    if (reason === 'cancel' || cancelled) return { state: 'cancelled', result: error instanceof JobFailedError ? error.result : null, error: '' };
    return { state: 'failed', result: error instanceof JobFailedError ? error.result : null, error: error instanceof Error ? error.message : String(error) };
  }

  private finish(job: LocalJob, outcome: { state: JobState; result: unknown; error: string }): void {
    this.local.delete(job.id);
    const at = this.now();
    let written = false;
    try {
      if (job.stopReason !== 'lost') {
        written = this.repository.finish(job.id, this.deps.owner.self.instanceId, { ...outcome, progress: job.progressDirty ? job.progress : undefined, seq: job.seq + 1, at });
      }
    } catch (error) {
      // Left active in the database: once this process is gone, another one marks it interrupted.
      this.log(`could not record how job ${job.id} (${job.kind}) ended (${outcome.state}): ${(error as Error).message}`);
      job.settle(failedRecordOf(job, outcome.error));
      return;
    }
    if (written) {
      job.seq++;
      job.state = outcome.state;
      this.emit(job, outcome);
    } else {
      this.log(`job ${job.id} (${job.kind}) ended here after another process had marked it interrupted; its outcome (${outcome.state}) was not recorded`);
    }
    job.settle(this.repository.get(job.id) ?? failedRecordOf(job, outcome.error));
  }

  private contextOf(job: LocalJob, kind: string, params: unknown): JobContext<unknown> {
    return {
      jobId: job.id,
      kind,
      siteId: job.siteId,
      params,
      signal: job.controller.signal,
      stopReason: () => job.stopReason,
      step: (target, name, fn, options) => this.step(job, target, name, fn, options?.detail ?? ''),
      progress: (payload) => {
        job.seq++;
        job.progress = payload;
        job.progressDirty = true;
        this.emit(job);
        if (this.deps.clock.now().getTime() - job.progressSavedAt < PROGRESS_SAVE_INTERVAL_MS) return;
        try {
          this.flush(job, this.now());
        } catch {
          // Still marked unsaved: the next tick or state change stores it.
        }
      },
      setState: (state) => {
        if (job.state === state || !isActiveJobState(job.state)) return;
        if (!this.repository.setActiveState(job.id, this.deps.owner.self.instanceId, state, job.seq + 1, this.now())) {
          this.stop(job, 'lost');
          return;
        }
        job.seq++;
        job.state = state;
        this.emit(job);
      },
    };
  }

  private async step<T>(job: LocalJob, target: string, name: string, fn: (step: JobStep) => Promise<T> | T, detail: string): Promise<T> {
    const step = writeTransaction(this.deps.db, () => {
      this.checkStillOwned(job);
      if (job.stopReason === null && this.repository.cancelRequested(job.id)) this.stop(job, 'cancel');
      if (job.stopReason !== null) return null;
      const attempt = this.repository.nextAttempt(job.id, target, name);
      const id = this.repository.startStep({ jobId: job.id, target, name, attempt, detail, at: this.now() });
      return { id, attempt };
    });
    if (step === null) throw new JobStoppedError(job.id, job.stopReason ?? 'cancel');
    const running: RunningStep = { id: step.id, detail, tail: new OutputTail(), dirty: false };
    let failedDetail: string | null = null;
    job.steps.add(running);
    const handle: JobStep = {
      attempt: step.attempt,
      output: (text) => {
        running.tail.push(text);
        running.dirty = true;
      },
      detail: (text) => {
        running.detail = text;
        running.dirty = true;
      },
      fail: (text) => {
        failedDetail = text;
      },
    };
    try {
      const value = await fn(handle);
      this.repository.finishStep(step.id, failedDetail === null ? 'succeeded' : 'failed', failedDetail ?? running.detail, running.tail.text(), this.now());
      return value;
    } catch (error) {
      const state = job.stopReason === 'shutdown' ? 'interrupted' : job.stopReason !== null ? 'cancelled' : 'failed';
      this.repository.finishStep(step.id, state, state === 'failed' ? (error instanceof Error ? error.message : String(error)) : running.detail, running.tail.text(), this.now());
      throw error;
    } finally {
      job.steps.delete(running);
      if (job.stopReason === null && this.local.has(job.id) && this.repository.cancelRequested(job.id)) this.stop(job, 'cancel');
    }
  }

  /** Inside a step's write: a job another process took over stops here. */
  private checkStillOwned(job: LocalJob): void {
    const record = this.repository.get(job.id);
    if (!record || record.owner?.instanceId !== this.deps.owner.self.instanceId || !isActiveJobState(record.state)) this.stop(job, 'lost');
  }

  /** Stores a job's pending progress and its running steps' output. */
  private flush(job: LocalJob, at: string): void {
    if (job.progressDirty) {
      if (!this.repository.saveProgress(job.id, this.deps.owner.self.instanceId, job.progress, job.seq, at)) {
        if (job.state !== 'queued') this.stop(job, 'lost');
        return;
      }
      job.progressDirty = false;
      job.progressSavedAt = this.deps.clock.now().getTime();
    }
    for (const step of job.steps) {
      if (!step.dirty) continue;
      this.repository.saveStepOutput(step.id, step.detail, step.tail.text());
      step.dirty = false;
    }
  }

  private stop(job: LocalJob, reason: JobStopReason): void {
    if (job.stopReason !== null) return;
    job.stopReason = reason;
    job.controller.abort(new JobStoppedError(job.id, reason));
  }

  private emit(job: LocalJob, final?: { result: unknown; error: string }): void {
    this.deps.events.emit('job:progress', {
      jobId: job.id,
      kind: job.kind,
      siteId: job.siteId,
      seq: job.seq,
      state: job.state,
      progress: job.progress ?? null,
      ...(final ? { result: final.result ?? null, error: final.error } : {}),
    });
  }

  /** Pushes a job's stored state (after another process's job was marked here). */
  private emitStored(jobId: string): void {
    const record = this.repository.get(jobId);
    if (!record || record.seq < 1) return;
    this.deps.events.emit('job:progress', {
      jobId,
      kind: record.kind,
      siteId: record.siteId,
      seq: record.seq,
      state: record.state,
      progress: record.progress ?? null,
      ...(isActiveJobState(record.state) ? {} : { result: record.result ?? null, error: record.error }),
    });
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  private log(message: string): void {
    (this.deps.log ?? ((text: string) => console.warn(`patchdesk: ${text}`)))(message);
  }
}

/** What a caller waiting on a job gets when its row is gone (a start rolled back). */
function failedRecordOf(job: LocalJob, error: string): JobRecord {
  return {
    id: job.id,
    kind: job.kind,
    siteId: job.siteId,
    state: 'failed',
    owner: null,
    heartbeatAt: null,
    parameters: null,
    progress: job.progress,
    seq: job.seq,
    result: null,
    error,
    cancelRequestedAt: null,
    createdBy: '',
    createdAt: new Date(0).toISOString(),
    startedAt: null,
    finishedAt: null,
  };
}
