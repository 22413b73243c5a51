/**
 * The "open emergency cycle" form as plain data. The trigger is recognised with the same parser
 * the host uses (a CVE, a KB, or an advisory id), the deadline is a site-local day with an
 * optional time (a bare day means the end of that day), and the scope is every active asset or
 * the ones picked.
 */
import type { OpenEmergencyRequest } from '../../../../shared/contract';
import { parseEmergencyTrigger, type EmergencyTrigger } from '../../../../shared/domain/cycles/emergency-trigger';
import type { ApiIssue } from '../../api/api-client-error';
import { addDays, daysBetween, isTime, localInstant, parseDay } from './checklist-dates';

/** The host refuses deadlines further out than this (a typo in the year is caught). */
export const MAX_EMERGENCY_DAYS = 366;

/** What the form holds. */
export interface EmergencyFormValues {
  trigger: string;
  reason: string;
  deadlineDay: string;
  /** Optional `HH:MM`; empty: the end of the deadline day. */
  deadlineTime: string;
  title: string;
  scope: 'all' | 'selected';
  assetIds: number[];
}

/** The fields the form can flag. */
export type EmergencyField = 'trigger' | 'reason' | 'deadline' | 'title' | 'assetIds' | 'form';

/** Per-field messages. */
export type EmergencyErrors = Partial<Record<EmergencyField, string>>;

/** A fresh form; the deadline is left for the admin to choose, suggested a week out. */
export function emptyEmergencyForm(): EmergencyFormValues {
  return { trigger: '', reason: '', deadlineDay: '', deadlineTime: '', title: '', scope: 'all', assetIds: [] };
}

/** A deadline a week from today, for the "in a week" shortcut. */
export function suggestedDeadline(today: string): string {
  return addDays(today, 7);
}

/** The trigger as the host will record it, or null when it is not recognisable. */
export function recognisedTrigger(text: string): EmergencyTrigger | null {
  return text.trim() === '' ? null : parseEmergencyTrigger(text);
}

/** The request to open the cycle, or the messages that stop it. */
export function buildEmergencyRequest(values: EmergencyFormValues, siteId: number, context: { today: string; timeZone: string; nowMs: number }): { ok: true; request: OpenEmergencyRequest } | { ok: false; errors: EmergencyErrors } {
  const errors: EmergencyErrors = {};
  const trigger = values.trigger.trim();
  if (trigger === '') errors.trigger = 'Name the CVE, KB or advisory this cycle answers.';
  else if (!parseEmergencyTrigger(trigger)) errors.trigger = 'Enter a CVE (CVE-2026-1234), a KB (KB5034441) or an advisory id (RHSA-2026:1234).';

  const reason = values.reason.trim();
  if (reason === '') errors.reason = 'Say why this cannot wait for the monthly cycle.';
  else if (reason.length > 2000) errors.reason = 'At most 2000 characters.';

  let deadline = '';
  const day = values.deadlineDay.trim();
  const time = values.deadlineTime.trim();
  if (day === '') errors.deadline = 'Choose the day the fix must be in place.';
  else if (!parseDay(day)) errors.deadline = 'Enter the day as YYYY-MM-DD.';
  else if (daysBetween(context.today, day) < 0) errors.deadline = 'The deadline is in the past.';
  else if (daysBetween(context.today, day) > MAX_EMERGENCY_DAYS - 1) errors.deadline = `The deadline is more than ${MAX_EMERGENCY_DAYS} days away; an emergency has a near deadline.`;
  else if (time !== '' && !isTime(time)) errors.deadline = 'Enter the time as HH:MM (24-hour), or leave it empty for the end of the day.';
  else if (time !== '') {
    deadline = localInstant(day, time, context.timeZone) ?? '';
    if (Date.parse(deadline) <= context.nowMs) errors.deadline = 'That time has already passed.';
  } else deadline = day;

  const title = values.title.trim();
  if (title.length > 200) errors.title = 'At most 200 characters.';
  if (values.scope === 'selected' && values.assetIds.length === 0) errors.assetIds = 'Pick the affected assets, or choose every active asset.';

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    request: { siteId, trigger, reason, deadline, assetIds: values.scope === 'selected' ? [...new Set(values.assetIds)] : [], ...(title ? { title } : {}) },
  };
}

/** The host's field issues as the form's fields. */
export function emergencyErrorsFromIssues(issues: readonly ApiIssue[]): EmergencyErrors {
  const errors: EmergencyErrors = {};
  for (const issue of issues) {
    const head = issue.path.split('.')[0] ?? '';
    const field: EmergencyField = head === 'trigger' || head === 'reason' || head === 'deadline' || head === 'title' || head === 'assetIds' ? head : 'form';
    errors[field] ??= issue.message;
  }
  return errors;
}
