import { describe, expect, it } from 'vitest';
import { buildCloseRequest, buildExceptionRequest, buildRenewRequest, emptyExceptionForm, expiryLimit, expiryProblem, fieldErrorsFromIssues, remediationNote, scopeValueProblem, type ExceptionFormValues } from './exception-form-model';

const RULES = { today: '2026-11-02', maxDays: 90 };
const filled = (patch: Partial<ExceptionFormValues> = {}): ExceptionFormValues => ({
  ...emptyExceptionForm(RULES.today),
  assetId: 3,
  reason: 'Line-of-business app breaks on the update',
  owner: 'Ana Ops',
  expiresOn: '2026-12-15',
  ...patch,
});

describe('buildExceptionRequest', () => {
  it('builds a whole-asset request that starts now', () => {
    const built = buildExceptionRequest(filled({ approver: ' CFO ', compensatingControls: ' VLAN isolation ' }), 7, RULES);
    expect(built).toEqual({
      ok: true,
      request: {
        siteId: 7,
        scope: { kind: 'asset', assetId: 3, value: '' },
        reason: 'Line-of-business app breaks on the update',
        compensatingControls: 'VLAN isolation',
        owner: 'Ana Ops',
        approver: 'CFO',
        expiresAt: '2026-12-15',
      },
    });
  });

  it('sends a later start and the remediation date, and keeps the optional asset of a value scope', () => {
    const built = buildExceptionRequest(filled({ kind: 'cve', value: ' cve-2026-12345 ', assetId: null, startsOn: '2026-11-10', remediationOn: '2026-12-01' }), 1, RULES);
    expect(built.ok && built.request).toMatchObject({ scope: { kind: 'cve', assetId: null, value: 'cve-2026-12345' }, startsAt: '2026-11-10', remediationDate: '2026-12-01' });
  });

  it('names every missing field at once', () => {
    const built = buildExceptionRequest(emptyExceptionForm(RULES.today), 1, RULES);
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(Object.keys(built.errors).sort()).toEqual(['assetId', 'expiresOn', 'owner', 'reason']);
    expect(built.errors.expiresOn).toMatch(/required/);
  });

  it('refuses an expiry beyond the policy maximum, counted from the start', () => {
    expect(expiryLimit('', RULES)).toBe('2027-01-30');
    const late = buildExceptionRequest(filled({ expiresOn: '2027-01-31' }), 1, RULES);
    expect(!late.ok && late.errors.expiresOn).toBe('Too long: the site policy allows at most 90 days, so the latest expiry is 2027-01-30.');
    expect(buildExceptionRequest(filled({ expiresOn: '2027-01-30' }), 1, RULES).ok).toBe(true);
    // A later start moves the limit with it.
    expect(buildExceptionRequest(filled({ startsOn: '2026-11-10', expiresOn: '2027-02-07' }), 1, RULES).ok).toBe(true);
  });

  it('writes days in messages with the given format', () => {
    const built = buildExceptionRequest(filled({ expiresOn: '2027-02-01' }), 1, { ...RULES, formatDay: (day) => `<${day}>` });
    expect(!built.ok && built.errors.expiresOn).toMatch(/latest expiry is <2027-01-30>\.$/);
  });

  it('refuses past dates and a start before today', () => {
    const past = buildExceptionRequest(filled({ expiresOn: '2026-11-01', startsOn: '2026-10-30' }), 1, RULES);
    expect(past.ok).toBe(false);
    if (past.ok) return;
    expect(past.errors.expiresOn).toMatch(/in the past/);
    expect(past.errors.startsOn).toMatch(/cannot be before today/);
  });

  it('accepts an expiry of today (the end of today is still ahead)', () => {
    expect(expiryProblem('2026-11-02', '2026-11-02', RULES)).toBeUndefined();
    expect(expiryProblem('2026-11-09', '2026-11-10', RULES)).toMatch(/before the start/);
    expect(expiryProblem('31/12/2026', '2026-11-02', RULES)).toMatch(/YYYY-MM-DD/);
  });

  it('checks the value a scope needs', () => {
    expect(scopeValueProblem('asset', '')).toBeUndefined();
    expect(scopeValueProblem('package', '')).toBe('Name the package.');
    expect(scopeValueProblem('cve', 'CVE-26-1')).toMatch(/CVE-2026-12345/);
    expect(scopeValueProblem('kb', 'KB5034441')).toBeUndefined();
    expect(scopeValueProblem('kb', '5034441')).toBeUndefined();
    expect(scopeValueProblem('kb', 'KB12')).toMatch(/KB5034441/);
    expect(scopeValueProblem('update', 'RHSA-2026:1234')).toBeUndefined();
  });
});

describe('remediationNote', () => {
  it('warns when the fix is planned after the expiry', () => {
    expect(remediationNote({ expiresOn: '2026-12-01', remediationOn: '2026-12-02' })).toMatch(/after the expiry/);
    expect(remediationNote({ expiresOn: '2026-12-01', remediationOn: '2026-11-20' })).toBeUndefined();
    expect(remediationNote({ expiresOn: '', remediationOn: '2026-11-20' })).toBeUndefined();
  });
});

describe('buildRenewRequest', () => {
  it('counts the limit from today and needs a reason', () => {
    expect(buildRenewRequest({ expiresOn: '2027-01-30', reason: ' still waiting on the vendor ' }, 4, RULES)).toEqual({ ok: true, request: { id: 4, expiresAt: '2027-01-30', reason: 'still waiting on the vendor' } });
    const refused = buildRenewRequest({ expiresOn: '2027-02-01', reason: '' }, 4, RULES);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.errors.expiresOn).toMatch(/at most 90 days/);
    expect(refused.errors.reason).toMatch(/still needed/);
  });
});

describe('buildCloseRequest', () => {
  it('needs a reason', () => {
    expect(buildCloseRequest('  ', 2)).toEqual({ ok: false, errors: { reason: expect.stringMatching(/why it ends/) } });
    expect(buildCloseRequest(' patched ', 2)).toEqual({ ok: true, request: { id: 2, reason: 'patched' } });
  });
});

describe('fieldErrorsFromIssues', () => {
  it('maps host paths onto the form fields, the rest to the form', () => {
    expect(
      fieldErrorsFromIssues([
        { path: 'expiresAt', message: 'too long' },
        { path: 'expiresAt', message: 'second message' },
        { path: 'scope.assetId', message: 'not in this site' },
        { path: 'scope.value', message: 'a cve exception names the cve' },
        { path: 'owner', message: 'must not be empty' },
        { path: 'siteId', message: 'unknown site' },
      ]),
    ).toEqual({ expiresOn: 'too long', assetId: 'not in this site', value: 'a cve exception names the cve', owner: 'must not be empty', form: 'unknown site' });
  });
});
