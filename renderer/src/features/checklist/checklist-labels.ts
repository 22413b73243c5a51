/** Words and tones for the checklist's states, kinds, rings and cadences, in one place. */
import type { ChecklistItem, CycleSummary } from '../../../../shared/contract';
import type { AssetClass, Cadence } from '../../../../shared/domain/cycles/cadence';
import type { ChecklistItemKind } from '../../../../shared/domain/cycles/checklist-template';
import type { TriggerKind } from '../../../../shared/domain/cycles/emergency-trigger';
import type { Ring } from '../../../../shared/domain/cycles/rings';
import type { Weekday } from '../../../../shared/domain/cycles/weekdays';
import type { BadgeTone } from '../../components/badge';

/** The state an item shows: the stored state, with pending split into late and not yet due. */
export type ItemDisplayState = 'pending' | 'late' | 'done' | 'not_applicable';

/** The state to show for an item. */
export function itemDisplayState(item: Pick<ChecklistItem, 'state' | 'late'>): ItemDisplayState {
  return item.state === 'pending' && item.late ? 'late' : item.state;
}

/** Badge text per displayed state. */
export const ITEM_STATE_LABELS: Record<ItemDisplayState, string> = { pending: 'Pending', late: 'Late', done: 'Done', not_applicable: 'Not applicable' };

/** Badge tone per displayed state. */
export const ITEM_STATE_TONES: Record<ItemDisplayState, BadgeTone> = { pending: 'neutral', late: 'danger', done: 'success', not_applicable: 'neutral' };

/** What each kind of item means for the cycle's record. */
export const ITEM_KIND_LABELS: Record<ChecklistItemKind, string> = { task: 'Task', triage: 'Triage', deploy: 'Deployment', rescan: 'Verification' };

/** The chip next to a special item in a cycle: what its tick means for the record. */
export const ITEM_KIND_CHIPS: Record<Exclude<ChecklistItemKind, 'task'>, string> = { triage: 'Sets the triage time', deploy: 'Sets the deployment time', rescan: 'Checked by collection' };

/** Why a kind matters, for the template editor. */
export const ITEM_KIND_HINTS: Record<ChecklistItemKind, string> = {
  task: 'Done by hand and ticked.',
  triage: 'Its time is recorded as the triage time of the cycle.',
  deploy: 'Its time is recorded as the deployment time of the cycle.',
  rescan: 'Needs a patch-status collection during the cycle, or attached evidence.',
};

/** Badge text and tone of a cycle's kind. */
export const CYCLE_KIND_LABELS: Record<CycleSummary['kind'], string> = { baseline: 'Baseline', emergency: 'Emergency' };
/** Emergencies stand out; the monthly baseline is routine. */
export const CYCLE_KIND_TONES: Record<CycleSummary['kind'], BadgeTone> = { baseline: 'info', emergency: 'warning' };

/** How a trigger is named. */
export const TRIGGER_KIND_LABELS: Record<TriggerKind, string> = { cve: 'CVE', kb: 'KB', advisory: 'Advisory' };

/** Rings in rollout order, with what they are for. */
export const RING_LABELS: Record<Ring, string> = { test: 'Test', pilot: 'Pilot', broad: 'Broad' };
/** One line per ring for the settings. */
export const RING_HINTS: Record<Ring, string> = {
  test: 'A few machines that get updates first.',
  pilot: 'A representative group of users, before everyone.',
  broad: 'Everyone else; new assets land here.',
};

/** Asset classes as people say them. */
export const ASSET_CLASS_LABELS: Record<AssetClass, string> = { 'os-and-apps': 'OS & applications', appliance: 'Appliances', hypervisor: 'Hypervisors', firmware: 'Firmware' };

/** Cadences as people say them. */
export const CADENCE_LABELS: Record<Cadence, string> = { monthly: 'Monthly', quarterly: 'Quarterly', semiannual: 'Twice a year' };

/** Short weekday names, Monday first as maintenance plans are written. */
export const WEEKDAY_SHORT: Record<Weekday, string> = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' };
/** Weekdays in the order the UI lists them. */
export const WEEKDAYS_MONDAY_FIRST: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** "1st", "2nd", "3rd", "4th", "last" for the anchor's occurrence. */
export const NTH_LABELS: Record<1 | 2 | 3 | 4 | -1, string> = { 1: 'First', 2: 'Second', 3: 'Third', 4: 'Fourth', [-1]: 'Last' };
