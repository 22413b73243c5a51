/**
 * Long jobs (scans, collection runs, evidence exports, rollouts) as one durable record each: the
 * generic `jobs:list|get|cancel` channels and the one `job:progress` push. Each kind's own start
 * channel returns the job id; its parameters, progress and result are that kind's JSON, described
 * by the kind's own schema (see the `*JobProgress` schemas next to each kind's contract).
 */
import { z } from 'zod';
import { Id, IsoTimestamp } from './common';
import { EvidenceExportPhase } from './evidence';

/**
 * Where a job is. `queued`, `running` and `waiting` (alive, but waiting for something outside it,
 * such as an admin's approval) are active; the others are final, except that `interrupted` (its
 * process stopped) may be picked up again by a kind that can resume.
 */
export const JobState = z.enum(['queued', 'running', 'waiting', 'succeeded', 'failed', 'cancelled', 'interrupted']);
export type JobState = z.infer<typeof JobState>;

/** The states of a job that some process is working on (or is about to). */
export const ACTIVE_JOB_STATES: readonly JobState[] = ['queued', 'running', 'waiting'];

/** True for `queued`, `running` and `waiting`. */
export function isActiveJobState(state: JobState): boolean {
  return ACTIVE_JOB_STATES.includes(state);
}

/** What a job's kind name looks like (`scan`, `collect`, `evidence-export`, `rollout`). */
export const JobKind = z.string().regex(/^[a-z][a-z0-9-]{0,63}$/, 'expected a job kind such as "scan"');

/** The process that runs (or ran) a job. Pids are of the machine named by `host`. */
export const JobOwnerInfo = z.object({ pid: z.number().int(), host: z.string(), instanceId: z.string(), startedAt: z.string() });
export type JobOwnerInfo = z.infer<typeof JobOwnerInfo>;

/** One job as stored. `progress` and `result` are the kind's JSON; `seq` counts its progress and state changes. */
export const JobRecord = z.object({
  id: z.string(),
  kind: JobKind,
  siteId: Id.nullable(),
  state: JobState,
  owner: JobOwnerInfo.nullable(),
  heartbeatAt: IsoTimestamp.nullable(),
  parameters: z.unknown(),
  progress: z.unknown(),
  /** The highest progress sequence number stored; events with a number at or below it are old news. */
  seq: z.number().int().nonnegative(),
  result: z.unknown(),
  /** Why the job failed or was interrupted; empty otherwise. */
  error: z.string(),
  /** When someone asked the job to stop (null: nobody did). */
  cancelRequestedAt: IsoTimestamp.nullable(),
  createdBy: z.string(),
  createdAt: IsoTimestamp,
  startedAt: IsoTimestamp.nullable(),
  finishedAt: IsoTimestamp.nullable(),
});
export type JobRecord = z.infer<typeof JobRecord>;

/** Where a step of a job is. */
export const JobStepState = z.enum(['running', 'succeeded', 'failed', 'cancelled', 'interrupted']);
export type JobStepState = z.infer<typeof JobStepState>;

/** One step a job took on one target (a host, a ring, the whole site), written before and after it ran. */
export const JobStepRecord = z.object({
  id: Id,
  jobId: z.string(),
  target: z.string(),
  name: z.string(),
  /** 1 for the first try of this step on this target, 2 for the next, ... */
  attempt: z.number().int().positive(),
  state: JobStepState,
  startedAt: IsoTimestamp,
  finishedAt: IsoTimestamp.nullable(),
  /** A short note: what the step did or why it failed. */
  detail: z.string(),
  /** The last lines the step printed. */
  outputTail: z.string(),
});
export type JobStepRecord = z.infer<typeof JobStepRecord>;

/** `jobs:list`: newest first; every filter is optional. */
export const JobListRequest = z.object({
  siteId: Id.optional(),
  kind: JobKind.optional(),
  states: z.array(JobState).max(7).optional(),
  limit: z.number().int().positive().max(500).default(100),
});
export type JobListRequest = z.infer<typeof JobListRequest>;

/** `jobs:get`: one job and its steps, oldest step first. */
export const JobDetail = z.object({ job: JobRecord, steps: z.array(JobStepRecord) });
export type JobDetail = z.infer<typeof JobDetail>;

/** `jobs:cancel`: asks a job to stop. The owner stops at its next step or heartbeat; the answer is the job as it is now. */
export const JobCancelRequest = z.object({ jobId: z.string().min(1).max(64) });
export type JobCancelRequest = z.infer<typeof JobCancelRequest>;

/**
 * The `job:progress` push: a job's progress or state changed. `seq` grows by one per change of a
 * job; a client that already saw a higher or equal `seq` for the job ignores the event. `result`
 * and `error` are set once the job is final.
 */
export const JobProgressEvent = z.object({
  jobId: z.string(),
  kind: JobKind,
  siteId: Id.nullable(),
  seq: z.number().int().positive(),
  state: JobState,
  progress: z.unknown(),
  result: z.unknown().optional(),
  error: z.string().optional(),
});
export type JobProgressEvent = z.infer<typeof JobProgressEvent>;

/** The `progress` of a `scan` job. */
export const ScanJobProgress = z.object({
  scanId: Id,
  probedAddresses: z.number().int().nonnegative(),
  totalAddresses: z.number().int().nonnegative(),
  liveHosts: z.number().int().nonnegative(),
  elapsedMs: z.number().nonnegative(),
});
export type ScanJobProgress = z.infer<typeof ScanJobProgress>;

/** The `progress` of a `collect` job: hosts done so far. */
export const CollectJobProgress = z.object({ runId: Id, hostsTotal: z.number().int().nonnegative(), ok: z.number().int().nonnegative(), failed: z.number().int().nonnegative() });
export type CollectJobProgress = z.infer<typeof CollectJobProgress>;

/** The `progress` of an `evidence-export` job: the phase and the share of the whole export done (0 to 1). */
export const EvidenceExportJobProgress = z.object({ phase: EvidenceExportPhase, fraction: z.number().min(0).max(1) });
export type EvidenceExportJobProgress = z.infer<typeof EvidenceExportJobProgress>;
