/**
 * SQL for the durable jobs (migration 0011): one row per job with its owner, heartbeat, progress
 * and outcome, and one row per step a job takes on a target. Every write that finishes or changes
 * a job's state names the owner it expects, so a process that lost its job (another one judged it
 * gone and marked it interrupted) can never overwrite what was decided.
 */
import type { JobOwner, RunningJob } from '../../platform/job-owner';
import type { RequestVia } from '../../platform/request-context';
import type { JobRecord, JobState, JobStepRecord, JobStepState } from '../../../shared/contract/jobs';
import type { Db } from '../database';

interface JobRow {
  id: string;
  kind: string;
  site_id: number | null;
  state: JobState;
  owner_pid: number | null;
  owner_instance: string | null;
  owner_started_at: string | null;
  owner_host: string | null;
  owner_process_key: string | null;
  heartbeat_at: string | null;
  parameters_json: string;
  progress_json: string | null;
  progress_seq: number;
  result_json: string | null;
  error: string;
  cancel_requested_at: string | null;
  created_by: string;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

interface StepRow {
  id: number;
  job_id: string;
  target: string;
  name: string;
  attempt: number;
  state: JobStepState;
  started_at: string;
  finished_at: string | null;
  detail: string;
  output_tail: string;
}

/** An active job as the sweep sees it: who owns it and whether someone asked it to stop. */
export interface ActiveJob extends Pick<RunningJob, 'owner' | 'heartbeatAt'> {
  id: string;
  kind: string;
  state: JobState;
  seq: number;
  cancelRequested: boolean;
}

/** What a new job row holds. */
export interface NewJob {
  id: string;
  kind: string;
  siteId: number | null;
  parameters: unknown;
  owner: JobOwner;
  createdBy: string;
  /** The interface that started it (migration 0019); null or left out when not known. */
  createdVia?: RequestVia | null;
  at: string;
}

/** Filters of {@link JobsRepository.list}. */
export interface JobFilter {
  siteId?: number | undefined;
  kind?: string | undefined;
  states?: readonly JobState[] | undefined;
  limit: number;
}

const ACTIVE = "state IN ('queued', 'running', 'waiting')";
const OWNED = 'owner_instance = ?';

/** JSON text or null, as stored; `undefined` is stored as null. */
function toJson(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

function fromJson(text: string | null): unknown {
  return text === null ? null : (JSON.parse(text) as unknown);
}

function ownerOf(row: Pick<JobRow, 'owner_pid' | 'owner_instance' | 'owner_started_at' | 'owner_host' | 'owner_process_key'>): JobOwner | null {
  if (row.owner_pid === null || row.owner_instance === null) return null;
  return { pid: row.owner_pid, instanceId: row.owner_instance, startedAt: row.owner_started_at ?? '', host: row.owner_host ?? '', processKey: row.owner_process_key };
}

function toRecord(row: JobRow): JobRecord {
  const owner = ownerOf(row);
  return {
    id: row.id,
    kind: row.kind,
    siteId: row.site_id,
    state: row.state,
    owner: owner === null ? null : { pid: owner.pid, host: owner.host, instanceId: owner.instanceId, startedAt: owner.startedAt },
    heartbeatAt: row.heartbeat_at,
    parameters: fromJson(row.parameters_json),
    progress: fromJson(row.progress_json),
    seq: row.progress_seq,
    result: fromJson(row.result_json),
    error: row.error,
    cancelRequestedAt: row.cancel_requested_at,
    createdBy: row.created_by,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

function toStep(row: StepRow): JobStepRecord {
  return {
    id: row.id,
    jobId: row.job_id,
    target: row.target,
    name: row.name,
    attempt: row.attempt,
    state: row.state,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    detail: row.detail,
    outputTail: row.output_tail,
  };
}

export class JobsRepository {
  constructor(private readonly db: Db) {}

  /** Inserts a queued job owned by `owner`, with a first heartbeat. */
  insert(job: NewJob): void {
    this.db
      .prepare(
        `INSERT INTO jobs (id, kind, site_id, state, owner_pid, owner_instance, owner_started_at, owner_host, owner_process_key, heartbeat_at, parameters_json, created_by, created_via, created_at)
         VALUES (?, ?, ?, 'queued', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(job.id, job.kind, job.siteId, job.owner.pid, job.owner.instanceId, job.owner.startedAt, job.owner.host, job.owner.processKey, job.at, toJson(job.parameters) ?? '{}', job.createdBy, job.createdVia ?? null, job.at);
  }

  /** The interface that started a job (null for jobs stored before migration 0019, or not known). */
  createdVia(id: string): RequestVia | null {
    return this.db.prepare<[string], { created_via: RequestVia | null }>('SELECT created_via FROM jobs WHERE id = ?').get(id)?.created_via ?? null;
  }

  /** One job, or null. */
  get(id: string): JobRecord | null {
    const row = this.db.prepare<[string], JobRow>('SELECT * FROM jobs WHERE id = ?').get(id);
    return row ? toRecord(row) : null;
  }

  /** Jobs matching the filter, newest first. */
  list(filter: JobFilter): JobRecord[] {
    const where: string[] = [];
    const values: (string | number)[] = [];
    if (filter.siteId !== undefined) {
      where.push('site_id = ?');
      values.push(filter.siteId);
    }
    if (filter.kind !== undefined) {
      where.push('kind = ?');
      values.push(filter.kind);
    }
    if (filter.states !== undefined) {
      if (filter.states.length === 0) return [];
      where.push(`state IN (${filter.states.map(() => '?').join(', ')})`);
      values.push(...filter.states);
    }
    const sql = `SELECT * FROM jobs ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, rowid DESC LIMIT ?`;
    return this.db
      .prepare<(string | number)[], JobRow>(sql)
      .all(...values, filter.limit)
      .map(toRecord);
  }

  /** Every queued, running or waiting job, with its owner. */
  active(): ActiveJob[] {
    return this.db
      .prepare<[], JobRow>(`SELECT * FROM jobs WHERE ${ACTIVE} ORDER BY created_at, rowid`)
      .all()
      .map((row) => ({ id: row.id, kind: row.kind, state: row.state, owner: ownerOf(row), heartbeatAt: row.heartbeat_at, seq: row.progress_seq, cancelRequested: row.cancel_requested_at !== null }));
  }

  /** Interrupted jobs of the given kinds (candidates for a kind that can resume), oldest first. */
  interrupted(kinds: readonly string[]): JobRecord[] {
    if (kinds.length === 0) return [];
    return this.db
      .prepare<string[], JobRow>(`SELECT * FROM jobs WHERE state = 'interrupted' AND kind IN (${kinds.map(() => '?').join(', ')}) ORDER BY created_at, rowid`)
      .all(...kinds)
      .map(toRecord);
  }

  /** Moves an owned job to `running` or `waiting`; false when the job is no longer this owner's active job. */
  setActiveState(id: string, owner: string, state: 'running' | 'waiting', seq: number, at: string): boolean {
    return (
      this.db
        .prepare(`UPDATE jobs SET state = ?, started_at = COALESCE(started_at, ?), heartbeat_at = ?, progress_seq = MAX(progress_seq, ?) WHERE id = ? AND ${OWNED} AND ${ACTIVE}`)
        .run(state, at, at, seq, id, owner).changes === 1
    );
  }

  /** Stores an owned job's latest progress; false when the job is no longer this owner's. */
  saveProgress(id: string, owner: string, progress: unknown, seq: number, at: string): boolean {
    return (
      this.db
        .prepare(`UPDATE jobs SET progress_json = ?, progress_seq = MAX(progress_seq, ?), heartbeat_at = ? WHERE id = ? AND ${OWNED} AND ${ACTIVE}`)
        .run(toJson(progress), seq, at, id, owner).changes === 1
    );
  }

  /** Refreshes the heartbeat of every active job of this owner; returns the ids still owned. */
  heartbeat(owner: string, at: string): Set<string> {
    this.db.prepare(`UPDATE jobs SET heartbeat_at = ? WHERE ${OWNED} AND ${ACTIVE}`).run(at, owner);
    return new Set(this.db.prepare<[string], { id: string }>(`SELECT id FROM jobs WHERE ${OWNED} AND ${ACTIVE}`).all(owner).map((row) => row.id));
  }

  /** Ends an owned job; false when it was no longer this owner's active job (nothing written). */
  finish(id: string, owner: string, outcome: { state: JobState; result: unknown; error: string; progress: unknown; seq: number; at: string }): boolean {
    return (
      this.db
        .prepare(`UPDATE jobs SET state = ?, result_json = ?, error = ?, progress_json = COALESCE(?, progress_json), progress_seq = MAX(progress_seq, ?), finished_at = ?, heartbeat_at = ? WHERE id = ? AND ${OWNED} AND ${ACTIVE}`)
        .run(outcome.state, toJson(outcome.result), outcome.error, toJson(outcome.progress), outcome.seq, outcome.at, outcome.at, id, owner).changes === 1
    );
  }

  /**
   * Marks an active job interrupted, provided it still has the owner the caller judged gone
   * (`null`: no owner recorded). Returns the new sequence number, or null when nothing changed.
   */
  markInterrupted(id: string, expectedOwner: string | null, error: string, at: string): number | null {
    const changed = this.db
      .prepare(`UPDATE jobs SET state = 'interrupted', error = ?, finished_at = ?, progress_seq = progress_seq + 1 WHERE id = ? AND owner_instance IS ? AND ${ACTIVE}`)
      .run(error, at, id, expectedOwner).changes;
    if (changed !== 1) return null;
    this.db.prepare("UPDATE job_steps SET state = 'interrupted', finished_at = ? WHERE job_id = ? AND state = 'running'").run(at, id);
    return this.db.prepare<[string], { seq: number }>('SELECT progress_seq AS seq FROM jobs WHERE id = ?').get(id)?.seq ?? null;
  }

  /** Takes over an interrupted job for `owner` (to resume it); false when another process was first. */
  adopt(id: string, owner: JobOwner, at: string): boolean {
    return (
      this.db
        .prepare(
          `UPDATE jobs SET state = 'running', owner_pid = ?, owner_instance = ?, owner_started_at = ?, owner_host = ?, owner_process_key = ?, heartbeat_at = ?, error = '', finished_at = NULL, progress_seq = progress_seq + 1
           WHERE id = ? AND state = 'interrupted'`,
        )
        .run(owner.pid, owner.instanceId, owner.startedAt, owner.host, owner.processKey, at, id).changes === 1
    );
  }

  /** Records a request to stop an active job; false when the job is not active. */
  requestCancel(id: string, by: string, at: string): boolean {
    return this.db.prepare(`UPDATE jobs SET cancel_requested_at = COALESCE(cancel_requested_at, ?), cancel_requested_by = COALESCE(cancel_requested_by, ?) WHERE id = ? AND ${ACTIVE}`).run(at, by, id).changes === 1;
  }

  /** Cancels a job nobody is running (interrupted, or active with an owner judged gone by the caller); returns the new seq or null. */
  cancelUnowned(id: string, by: string, at: string): number | null {
    const changed = this.db
      .prepare("UPDATE jobs SET state = 'cancelled', cancel_requested_at = COALESCE(cancel_requested_at, ?), cancel_requested_by = COALESCE(cancel_requested_by, ?), finished_at = ?, progress_seq = progress_seq + 1 WHERE id = ? AND state = 'interrupted'")
      .run(at, by, at, id).changes;
    if (changed !== 1) return null;
    return this.db.prepare<[string], { seq: number }>('SELECT progress_seq AS seq FROM jobs WHERE id = ?').get(id)?.seq ?? null;
  }

  /** Whether someone asked job `id` to stop. */
  cancelRequested(id: string): boolean {
    return this.db.prepare<[string], { at: string | null }>('SELECT cancel_requested_at AS at FROM jobs WHERE id = ?').get(id)?.at != null;
  }

  /** The next attempt number of a step on a target (1 for the first). */
  nextAttempt(jobId: string, target: string, name: string): number {
    return (this.db.prepare<[string, string, string], { n: number | null }>('SELECT MAX(attempt) AS n FROM job_steps WHERE job_id = ? AND target = ? AND name = ?').get(jobId, target, name)?.n ?? 0) + 1;
  }

  /** Writes a step's row before it runs; returns its id. */
  startStep(step: { jobId: string; target: string; name: string; attempt: number; detail: string; at: string }): number {
    return Number(
      this.db
        .prepare("INSERT INTO job_steps (job_id, target, name, attempt, state, started_at, detail) VALUES (?, ?, ?, ?, 'running', ?, ?)")
        .run(step.jobId, step.target, step.name, step.attempt, step.at, step.detail).lastInsertRowid,
    );
  }

  /** Stores a running step's detail and output so far (a crash keeps them). */
  saveStepOutput(id: number, detail: string, outputTail: string): void {
    this.db.prepare("UPDATE job_steps SET detail = ?, output_tail = ? WHERE id = ? AND state = 'running'").run(detail, outputTail, id);
  }

  /** Writes a step's row after it ran. */
  finishStep(id: number, state: Exclude<JobStepState, 'running'>, detail: string, outputTail: string, at: string): void {
    this.db.prepare("UPDATE job_steps SET state = ?, detail = ?, output_tail = ?, finished_at = ? WHERE id = ? AND state = 'running'").run(state, detail, outputTail, at, id);
  }

  /** A job's steps, in the order they started. */
  steps(jobId: string): JobStepRecord[] {
    return this.db.prepare<[string], StepRow>('SELECT * FROM job_steps WHERE job_id = ? ORDER BY id').all(jobId).map(toStep);
  }
}
