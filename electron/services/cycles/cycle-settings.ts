/** A site's cycle settings as the service uses them: what the site stored, over the defaults. */
import { DEFAULT_BASELINE_ANCHOR, type BaselineAnchor } from '../../../shared/domain/cycles/baseline-anchor';
import { DEFAULT_CADENCES, type CadenceRules } from '../../../shared/domain/cycles/cadence';

/** Settings with every field present. */
export interface ResolvedCycleSettings {
  anchor: BaselineAnchor;
  cadences: CadenceRules;
  cadenceStartMonth: number;
}

/** The settings of a site that never changed them. */
export const DEFAULT_CYCLE_SETTINGS: ResolvedCycleSettings = { anchor: DEFAULT_BASELINE_ANCHOR, cadences: DEFAULT_CADENCES, cadenceStartMonth: 1 };

/** Changes as the contract delivers them (each field optional, cadences per class). */
export interface CycleSettingsChanges {
  anchor?: BaselineAnchor | undefined;
  cadences?: Partial<CadenceRules> | undefined;
  cadenceStartMonth?: number | undefined;
}

/**
 * Reads stored settings (JSON written by `applySettingsChanges`, or null) over the defaults. A
 * field a later version added is taken from the defaults, so old rows stay readable.
 */
export function resolveCycleSettings(stored: unknown): ResolvedCycleSettings {
  const value = (stored ?? {}) as Partial<ResolvedCycleSettings>;
  return {
    anchor: value.anchor ?? DEFAULT_CYCLE_SETTINGS.anchor,
    cadences: { ...DEFAULT_CYCLE_SETTINGS.cadences, ...(value.cadences ?? {}) },
    cadenceStartMonth: value.cadenceStartMonth ?? DEFAULT_CYCLE_SETTINGS.cadenceStartMonth,
  };
}

/** Applies changes to settings; fields not named keep their value. */
export function applySettingsChanges(current: ResolvedCycleSettings, changes: CycleSettingsChanges): ResolvedCycleSettings {
  return {
    anchor: changes.anchor ?? current.anchor,
    cadences: { ...current.cadences, ...stripUndefined(changes.cadences ?? {}) },
    cadenceStartMonth: changes.cadenceStartMonth ?? current.cadenceStartMonth,
  };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, each]) => each !== undefined)) as Partial<T>;
}
