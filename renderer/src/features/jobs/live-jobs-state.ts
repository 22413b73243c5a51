import { isActiveJobState, type JobRecord, type JobState, type EventOf } from '../../../../shared/contract';

/** One job as a window follows it: what the list said, brought up to date by `job:progress` events. */
export interface LiveJob {
  id: string;
  kind: string;
  siteId: number | null;
  state: JobState;
  /** The highest progress sequence number applied; older news is ignored. */
  seq: number;
  progress: unknown;
  result: unknown;
  error: string;
}

/** Every job a window follows, by id. */
export type LiveJobs = Readonly<Record<string, LiveJob>>;

/** What changes the followed jobs: a `jobs:list` answer (on open, reload, or a change in another process) or an event. */
export type LiveJobsUpdate = { type: 'listed'; rows: readonly JobRecord[] } | { type: 'event'; event: EventOf<'job:progress'> };

function fromRecord(row: JobRecord): LiveJob {
  return { id: row.id, kind: row.kind, siteId: row.siteId, state: row.state, seq: row.seq, progress: row.progress ?? null, result: row.result ?? null, error: row.error };
}

/**
 * Applies an update. An event applies only when its `seq` is above the one held. A listed row
 * applies when its `seq` is at least the one held, or when it is final and the held state is not:
 * the stored `seq` can trail the events of the owning process (progress is stored at most once a
 * second), while a final state from the database is the last word.
 */
export function reduceLiveJobs(state: LiveJobs, update: LiveJobsUpdate): LiveJobs {
  if (update.type === 'event') {
    const { event } = update;
    const held = state[event.jobId];
    if (held && event.seq <= held.seq) return state;
    return {
      ...state,
      [event.jobId]: {
        id: event.jobId,
        kind: event.kind,
        siteId: event.siteId,
        state: event.state,
        seq: event.seq,
        progress: event.progress ?? null,
        result: event.result ?? held?.result ?? null,
        error: event.error ?? held?.error ?? '',
      },
    };
  }
  let next: Record<string, LiveJob> | null = null;
  for (const row of update.rows) {
    const held = state[row.id];
    const newer = !held || row.seq >= held.seq;
    const settles = held !== undefined && !isActiveJobState(row.state) && isActiveJobState(held.state);
    if (!newer && !settles) continue;
    if (held && held.seq === row.seq && held.state === row.state) continue;
    next ??= { ...state };
    next[row.id] = { ...fromRecord(row), seq: Math.max(row.seq, held?.seq ?? 0) };
  }
  return next ?? state;
}

/** The followed jobs that are still active, oldest first. */
export function activeJobs(state: LiveJobs): LiveJob[] {
  return Object.values(state).filter((job) => isActiveJobState(job.state));
}
