/** Words and badge tones for rollout and host states, one place for every deploy screen. */
import type { BadgeTone } from '../../components/badge';
import type { HostState } from '../../../../shared/domain/rollouts/host-outcome';
import type { RebootPolicy, RolloutState, SelectionKind } from '../../../../shared/domain/rollouts/rollout-plan';

/** A rollout state in words. */
export const ROLLOUT_STATE_LABELS: Record<RolloutState, string> = {
  planned: 'Planned',
  previewed: 'Previewed',
  approved: 'Approved',
  running: 'Running',
  waiting: 'Waiting',
  halted: 'Halted',
  interrupted: 'Interrupted',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

/** A rollout state's badge tone. */
export const ROLLOUT_STATE_TONES: Record<RolloutState, BadgeTone> = {
  planned: 'neutral',
  previewed: 'info',
  approved: 'accent',
  running: 'info',
  waiting: 'warning',
  halted: 'warning',
  interrupted: 'danger',
  completed: 'success',
  cancelled: 'neutral',
};

/** A host state in words. */
export const HOST_STATE_LABELS: Record<HostState, string> = {
  pending: 'Pending',
  running: 'Running',
  nothing_to_do: 'Nothing to do',
  installed: 'Installed',
  installed_with_warnings: 'Installed, warnings',
  failed: 'Failed',
  rolled_back: 'Rolled back',
  rollback_failed: 'Rollback failed',
  unreachable: 'Not attempted: unreachable',
  preflight_blocked: 'Not attempted: preflight',
  skipped: 'Skipped',
};

/** A host state's badge tone. */
export const HOST_STATE_TONES: Record<HostState, BadgeTone> = {
  pending: 'neutral',
  running: 'info',
  nothing_to_do: 'success',
  installed: 'success',
  installed_with_warnings: 'warning',
  failed: 'danger',
  rolled_back: 'warning',
  rollback_failed: 'danger',
  unreachable: 'neutral',
  preflight_blocked: 'neutral',
  skipped: 'neutral',
};

/** The selection in words, under the plan form's "Updates" label (short enough to fit half a 1280 px window). */
export const SELECTION_LABELS: Record<SelectionKind, string> = { all: 'All pending', security: 'Security only', packages: 'Named packages or KBs' };

/** The reboot policy in words. */
export const REBOOT_LABELS: Record<RebootPolicy, string> = { never: 'Never reboot', 'if-required': 'Reboot if required', always: 'Always reboot' };

/** A phrase with its first letter in upper case ("pending updates that fix X" → "Pending updates that fix X"). */
export function sentenceCase(text: string): string {
  return text.length === 0 ? text : `${text[0]?.toUpperCase() ?? ''}${text.slice(1)}`;
}

/** A host's step in words: the engine's closing step ("end") reads as finished; the others are already words ("pre 1", "ring test health"). */
export function stepLabel(step: string): string {
  return step === 'end' ? 'finished' : step;
}
