import { describe, expect, it } from 'vitest';
import { DEFAULT_PATCH_POLICY } from '../../../../shared/domain/patch-policy';
import { formToPolicy, policyToForm, policyWarnings, validatePolicyForm } from './policy-form-model';

describe('policy form', () => {
  it('round-trips the default policy and accepts it', () => {
    const form = policyToForm(DEFAULT_PATCH_POLICY);
    expect(formToPolicy(form)).toEqual(DEFAULT_PATCH_POLICY);
    expect(validatePolicyForm(form)).toEqual({});
  });

  it('reports bad cells by tier and severity', () => {
    const form = policyToForm(DEFAULT_PATCH_POLICY);
    form.slaDays['2'].high = 'soon';
    form.slaDays['1'].low = '0';
    form.maxExceptionDays = '1000';
    const errors = validatePolicyForm(form);
    expect(errors['sla.2.high']).toBe('a whole number of days');
    expect(errors['sla.1.low']).toBe('at least 1 day');
    expect(errors.maxExceptionDays).toBeDefined();
  });

  it('checks the freshness limit of a measurement', () => {
    const form = policyToForm(DEFAULT_PATCH_POLICY);
    expect(form.freshnessDays).toBe('7');
    form.freshnessDays = '0';
    expect(validatePolicyForm(form).freshnessDays).toBe('at least 1 day');
    form.freshnessDays = '91';
    expect(validatePolicyForm(form).freshnessDays).toBe('at most 90 days');
    form.freshnessDays = 'weekly';
    expect(validatePolicyForm(form).freshnessDays).toBe('a whole number of days');
    form.freshnessDays = '14';
    expect(validatePolicyForm(form)).toEqual({});
    expect(formToPolicy(form).freshnessDays).toBe(14);
  });

  it('edits the feed age limits, each kind checked on its own', () => {
    const form = policyToForm(DEFAULT_PATCH_POLICY);
    expect(form.feedAgeLimitDays).toEqual({ kev: '7', epss: '7', nvd: '30', osv: '30', 'debian-tracker': '30', msrc: '45' });
    form.feedAgeLimitDays.kev = '0';
    form.feedAgeLimitDays['debian-tracker'] = 'monthly';
    expect(validatePolicyForm(form)).toEqual({ 'feedAge.kev': 'at least 1 day', 'feedAge.debian-tracker': 'a whole number of days' });
    form.feedAgeLimitDays.kev = '3';
    form.feedAgeLimitDays['debian-tracker'] = '14';
    expect(validatePolicyForm(form)).toEqual({});
    expect(formToPolicy(form).feedAgeLimitDays).toMatchObject({ kev: 3, 'debian-tracker': 14, epss: 7 });
  });

  it('flags a lower tier with a shorter SLA than the tier above', () => {
    const form = policyToForm(DEFAULT_PATCH_POLICY);
    form.slaDays['3'].critical = '10';
    expect(policyWarnings(form)).toEqual({ 'sla.3.critical': 'shorter than tier 2 (14 d)' });
    expect(validatePolicyForm(form)).toEqual({});
  });
});

describe('policy form KEV rules', () => {
  it('round-trips the rules and keys their problems by scope', () => {
    const form = policyToForm(DEFAULT_PATCH_POLICY);
    expect(form.kevRules.internet_facing).toEqual({ enabled: true, days: '7', cisaDueDate: true });
    expect(form.kevRules.all).toEqual({ enabled: true, days: '', cisaDueDate: true });
    form.kevRules.internet_facing = { enabled: true, days: '3', cisaDueDate: false };
    expect(formToPolicy(form).kevRules[0]).toEqual({ appliesTo: 'internet_facing', days: 3, cisaDueDate: false });
    form.kevRules.all = { enabled: true, days: '', cisaDueDate: false };
    expect(validatePolicyForm(form)['kev.all']).toContain('sets no deadline');
    form.kevRules.all.enabled = false;
    expect(validatePolicyForm(form)).toEqual({});
    expect(formToPolicy(form).kevRules).toHaveLength(1);
    form.kevRules.internet_facing.days = 'x';
    expect(validatePolicyForm(form)['kev.internet_facing']).toBeDefined();
  });
});
