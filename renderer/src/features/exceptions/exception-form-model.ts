/**
 * The add, renew and close forms as plain data: what the admin typed, what is wrong with it
 * (with the same rules the host applies, so most refusals happen before a round trip), and the
 * request to send. Dates are site-local `YYYY-MM-DD` days; the host reads a bare start as the
 * first instant of that day and a bare expiry as the last.
 */
import type { ExceptionCreate } from '../../../../shared/contract';
import type { ExceptionScopeKind } from '../../../../shared/domain/sla/exception-status';
import type { ApiIssue } from '../../api/api-client-error';
import { isDay, maxExpiryDay } from './exception-dates';

/** Everything the add-exception form holds. */
export interface ExceptionFormValues {
  kind: ExceptionScopeKind;
  /** The asset of a whole-asset entry, or the one asset a value scope is narrowed to (null: every asset). */
  assetId: number | null;
  /** The update, package, CVE or KB; unused for a whole asset. */
  value: string;
  reason: string;
  compensatingControls: string;
  owner: string;
  approver: string;
  startsOn: string;
  expiresOn: string;
  remediationOn: string;
}

/** The fields the add form can flag. */
export type ExceptionFormField = keyof ExceptionFormValues;

/** Per-field messages; `form` holds what belongs to no field. */
export type FieldErrors<F extends string> = Partial<Record<F | 'form', string>>;

/** What the date checks need: today in the site's zone and the site policy's maximum length. */
export interface ExceptionDateRules {
  today: string;
  maxDays: number;
  /** How days appear in messages; `YYYY-MM-DD` when absent. */
  formatDay?: (day: string) => string;
}

/** A fresh form: a whole asset, starting today, no expiry yet (it must be chosen, never defaulted). */
export function emptyExceptionForm(today: string): ExceptionFormValues {
  return { kind: 'asset', assetId: null, value: '', reason: '', compensatingControls: '', owner: '', approver: '', startsOn: today, expiresOn: '', remediationOn: '' };
}

/** The day an entry starts: the chosen start when it is a real day, else today. */
export function effectiveStart(startsOn: string, rules: ExceptionDateRules): string {
  return isDay(startsOn) ? startsOn : rules.today;
}

/** The last expiry day the policy allows for an entry starting on `startsOn`. */
export function expiryLimit(startsOn: string, rules: ExceptionDateRules): string {
  return maxExpiryDay(effectiveStart(startsOn, rules), rules.maxDays);
}

const CVE = /^CVE-\d{4}-\d{4,}$/i;
const KB = /^(KB\s?)?\d{5,8}$/i;

/**
 * Why a scope value would match nothing: a CVE or KB with a typo never matches an update, so the
 * exception would sit in the register covering nothing while looking like it does.
 */
export function scopeValueProblem(kind: ExceptionScopeKind, value: string): string | undefined {
  const text = value.trim();
  if (kind === 'asset') return undefined;
  if (!text) return { update: 'Name the update or advisory.', package: 'Name the package.', cve: 'Enter the CVE, e.g. CVE-2026-12345.', kb: 'Enter the KB, e.g. KB5034441.' }[kind];
  if (text.length > 300) return 'At most 300 characters.';
  if (kind === 'cve' && !CVE.test(text)) return 'A CVE looks like CVE-2026-12345.';
  if (kind === 'kb' && !KB.test(text)) return 'A KB looks like KB5034441 (5 to 8 digits).';
  return undefined;
}

/** Why an expiry is refused for an entry starting on `startDay`, or undefined when it is acceptable. */
export function expiryProblem(expiresOn: string, startDay: string, rules: ExceptionDateRules): string | undefined {
  const day = rules.formatDay ?? ((text: string) => text);
  if (!expiresOn.trim()) return 'An expiry date is required: every exception must end and be reviewed.';
  if (!isDay(expiresOn)) return 'Enter a date as YYYY-MM-DD.';
  if (expiresOn < rules.today) return `The expiry (${day(expiresOn)}) is in the past; today is ${day(rules.today)}.`;
  if (expiresOn < startDay) return `The expiry (${day(expiresOn)}) must not be before the start (${day(startDay)}).`;
  const limit = maxExpiryDay(startDay, rules.maxDays);
  if (expiresOn > limit) return `Too long: the site policy allows at most ${rules.maxDays} days, so the latest expiry is ${day(limit)}.`;
  return undefined;
}

function required(text: string, message: string, max: number): string | undefined {
  const trimmed = text.trim();
  if (!trimmed) return message;
  return trimmed.length > max ? `At most ${max} characters.` : undefined;
}

function optional(text: string, max: number): string | undefined {
  return text.trim().length > max ? `At most ${max} characters.` : undefined;
}

/** Drops the fields without a message. */
function compact<F extends string>(errors: FieldErrors<F>): FieldErrors<F> {
  return Object.fromEntries(Object.entries(errors).filter(([, message]) => message !== undefined)) as FieldErrors<F>;
}

/**
 * Checks the add form and builds the create request. A start of today is left out, so the entry
 * starts now rather than at midnight: it never covers the hours before it was written down.
 */
export function buildExceptionRequest(
  values: ExceptionFormValues,
  siteId: number,
  rules: ExceptionDateRules,
): { ok: true; request: ExceptionCreate } | { ok: false; errors: FieldErrors<ExceptionFormField> } {
  const startsOn = values.startsOn.trim();
  const startDay = effectiveStart(startsOn, rules);
  const remediationOn = values.remediationOn.trim();
  const errors = compact<ExceptionFormField>({
    assetId: values.kind === 'asset' && values.assetId === null ? 'Choose the asset this exception covers.' : undefined,
    value: scopeValueProblem(values.kind, values.value),
    reason: required(values.reason, 'Say why the fix cannot be applied in time.', 2000),
    compensatingControls: optional(values.compensatingControls, 4000),
    owner: required(values.owner, 'Name who answers for this exception.', 200),
    approver: optional(values.approver, 200),
    startsOn: startsOn && !isDay(startsOn) ? 'Enter a date as YYYY-MM-DD.' : startsOn && startsOn < rules.today ? `The start cannot be before today (${(rules.formatDay ?? String)(rules.today)}): an exception cannot cover breaches that already happened.` : undefined,
    expiresOn: expiryProblem(values.expiresOn.trim(), startDay, rules),
    remediationOn: remediationOn && !isDay(remediationOn) ? 'Enter a date as YYYY-MM-DD.' : undefined,
  });
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    request: {
      siteId,
      scope: { kind: values.kind, assetId: values.assetId, value: values.kind === 'asset' ? '' : values.value.trim() },
      reason: values.reason.trim(),
      compensatingControls: values.compensatingControls.trim(),
      owner: values.owner.trim(),
      approver: values.approver.trim(),
      ...(startDay === rules.today ? {} : { startsAt: startDay }),
      expiresAt: values.expiresOn.trim(),
      ...(remediationOn ? { remediationDate: remediationOn } : {}),
    },
  };
}

/** A caution (not an error) when the planned fix falls after the expiry: a renewal is then already foreseeable. */
export function remediationNote(values: Pick<ExceptionFormValues, 'expiresOn' | 'remediationOn'>): string | undefined {
  if (!isDay(values.remediationOn) || !isDay(values.expiresOn)) return undefined;
  return values.remediationOn > values.expiresOn ? 'This is after the expiry: the exception would lapse before the fix. Plan an earlier fix or expect to renew.' : undefined;
}

/** The renew form. */
export interface RenewFormValues {
  expiresOn: string;
  reason: string;
}

/** Checks the renew form: the new entry starts now, so the limit counts from today. */
export function buildRenewRequest(
  values: RenewFormValues,
  id: number,
  rules: ExceptionDateRules,
): { ok: true; request: { id: number; expiresAt: string; reason: string } } | { ok: false; errors: FieldErrors<keyof RenewFormValues> } {
  const errors = compact<keyof RenewFormValues>({
    expiresOn: expiryProblem(values.expiresOn.trim(), rules.today, rules),
    reason: required(values.reason, 'Say why the exception is still needed.', 2000),
  });
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, request: { id, expiresAt: values.expiresOn.trim(), reason: values.reason.trim() } };
}

/** Checks the close form. */
export function buildCloseRequest(reason: string, id: number): { ok: true; request: { id: number; reason: string } } | { ok: false; errors: FieldErrors<'reason'> } {
  const problem = required(reason, 'Say why it ends, e.g. "the update was installed on 12 Nov".', 1000);
  return problem ? { ok: false, errors: { reason: problem } } : { ok: true, request: { id, reason: reason.trim() } };
}

/** Where the host's issue paths land in the forms. */
const ISSUE_FIELDS: Record<string, ExceptionFormField | 'reason'> = {
  'scope.assetId': 'assetId',
  'scope.value': 'value',
  'scope.kind': 'kind',
  startsAt: 'startsOn',
  expiresAt: 'expiresOn',
  remediationDate: 'remediationOn',
  reason: 'reason',
  compensatingControls: 'compensatingControls',
  owner: 'owner',
  approver: 'approver',
};

/**
 * Puts the host's field issues (zod paths, or the register's `expiresAt` / `startsAt` /
 * `scope.assetId` details) next to the fields they name; the first message per field wins and
 * anything else goes to `form`.
 */
export function fieldErrorsFromIssues(issues: readonly ApiIssue[]): FieldErrors<ExceptionFormField> {
  const errors: FieldErrors<ExceptionFormField> = {};
  for (const issue of issues) {
    const field = ISSUE_FIELDS[issue.path] ?? 'form';
    errors[field] ??= issue.message;
  }
  return errors;
}
