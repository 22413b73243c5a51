import type { ChannelName } from '../../../../shared/contract';
import { useApiMutation } from '../../api/use-api-mutation';
import { useApiQuery } from '../../api/use-api-query';

/** Reads a rollout change can make stale (the cycle's items are ticked by rollouts started from it). */
export const ROLLOUT_READS: ChannelName[] = ['rollouts:list', 'rollouts:get', 'jobs:list', 'cycles:get', 'cycles:list'];

/** A site's rollouts, newest first. */
export function useRollouts(siteId: number) {
  return useApiQuery('rollouts:list', { siteId });
}

/** One rollout with its rings, hosts, packages and events; refreshed by the `rollouts` change topic while it runs. */
export function useRollout(rolloutId: number | null) {
  return useApiQuery('rollouts:get', rolloutId === null ? null : { rolloutId });
}

/** The job running a rollout (null: none); refreshed by the `jobs` change topic, so a window sees it end. */
export function useRolloutJob(jobId: string | null) {
  return useApiQuery('jobs:get', jobId === null ? null : { jobId });
}

/** Stores a plan and previews it. */
export function usePlanRollout() {
  return useApiMutation('rollouts:plan', ROLLOUT_READS);
}

/** The rollout actions, each a mutation of its own so each button shows its own pending state. */
export function useRolloutActions() {
  return {
    preview: useApiMutation('rollouts:preview', ROLLOUT_READS),
    approve: useApiMutation('rollouts:approve', ROLLOUT_READS),
    start: useApiMutation('rollouts:start', ROLLOUT_READS),
    halt: useApiMutation('rollouts:halt', ROLLOUT_READS),
    resume: useApiMutation('rollouts:resume', ROLLOUT_READS),
    cancel: useApiMutation('rollouts:cancel', ROLLOUT_READS),
    rollback: useApiMutation('rollouts:rollback', ROLLOUT_READS),
    manualDone: useApiMutation('rollouts:manualDone', ROLLOUT_READS),
  };
}
