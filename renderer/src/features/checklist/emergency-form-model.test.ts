import { describe, expect, it } from 'vitest';
import { buildEmergencyRequest, emergencyErrorsFromIssues, emptyEmergencyForm, recognisedTrigger, suggestedDeadline } from './emergency-form-model';

const context = { today: '2026-11-22', timeZone: 'Europe/Berlin', nowMs: Date.parse('2026-11-22T09:00:00Z') };
const filled = { ...emptyEmergencyForm(), trigger: 'cve-2026-1234', reason: 'Exploited in the wild', deadlineDay: '2026-11-25' };

describe('emergency form', () => {
  it('recognises triggers the way the host does', () => {
    expect(recognisedTrigger('cve-2026-1234')).toEqual({ kind: 'cve', ref: 'CVE-2026-1234' });
    expect(recognisedTrigger('5034441')).toEqual({ kind: 'kb', ref: 'KB5034441' });
    expect(recognisedTrigger('RHSA-2026:1234')).toEqual({ kind: 'advisory', ref: 'RHSA-2026:1234' });
    expect(recognisedTrigger('')).toBeNull();
    expect(recognisedTrigger('!!')).toBeNull();
  });

  it('sends a bare deadline day (the end of that day, site time) for every asset', () => {
    expect(buildEmergencyRequest(filled, 3, context)).toEqual({ ok: true, request: { siteId: 3, trigger: 'cve-2026-1234', reason: 'Exploited in the wild', deadline: '2026-11-25', assetIds: [] } });
  });

  it('sends an instant when a time is given, and the picked assets', () => {
    const result = buildEmergencyRequest({ ...filled, deadlineTime: '18:00', scope: 'selected', assetIds: [4, 9, 4], title: ' Exchange fix ' }, 3, context);
    expect(result.ok && result.request).toEqual({ siteId: 3, trigger: 'cve-2026-1234', reason: 'Exploited in the wild', deadline: '2026-11-25T17:00:00.000Z', assetIds: [4, 9], title: 'Exchange fix' });
  });

  it('names every missing or wrong field', () => {
    const result = buildEmergencyRequest({ ...emptyEmergencyForm(), scope: 'selected' }, 3, context);
    expect(result.ok).toBe(false);
    expect(!result.ok && Object.keys(result.errors).sort()).toEqual(['assetIds', 'deadline', 'reason', 'trigger']);
    expect(buildEmergencyRequest({ ...filled, trigger: '??' }, 3, context)).toMatchObject({ ok: false, errors: { trigger: expect.stringMatching(/CVE-2026-1234/) } });
  });

  it('keeps the deadline ahead and near', () => {
    expect(buildEmergencyRequest({ ...filled, deadlineDay: '2026-11-21' }, 3, context)).toMatchObject({ ok: false, errors: { deadline: 'The deadline is in the past.' } });
    expect(buildEmergencyRequest({ ...filled, deadlineDay: '2026-11-22' }, 3, context).ok).toBe(true);
    expect(buildEmergencyRequest({ ...filled, deadlineDay: '2026-11-22', deadlineTime: '09:30' }, 3, context)).toMatchObject({ ok: false, errors: { deadline: 'That time has already passed.' } });
    expect(buildEmergencyRequest({ ...filled, deadlineDay: '2027-11-25' }, 3, context)).toMatchObject({ ok: false, errors: { deadline: expect.stringMatching(/366 days/) } });
    expect(buildEmergencyRequest({ ...filled, deadlineTime: '6pm' }, 3, context)).toMatchObject({ ok: false, errors: { deadline: expect.stringMatching(/HH:MM/) } });
  });

  it('suggests a deadline a week out and maps host issues', () => {
    expect(suggestedDeadline('2026-11-28')).toBe('2026-12-05');
    expect(emergencyErrorsFromIssues([{ path: 'assetIds.2', message: 'not an asset of this site' }, { path: 'x', message: 'other' }])).toEqual({ assetIds: 'not an asset of this site', form: 'other' });
  });
});
