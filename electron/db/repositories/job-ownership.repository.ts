/**
 * SQL for who owns a running scan or collection run (migration 0008): the owning process, its
 * heartbeat, and marking as interrupted the runs whose owner is gone.
 */
import type { JobOwner, RunningJob } from '../../core/job-owner';
import type { Db } from '../database';

/** The tables whose rows are long jobs. */
export type JobTable = 'scans' | 'collection_runs';

interface RunningRow {
  id: number;
  owner_pid: number | null;
  owner_instance: string | null;
  owner_started_at: string | null;
  owner_host: string | null;
  owner_process_key: string | null;
  heartbeat_at: string | null;
}

/** What an interrupted job says about itself, per table (collection runs have no error text). */
const INTERRUPT_SQL: Record<JobTable, string> = {
  scans: "UPDATE scans SET status = 'interrupted', finished_at = ?, error = 'the Patchdesk process running the scan stopped' WHERE id = ? AND status = 'running'",
  collection_runs: "UPDATE collection_runs SET status = 'interrupted', finished_at = ? WHERE id = ? AND status = 'running'",
};

export class JobOwnershipRepository {
  constructor(
    private readonly db: Db,
    private readonly table: JobTable,
  ) {}

  /** Records `owner` as running job `id`, with a first heartbeat at `at`. */
  claim(id: number, owner: JobOwner, at: string): void {
    this.db
      .prepare(`UPDATE ${this.table} SET owner_pid = ?, owner_instance = ?, owner_started_at = ?, owner_host = ?, owner_process_key = ?, heartbeat_at = ? WHERE id = ?`)
      .run(owner.pid, owner.instanceId, owner.startedAt, owner.host, owner.processKey, at, id);
  }

  /** The owner is still working on job `id`. */
  heartbeat(id: number, at: string): void {
    this.db.prepare(`UPDATE ${this.table} SET heartbeat_at = ? WHERE id = ? AND status = 'running'`).run(at, id);
  }

  /** Every job still marked running, with its owner. */
  running(): RunningJob[] {
    return this.db
      .prepare<[], RunningRow>(`SELECT id, owner_pid, owner_instance, owner_started_at, owner_host, owner_process_key, heartbeat_at FROM ${this.table} WHERE status = 'running' ORDER BY id`)
      .all()
      .map((row) => ({
        id: row.id,
        owner:
          row.owner_pid === null || row.owner_instance === null
            ? null
            : { pid: row.owner_pid, instanceId: row.owner_instance, startedAt: row.owner_started_at ?? '', host: row.owner_host ?? '', processKey: row.owner_process_key },
        heartbeatAt: row.heartbeat_at,
      }));
  }

  /** Marks the given running jobs interrupted; returns how many were. */
  markInterrupted(ids: readonly number[], at: string): number {
    const statement = this.db.prepare(INTERRUPT_SQL[this.table]);
    return ids.reduce((count, id) => count + statement.run(at, id).changes, 0);
  }
}
