import { describe, expect, it } from 'vitest';
import { applySettingsChanges, DEFAULT_CYCLE_SETTINGS, resolveCycleSettings } from './cycle-settings';

describe('cycle settings', () => {
  it('reads stored settings over the defaults, and applies only the changes named', () => {
    expect(resolveCycleSettings(null)).toEqual(DEFAULT_CYCLE_SETTINGS);
    expect(resolveCycleSettings({ cadences: { firmware: 'quarterly' } })).toMatchObject({ anchor: { weekday: 'tue', nth: 2, offsetDays: 0 }, cadences: { 'os-and-apps': 'monthly', firmware: 'quarterly' }, cadenceStartMonth: 1 });
    const changed = applySettingsChanges(DEFAULT_CYCLE_SETTINGS, { anchor: { weekday: 'sat', nth: 2, offsetDays: 0 }, cadences: { hypervisor: 'monthly', appliance: undefined } });
    expect(changed).toEqual({ anchor: { weekday: 'sat', nth: 2, offsetDays: 0 }, cadences: { 'os-and-apps': 'monthly', appliance: 'quarterly', hypervisor: 'monthly', firmware: 'semiannual' }, cadenceStartMonth: 1 });
  });
});
