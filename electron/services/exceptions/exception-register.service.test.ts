import { afterEach, describe, expect, it } from 'vitest';
import type { Asset } from '../../../shared/contract/assets';
import type { ExceptionRecord } from '../../../shared/contract/exceptions';
import type { Site } from '../../../shared/contract/sites';
import { removeTempDirs } from '../../test-support/temp-dir';
import { call, openTestCore } from '../../test-support/test-core';

afterEach(removeTempDirs);

async function setup() {
  const core = openTestCore();
  const site = await call<Site>(core, 'sites:create', { name: 'Acme', timezone: 'Europe/Berlin' });
  const asset = await call<Asset>(core, 'assets:create', { siteId: site.id, fields: { hostname: 'legacy-erp' } });
  return { core, site, asset };
}

const base = (siteId: number, assetId: number) => ({
  siteId,
  scope: { kind: 'asset' as const, assetId },
  reason: 'Vendor certifies only the current kernel; upgrade planned with the ERP migration',
  owner: 'Ana Ruiz',
  approver: 'CFO',
  compensatingControls: 'Isolated VLAN, no internet egress',
});

describe('ExceptionRegisterService', () => {
  it('refuses an exception without owner, or whose expiry is missing, past or beyond the policy maximum, saying why', async () => {
    const { core, site, asset } = await setup();
    const noOwner = await core.dispatcher.invoke('exceptions:create', { ...base(site.id, asset.id), owner: '', expiresAt: '2026-11-20' });
    expect(noOwner).toMatchObject({ ok: false, error: { code: 'bad_request', issues: expect.arrayContaining([expect.objectContaining({ path: 'owner' })]) } });
    const noExpiry = await core.dispatcher.invoke('exceptions:create', { ...base(site.id, asset.id) });
    expect(noExpiry).toMatchObject({ ok: false, error: { issues: expect.arrayContaining([expect.objectContaining({ path: 'expiresAt' })]) } });
    const past = await core.dispatcher.invoke('exceptions:create', { ...base(site.id, asset.id), expiresAt: '2026-10-01' });
    expect(past).toMatchObject({ ok: false, error: { message: expect.stringContaining('refused') } });
    const tooLong = await core.dispatcher.invoke('exceptions:create', { ...base(site.id, asset.id), expiresAt: '2027-06-01' });
    expect(tooLong).toMatchObject({ ok: false, error: { message: expect.stringMatching(/at most 90 days/) } });
    await core.close();
  });

  it('expires on its own, and keeps history when renewed or closed', async () => {
    const { core, site, asset } = await setup();
    const created = await call<ExceptionRecord>(core, 'exceptions:create', { ...base(site.id, asset.id), expiresAt: '2026-11-30' });
    expect(created).toMatchObject({ status: 'active', owner: 'Ana Ruiz', expiresAt: '2026-11-30T23:00:00.000Z', createdBy: 'tester' });
    core.clock.advance(30 * 86_400_000);
    expect((await call<ExceptionRecord[]>(core, 'exceptions:list', { siteId: site.id }))[0]).toMatchObject({ status: 'expired' });

    const again = await call<ExceptionRecord>(core, 'exceptions:create', { ...base(site.id, asset.id), expiresAt: '2027-01-30' });
    const renewed = await call<ExceptionRecord>(core, 'exceptions:renew', { id: again.id, expiresAt: '2027-02-28', reason: 'Migration slipped by a month; CFO re-approved' });
    expect(renewed).toMatchObject({ renewsId: again.id, status: 'active' });
    const register = await call<ExceptionRecord[]>(core, 'exceptions:list', { siteId: site.id });
    expect(register.map((entry) => entry.status).sort()).toEqual(['active', 'expired', 'renewed']);
    const closed = await call<ExceptionRecord>(core, 'exceptions:close', { id: renewed.id, reason: 'Patched during the migration' });
    expect(closed).toMatchObject({ status: 'closed', closeReason: 'Patched during the migration' });
    expect(core.audit.listForEntity('exception', renewed.id).map((entry) => entry.action)).toEqual(['exception-closed', 'exception-renewed']);
    await core.close();
  });
});
