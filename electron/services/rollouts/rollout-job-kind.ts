/**
 * Rollouts as a kind of the durable job engine: `run` does the work (ring by ring, or a
 * rollback), `resume` takes over a rollout whose process stopped (each host's real state is read
 * again and the rollout waits for an admin), and `interrupted` marks the rollout itself when the
 * engine finds its process gone; `due` resumes, at the engine's heartbeat, rollouts whose next
 * maintenance window has opened.
 */
import { z } from 'zod';
import { isActiveJobState } from '../../../shared/contract/jobs';
import type { JobEngine } from '../../jobs/job-engine';
import type { JobContext, JobKindDefinition } from '../../jobs/job-kind';
import type { RolloutJobContext, RolloutJobParams, RolloutJobs } from './rollout-jobs';
import type { RolloutsService } from './rollouts.service';

/** The kind's name in the jobs table. */
export const ROLLOUT_JOB_KIND = 'rollout';

const Parameters = z.object({ rolloutId: z.number().int().positive(), mode: z.enum(['run', 'rollback']), assetIds: z.array(z.number().int().positive()).max(10_000) });

function adapt(context: JobContext<RolloutJobParams>): RolloutJobContext {
  return {
    jobId: context.jobId,
    signal: context.signal,
    step: (target, name, fn) => context.step(target, name, (step) => fn((text) => step.output(`${text}\n`))),
    progress: (payload) => context.progress(payload),
  };
}

/** The `rollout` job kind over a rollouts service (the service is looked up late: it is built after the engine). */
export function rolloutJobKind(service: () => RolloutsService): JobKindDefinition<RolloutJobParams, { state: string }> {
  return {
    kind: ROLLOUT_JOB_KIND,
    parameters: Parameters,
    async run(context) {
      return { state: await service().runJob(adapt(context), context.params) };
    },
    async resume(context) {
      const detail = await service().recoverInterrupted(context.params.rolloutId, adapt(context));
      return { state: detail.state };
    },
    interrupted(jobId) {
      service().markJobInterrupted(jobId);
    },
    due(now) {
      service().resumeDue(now);
    },
  };
}

/** The engine as the rollouts service starts and follows its jobs. */
export function engineRolloutJobs(engine: JobEngine): RolloutJobs {
  return {
    start: (siteId, params) => engine.start(ROLLOUT_JOB_KIND, siteId, params),
    wait: (jobId) => engine.wait(jobId),
    startedBy: (jobId) => engine.startedBy(jobId),
    active: (jobId) => {
      try {
        return isActiveJobState(engine.get(jobId).job.state);
      } catch {
        return false;
      }
    },
  };
}
