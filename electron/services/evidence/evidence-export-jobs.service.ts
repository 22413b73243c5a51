/**
 * Evidence exports as jobs of the job engine (kind `evidence-export`): `start` returns a job id at
 * once, the phases go out as `job:progress` events, the pack as the job's result, and a job can be cancelled from any process. Nothing is
 * recorded in the pack library until the pack is complete; a crashed export leaves at most a
 * temporary `.partial` file, which the next start removes (partial-pack-files.ts, by the writer's pid).
 */
import { z } from 'zod';
import type { EvidenceExportPhase, EvidencePackRecord } from '../../../shared/contract/evidence';
import type { EvidenceExportJobProgress } from '../../../shared/contract/jobs';
import type { JobEngine } from '../../jobs/job-engine';
import type { JobContext } from '../../jobs/job-kind';
import type { SitesService } from '../sites/sites.service';
import type { EvidenceExportService } from './evidence-export.service';

export interface EvidenceExportJobsDeps {
  evidence: Pick<EvidenceExportService, 'export'>;
  sites: Pick<SitesService, 'get'>;
  /** The engine the exports run on; the service registers the `evidence-export` kind with it. */
  jobs: JobEngine;
}

/** The job kind of evidence exports. */
export const EVIDENCE_EXPORT_JOB_KIND = 'evidence-export';

/** What an export job stores as its parameters: the period. */
const EvidenceExportParameters = z.object({ from: z.string().min(1), to: z.string().min(1) });
type EvidenceExportParameters = z.infer<typeof EvidenceExportParameters>;

export class EvidenceExportJobsService {
  constructor(private readonly deps: EvidenceExportJobsDeps) {
    deps.jobs.register<EvidenceExportParameters, EvidencePackRecord>({
      kind: EVIDENCE_EXPORT_JOB_KIND,
      parameters: EvidenceExportParameters,
      run: (context) => this.run(context),
    });
  }

  /** Starts exporting a pack into the pack library; returns the job id before any work is done. */
  start(request: { siteId: number; from: string; to: string }): { jobId: string } {
    // An unknown site is refused now, as a plain error, not later as a failed job.
    const site = this.deps.sites.get(request.siteId);
    return { jobId: this.deps.jobs.start(EVIDENCE_EXPORT_JOB_KIND, site.id, { from: request.from, to: request.to }) };
  }

  /** Asks a running export to stop (in this process or another); unknown or finished jobs are ignored. */
  cancel(jobId: string): void {
    if (this.deps.jobs.list({ kind: EVIDENCE_EXPORT_JOB_KIND, states: ['queued', 'running', 'waiting'] }).some((job) => job.id === jobId)) this.deps.jobs.cancel(jobId);
  }

  /** Resolves with the pack (null when cancelled or failed) when the job ends; for tests. */
  async wait(jobId: string): Promise<EvidencePackRecord | null> {
    const job = await this.deps.jobs.wait(jobId);
    return job.state === 'succeeded' ? (job.result as EvidencePackRecord) : null;
  }

  private async run(context: JobContext<EvidenceExportParameters>): Promise<EvidencePackRecord> {
    const { signal } = context;
    const siteId = context.siteId ?? 0;
    const { from, to } = context.params;
    const progress = (phase: EvidenceExportPhase, fraction: number) => context.progress({ phase, fraction } satisfies EvidenceExportJobProgress);
    const pack = await context.step(`site:${siteId}`, 'export', () => this.deps.evidence.export(siteId, from, to, undefined, { signal, onProgress: progress }), { detail: `${from} to ${to}` });
    progress('writing', 1);
    return pack;
  }
}
