import { describe, expect, it } from 'vitest';
import { DEFAULT_CADENCES } from '../../../../shared/domain/cycles/cadence';
import { anchorLabel, anchorPreview, buildScheduleUpdate, monthNames, parseAnchorOffset, scheduleFromSettings } from './schedule-model';

const stored = { siteId: 2, anchor: { weekday: 'tue' as const, nth: 2 as const, offsetDays: 0 }, cadences: { ...DEFAULT_CADENCES }, cadenceStartMonth: 1 };

describe('schedule form', () => {
  it('previews the anchor days the host will use', () => {
    const values = scheduleFromSettings(stored);
    expect(anchorLabel(values)).toBe('second Tuesday');
    expect(anchorPreview(values, '2026-11')).toEqual([
      { month: '2026-11', day: '2026-11-10' },
      { month: '2026-12', day: '2026-12-08' },
      { month: '2027-01', day: '2027-01-12' },
    ]);
    const saturdayAfter = { ...values, offset: '4' };
    expect(anchorLabel(saturdayAfter)).toBe('second Tuesday + 4 days');
    expect(anchorPreview(saturdayAfter, '2026-11', 1)).toEqual([{ month: '2026-11', day: '2026-11-14' }]);
    expect(anchorPreview({ ...values, nth: -1, weekday: 'fri' }, '2026-11', 1)).toEqual([{ month: '2026-11', day: '2026-11-27' }]);
  });

  it('checks the offset', () => {
    expect(parseAnchorOffset(' -3 ')).toEqual({ ok: true, value: -3 });
    expect(parseAnchorOffset('15')).toEqual({ ok: false, error: 'From -14 to 14 days.' });
    expect(parseAnchorOffset('two')).toMatchObject({ ok: false });
    expect(anchorPreview({ ...scheduleFromSettings(stored), offset: 'x' }, '2026-11')).toEqual([]);
  });

  it('sends only what changed', () => {
    const values = scheduleFromSettings(stored);
    expect(buildScheduleUpdate(values, stored)).toEqual({ ok: true, request: null });
    expect(buildScheduleUpdate({ ...values, offset: '4', cadences: { ...values.cadences, firmware: 'quarterly' } }, stored)).toEqual({
      ok: true,
      request: { siteId: 2, changes: { anchor: { weekday: 'tue', nth: 2, offsetDays: 4 }, cadences: { firmware: 'quarterly' } } },
    });
    expect(buildScheduleUpdate({ ...values, cadenceStartMonth: 2 }, stored)).toEqual({ ok: true, request: { siteId: 2, changes: { cadenceStartMonth: 2 } } });
    expect(buildScheduleUpdate({ ...values, offset: '99' }, stored)).toEqual({ ok: false, error: 'From -14 to 14 days.' });
  });

  it('names the months', () => {
    expect(monthNames('en-GB')[0]).toBe('January');
    expect(monthNames('en-GB')).toHaveLength(12);
  });
});
