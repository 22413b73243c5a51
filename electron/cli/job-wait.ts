/**
 * Waits for a job to end, wherever it runs (this process or the folder's owner): its final
 * `job:progress` event, or `jobs:get` when it had ended before the subscription. Fails when the
 * owner stops first, naming it.
 */
import { isActiveJobState, type JobProgressEvent, type JobRecord } from '../../shared/contract/jobs';
import type { CliContext } from './cli-context';
import { CliError } from './cli-error';

/** Resolves with the job as stored once it is no longer active. */
export function waitForJob(context: CliContext, jobId: string): Promise<JobRecord> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      unsubscribe();
      if (error) return reject(error);
      context.call('jobs:get', { jobId }).then((detail) => resolve(detail.job), reject);
    };
    // Subscribed before asking: an end between the two is then seen one way or the other.
    const unsubscribe = context.subscribe((event, payload) => {
      if (event !== 'job:progress') return;
      const progress = payload as JobProgressEvent;
      if (progress.jobId === jobId && !isActiveJobState(progress.state)) finish();
    });
    context.onLost((reason) => finish(new CliError(`${reason}; job ${jobId} did not finish here (see "jobs" in the app, or run the command again)`, 1)));
    context.call('jobs:get', { jobId }).then((detail) => {
      if (!isActiveJobState(detail.job.state)) finish();
    }, (error: Error) => finish(error));
  });
}
