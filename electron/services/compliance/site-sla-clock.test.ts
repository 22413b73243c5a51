import { afterEach, describe, expect, it } from 'vitest';
import type { Asset } from '../../../shared/contract/assets';
import type { Site } from '../../../shared/contract/sites';
import { ComplianceRepository } from '../../db/repositories/compliance.repository';
import { ExceptionsRepository } from '../../db/repositories/exceptions.repository';
import { removeTempDirs } from '../../test-support/temp-dir';
import { call, openTestCore } from '../../test-support/test-core';
import { SiteSlaClock, toPatchException } from './site-sla-clock';

afterEach(removeTempDirs);

describe('SiteSlaClock', () => {
  it('loads a site with its policy, zone and register, and counts the standing of what is missing', async () => {
    const core = openTestCore();
    const site = await call<Site>(core, 'sites:create', { name: 'Acme', timezone: 'Europe/Berlin' });
    const web = await call<Asset>(core, 'assets:create', { siteId: site.id, fields: { hostname: 'web1' } });
    const collection = (at: string, names: string[]) => ({
      collectedAt: at, method: 'offline-file' as const, platform: 'linux' as const, hostname: 'web1', os: { id: 'debian', name: 'Debian', version: '12', build: '' }, packageManager: 'apt', uptimeSeconds: 1, rebootRequired: false, rebootReason: '', lastPatchedAt: null, installedCount: 0, installed: [],
      pending: names.map((name) => ({ name, installedVersion: '1', availableVersion: '2', repository: 'security', security: true, cves: [], advisories: [], severity: 'critical', kind: 'upgrade' as const })), installedKbs: [], device: null, warnings: [],
    });
    // Unclassified: tier 2, critical: 14 days. openssl seen 1 Oct is overdue; curl seen 1 Nov is within.
    core.services.patchStatus.storeCollection(web.id, collection('2026-10-01T08:00:00.000Z', ['openssl']), null);
    core.services.patchStatus.storeCollection(web.id, collection('2026-11-01T08:00:00.000Z', ['openssl', 'curl']), null);
    const exception = await call<{ id: number }>(core, 'exceptions:create', { siteId: site.id, scope: { kind: 'package', value: 'curl' }, reason: 'r', owner: 'o', expiresAt: '2026-11-20' });

    const clock = new SiteSlaClock({ sites: core.services.sites, exceptions: new ExceptionsRepository(core.db), compliance: new ComplianceRepository(core.db) });
    const context = clock.context(site.id);
    expect(context).toMatchObject({ timeZone: 'Europe/Berlin', policy: { maxExceptionDays: 90 }, exceptions: [{ id: exception.id, scope: { kind: 'package', assetId: null, value: 'curl' } }] });
    expect(new Map([...clock.standings(context, new Map([[web.id, null]]), core.clock.now())].map(([id, own]) => [id, own.counts]))).toEqual(new Map([[web.id, { within: 0, due_soon: 0, overdue: 1, excepted: 1 }]]));
    expect(clock.standings(context, new Map(), core.clock.now()).size).toBe(0);
    expect(() => clock.context(99)).toThrow('site 99 does not exist');
    expect(toPatchException(new ExceptionsRepository(core.db).list(site.id)[0]!)).toEqual(context.exceptions[0]);
    await core.close();
  });
});
