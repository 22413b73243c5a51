/**
 * Evidence exports as long jobs, like scans and collection runs: `start` returns a job id at once,
 * the phases are pushed as `evidence:progress` events, the result as `evidence:finished`, and a
 * job can be cancelled. The bookkeeping is the shared JobRegistry. No database row tracks a
 * running export (nothing is recorded until the pack is complete), so there is nothing for the
 * owner/heartbeat mechanism to mark interrupted: a crashed export leaves at most a temporary
 * `.partial` file, which the next start removes (partial-pack-files.ts, by the writer's pid).
 */
import type { EvidencePackRecord } from '../../../shared/contract/evidence';
import { AppError } from '../../core/app-error';
import type { EventBus } from '../../core/event-bus';
import { JobRegistry } from '../../core/job-registry';
import type { SitesService } from '../sites/sites.service';
import type { EvidenceExportService } from './evidence-export.service';

export interface EvidenceExportJobsDeps {
  evidence: Pick<EvidenceExportService, 'export'>;
  sites: Pick<SitesService, 'get'>;
  events: EventBus;
}

export class EvidenceExportJobsService {
  private readonly jobs = new JobRegistry<EvidencePackRecord | null>('evidence export');

  constructor(private readonly deps: EvidenceExportJobsDeps) {}

  /** Starts exporting a pack into the pack library; returns the job id before any work is done. */
  start(request: { siteId: number; from: string; to: string }): { jobId: string } {
    // An unknown site is refused now, as a plain error, not later as a failed job.
    const site = this.deps.sites.get(request.siteId);
    const jobId = this.jobs.start((id, signal) => this.run(id, site.id, request.from, request.to, signal));
    return { jobId };
  }

  /** Asks a running export to stop; unknown or finished jobs are ignored. */
  cancel(jobId: string): void {
    this.jobs.cancel(jobId);
  }

  /** Resolves with the pack (null when cancelled or failed) when the job ends; for tests. */
  wait(jobId: string): Promise<EvidencePackRecord | null> {
    return this.jobs.wait(jobId);
  }

  /** Cancels every running export and waits for them to settle (on shutdown). */
  stopAll(): Promise<void> {
    return this.jobs.stopAll();
  }

  private async run(jobId: string, siteId: number, from: string, to: string, signal: AbortSignal): Promise<EvidencePackRecord | null> {
    // The caller gets the job id before the first phase starts.
    await Promise.resolve();
    try {
      const pack = await this.deps.evidence.export(siteId, from, to, undefined, {
        signal,
        onProgress: (phase, fraction) => this.deps.events.emit('evidence:progress', { jobId, siteId, phase, fraction }),
      });
      this.deps.events.emit('evidence:progress', { jobId, siteId, phase: 'writing', fraction: 1 });
      this.deps.events.emit('evidence:finished', { jobId, siteId, status: 'completed', pack, error: '' });
      return pack;
    } catch (error) {
      const cancelled = error instanceof AppError && error.code === 'cancelled';
      this.deps.events.emit('evidence:finished', { jobId, siteId, status: cancelled ? 'cancelled' : 'failed', pack: null, error: cancelled ? '' : (error as Error).message });
      return null;
    }
  }
}
