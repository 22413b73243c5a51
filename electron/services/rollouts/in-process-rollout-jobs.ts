/**
 * Rollout jobs run in this process with the existing job registry, until the durable job engine
 * takes them over: steps are recorded by the rollout itself (its host events), so nothing is lost
 * if the process stops; the rollout is then marked interrupted and resumed by an admin.
 */
import { JobRegistry } from '../../core/job-registry';
import type { RolloutJobContext, RolloutJobLauncher } from './rollout-jobs';

/** A launcher that runs each job as a promise in this process. */
export function createInProcessRolloutJobs(): RolloutJobLauncher {
  const jobs = new JobRegistry<void>('rollout');
  return {
    start(_siteId, _params, work) {
      return jobs.start(async (jobId, signal) => {
        const context: RolloutJobContext = {
          jobId,
          signal,
          async step(_target, _name, fn) {
            if (signal.aborted) throw new Error(`job ${jobId} was stopped`);
            return fn(() => undefined);
          },
        };
        await work(context);
      });
    },
    wait: (jobId) => jobs.wait(jobId),
    stopAll: () => jobs.stopAll(),
  };
}
