/**
 * SQL linking the older per-kind rows (scans, collection runs) to the job that runs them, and
 * marking such a row interrupted when the job engine marks its job interrupted (its process gone).
 */
import type { Db } from '../database';

export class JobLinksRepository {
  constructor(private readonly db: Db) {}

  /** Records that job `jobId` runs scan `scanId`. */
  linkScan(scanId: number, jobId: string): void {
    this.db.prepare('UPDATE scans SET job_id = ? WHERE id = ?').run(jobId, scanId);
  }

  /** Records that job `jobId` runs collection run `runId`. */
  linkCollectionRun(runId: number, jobId: string): void {
    this.db.prepare('UPDATE collection_runs SET job_id = ? WHERE id = ?').run(jobId, runId);
  }

  /** The scan job `jobId` ran, if any. */
  scanOf(jobId: string): number | null {
    return this.db.prepare<[string], { id: number }>('SELECT id FROM scans WHERE job_id = ?').get(jobId)?.id ?? null;
  }

  /** The collection run job `jobId` ran, if any. */
  collectionRunOf(jobId: string): number | null {
    return this.db.prepare<[string], { id: number }>('SELECT id FROM collection_runs WHERE job_id = ?').get(jobId)?.id ?? null;
  }

  /** Marks the still-running scan of job `jobId` interrupted, with the reason. */
  interruptScan(jobId: string, at: string, error: string): void {
    this.db.prepare("UPDATE scans SET status = 'interrupted', finished_at = ?, error = ? WHERE job_id = ? AND status = 'running'").run(at, error, jobId);
  }

  /** Marks the still-running collection run of job `jobId` interrupted. */
  interruptCollectionRun(jobId: string, at: string): void {
    this.db.prepare("UPDATE collection_runs SET status = 'interrupted', finished_at = ? WHERE job_id = ? AND status = 'running'").run(at, jobId);
  }
}
