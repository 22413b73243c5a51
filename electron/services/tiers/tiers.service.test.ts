import { afterEach, describe, expect, it } from 'vitest';
import type { Asset } from '../../../shared/contract/assets';
import type { Site } from '../../../shared/contract/sites';
import { DEFAULT_PATCH_POLICY } from '../../../shared/domain/patch-policy';
import { removeTempDirs } from '../../test-support/temp-dir';
import { call, openTestCore } from '../../test-support/test-core';

afterEach(removeTempDirs);

describe('TiersService', () => {
  it('classifies in bulk, overrides with a kept reason and clears', async () => {
    const core = openTestCore();
    const site = await call<Site>(core, 'sites:create', { name: 'Acme' });
    const a = await call<Asset>(core, 'assets:create', { siteId: site.id, fields: { hostname: 'a' } });
    const b = await call<Asset>(core, 'assets:create', { siteId: site.id, fields: { hostname: 'b' } });
    await call(core, 'tiers:classify', { assetIds: [a.id, b.id], classification: { impact: 'moderate', internetFacing: true, privilegedData: false, untrustedReachable: false } });
    expect((await call<Asset>(core, 'assets:get', { id: a.id })).tier).toBe(1);
    await call(core, 'tiers:override', { action: 'set', assetIds: [b.id], tier: 3, reason: 'behind WAF; business accepts' });
    const overridden = await call<Asset>(core, 'assets:get', { id: b.id });
    expect(overridden).toMatchObject({ computedTier: 1, tier: 3, tierOverride: { tier: 3, reason: 'behind WAF; business accepts', by: 'tester' } });
    const noReason = await core.dispatcher.invoke('tiers:override', { action: 'set', assetIds: [b.id], tier: 2, reason: '' });
    expect(noReason).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringContaining('reason') } });
    await call(core, 'tiers:override', { action: 'clear', assetIds: [b.id], reason: 'WAF removed' });
    expect((await call<Asset>(core, 'assets:get', { id: b.id })).tier).toBe(1);
    await core.close();
  });

  it('keeps a policy per site and validates it', async () => {
    const core = openTestCore();
    const site = await call<Site>(core, 'sites:create', { name: 'Acme' });
    expect(await call(core, 'policy:get', { siteId: site.id })).toEqual(DEFAULT_PATCH_POLICY);
    const changed = { ...DEFAULT_PATCH_POLICY, maxExceptionDays: 60 };
    expect(await call(core, 'policy:update', { siteId: site.id, policy: changed })).toEqual(changed);
    const bad = await core.dispatcher.invoke('policy:update', { siteId: site.id, policy: { ...changed, slaDays: { ...changed.slaDays, '1': { ...changed.slaDays['1'], critical: 0 } } } });
    expect(bad).toMatchObject({ ok: false, error: { message: expect.stringContaining('policy.slaDays.1.critical') } });
    await core.close();
  });

  it('keeps KEV rules in the policy, refuses unreachable or empty ones naming the field, and audits the change', async () => {
    const core = openTestCore();
    const site = await call<Site>(core, 'sites:create', { name: 'Acme' });
    const kevRules = [{ appliesTo: 'internet_facing', days: 3, cisaDueDate: false }, { appliesTo: 'all', days: 30, cisaDueDate: true }];
    expect(await call(core, 'policy:update', { siteId: site.id, policy: { ...DEFAULT_PATCH_POLICY, kevRules } })).toMatchObject({ kevRules });
    const audit = core.audit.listForEntity('policy', site.id).find((row) => row.action === 'policy-changed');
    expect(audit?.details).toMatchObject({ before: { kevRules: DEFAULT_PATCH_POLICY.kevRules }, after: { kevRules } });
    const empty = await core.dispatcher.invoke('policy:update', { siteId: site.id, policy: { ...DEFAULT_PATCH_POLICY, kevRules: [{ appliesTo: 'all', days: null, cisaDueDate: false }] } });
    expect(empty).toMatchObject({ ok: false, error: { message: expect.stringContaining('policy.kevRules.0.cisaDueDate') } });
    expect(empty).toMatchObject({ ok: false, error: { message: expect.stringContaining('sets no deadline') } });
    const unreachable = await core.dispatcher.invoke('policy:update', { siteId: site.id, policy: { ...DEFAULT_PATCH_POLICY, kevRules: [...kevRules].reverse() } });
    expect(unreachable).toMatchObject({ ok: false, error: { message: expect.stringContaining('policy.kevRules.1.appliesTo') } });
    const negative = await core.dispatcher.invoke('policy:update', { siteId: site.id, policy: { ...DEFAULT_PATCH_POLICY, kevRules: [{ appliesTo: 'all', days: -1, cisaDueDate: true }] } });
    expect(negative).toMatchObject({ ok: false, error: { message: expect.stringContaining('policy.kevRules.0.days') } });
    expect(await call(core, 'policy:get', { siteId: site.id })).toMatchObject({ kevRules });
    expect(await call(core, 'policy:update', { siteId: site.id, policy: { ...DEFAULT_PATCH_POLICY, kevRules: [] } })).toMatchObject({ kevRules: [] });
    await core.close();
  });
});
