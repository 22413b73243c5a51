import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Asset } from '../../../../shared/contract/assets';
import type { CycleDetail } from '../../../../shared/contract/cycles';
import type { AssetPatchDetail, FleetStatus, HostCollection } from '../../../../shared/contract/patch-status';
import type { Site } from '../../../../shared/contract/sites';
import type { SiteVulnerabilities, TriageResult } from '../../../../shared/contract/triage';
import { removeTempDirs } from '../../../test-support/temp-dir';
import { call, openTestCore } from '../../../test-support/test-core';

afterEach(removeTempDirs);

const FIXTURES = new URL('../feeds/parsers/fixtures/', import.meta.url);
const BULLSEYE = { id: 'debian', name: 'Debian GNU/Linux 11 (bullseye)', version: '11', build: '5.10.0-28-amd64' };

function collection(at: string, installed: HostCollection['installed'], pending: HostCollection['pending'], os: HostCollection['os'] = BULLSEYE): HostCollection {
  return { collectedAt: at, method: 'offline-file', platform: 'linux', hostname: '', os, packageManager: os.id === 'debian' ? 'apt' : 'dnf', uptimeSeconds: 1, rebootRequired: false, rebootReason: '', lastPatchedAt: null, installedCount: installed.length, installed, pending, installedKbs: [], device: null, warnings: [] };
}

const ds = (version: string) => [{ name: '389-ds-base', arch: 'amd64', version, sourceName: '389-ds-base', sourceVersion: version, status: 'installed' }];
const dsUpdate = { name: '389-ds-base', arch: 'amd64', installedVersion: '1.3.5.10-1', availableVersion: '1.3.5.15-1', repository: 'Debian-Security:11/oldstable-security', security: true, cves: [], advisories: [], kind: 'upgrade' as const };

async function importSample(core: Awaited<ReturnType<typeof setup>>['core'], name: string, text?: string) {
  const bytes = text === undefined ? readFileSync(new URL(name, FIXTURES)) : Buffer.from(text);
  return call(core, 'intel:import', { fileName: name, base64: bytes.toString('base64') });
}

async function setup() {
  const core = openTestCore();
  const site = await call<Site>(core, 'sites:create', { name: 'Acme', timezone: 'Europe/Berlin' });
  const make = (hostname: string) => call<Asset>(core, 'assets:create', { siteId: site.id, fields: { hostname } });
  const ldap = await make('ldap1');
  const ldapOld = await make('ldap-old');
  const ldapNew = await make('ldap-new');
  const never = await make('printer');
  const rocky = await make('rocky1');
  await call(core, 'tiers:classify', { assetIds: [ldap.id], classification: { impact: 'moderate', internetFacing: true, privilegedData: false, untrustedReachable: false } });
  core.services.patchStatus.storeCollection(ldap.id, collection('2026-10-30T08:00:00.000Z', ds('1.3.5.10-1'), [dsUpdate]), null);
  core.services.patchStatus.storeCollection(ldapOld.id, collection('2026-10-30T08:00:00.000Z', ds('1.3.5.10-1'), []), null);
  core.services.patchStatus.storeCollection(ldapNew.id, collection('2026-10-20T08:00:00.000Z', ds('1.3.5.10-1'), [dsUpdate]), null);
  core.services.patchStatus.storeCollection(ldapNew.id, collection('2026-10-30T08:00:00.000Z', ds('1.3.5.15-1'), []), null);
  core.services.patchStatus.storeCollection(rocky.id, collection('2026-10-30T08:00:00.000Z', [], [], { id: 'rocky', name: 'Rocky Linux 9.3', version: '9.3', build: '' }), null);
  await importSample(core, 'debian-security-tracker-json_sample.json');
  return { core, site, ldap, ldapOld, ldapNew, never, rocky };
}

/** The sample KEV catalogue with its one entry moved to the tracker sample's CVE (same format, same fields). */
function kevFor(cve: string): string {
  return readFileSync(new URL('cisa_kev_2022-08-18_one-entry.json', FIXTURES), 'utf8').replace('CVE-2022-21971', cve);
}

describe('TriageService on the real Debian tracker and KEV samples', () => {
  it('answers for every asset: fix pending, not offered, fixed and when, and what is unknown', async () => {
    const { core, site, ldap, ldapOld, ldapNew, never, rocky } = await setup();
    const result = await call<TriageResult>(core, 'triage:run', { siteId: site.id, id: 'cve-2016-5405' });
    expect(result.query).toEqual({ kind: 'cve', ref: 'CVE-2016-5405' });
    expect(result.assets.map((row) => [row.hostname, row.state, row.fixedAt])).toEqual([
      ['ldap1', 'fix_pending', null],
      ['ldap-old', 'fix_not_offered', null],
      ['ldap-new', 'fixed', '2026-10-30T08:00:00.000Z'],
    ]);
    const first = result.assets[0]!;
    expect(first.packages).toEqual([{ cve: 'CVE-2016-5405', package: '389-ds-base', sourcePackage: '389-ds-base', installedVersion: '1.3.5.10-1', fixedVersion: '1.3.5.15-1', update: { id: expect.any(Number), name: '389-ds-base', availableVersion: '1.3.5.15-1', missingSince: '2026-10-30T08:00:00.000Z' }, source: 'debian-tracker', feedId: expect.any(Number) }]);
    expect(first.sla).toMatchObject({ deadlineRule: 'policy' });
    expect(first.internetFacing).toBe(true);
    expect(result.unknown.map((row) => [row.assetId, row.reason])).toEqual([
      [never.id, 'never_collected'],
      [rocky.id, 'no_data'],
    ]);
    expect(result.unknown[1]?.detail).toBe('Rocky Linux 9.3: no OSV rocky feed imported, and the package manager names no CVEs');
    expect(result.counts).toEqual({ inScope: 5, affected: 2, fixPending: 1, fixNotOffered: 1, noFix: 0, fixed: 1, excepted: 0, unknown: 2 });
    expect(result.summary).toBe('2 of 5 assets affected: 1 fix pending, 1 fix not offered; 1 fixed; 2 not known (not measured or no data)');
    expect(result.emergency).toMatchObject({ trigger: 'CVE-2016-5405', assetIds: [ldap.id, ldapOld.id], deadline: '2026-11-09' });
    expect(result.feeds.map((feed) => feed.kind)).toEqual(['debian-tracker']);
    expect([ldapNew.id]).toEqual(result.assets.filter((row) => row.state === 'fixed').map((row) => row.assetId));
    await core.close();
  });

  it('lists open issues as "no fix yet", and applies KEV everywhere: badge, reasons, and CISA due date when it is sooner than 7 days', async () => {
    const { core, site, ldap } = await setup();
    const open = await call<TriageResult>(core, 'triage:run', { siteId: site.id, id: 'CVE-2016-5416' });
    expect(open.assets.map((row) => [row.hostname, row.state])).toEqual([
      ['ldap1', 'no_fix'],
      ['ldap-new', 'no_fix'],
      ['ldap-old', 'no_fix'],
    ]);
    await importSample(core, 'kev.json', kevFor('CVE-2016-5405'));
    const kev = await call<TriageResult>(core, 'triage:run', { siteId: site.id, id: 'CVE-2016-5405' });
    expect(kev.cves[0]?.kev).toMatchObject({ dateAdded: '2022-08-18', dueDate: '2022-09-08', knownRansomware: false });
    expect(kev.assets[0]?.priority.class).toBe('kev');
    expect(kev.assets[0]?.priority.reasons[0]?.text).toBe('CVE-2016-5405 is known exploited (CISA KEV since 2022-08-18)');
    expect(kev.assets[0]?.sla).toEqual({ state: 'overdue', dueDate: '2022-09-08', deadlineRule: 'kev_cisa_due' });
    expect(kev.emergency.deadline).toBe('2026-11-03');
    expect(kev.feeds.map((feed) => feed.kind).sort()).toEqual(['debian-tracker', 'kev']);

    // The same deadline everywhere: the drawer, the fleet's overdue count and the compliance figures.
    const detail = await call<AssetPatchDetail>(core, 'status:asset', { assetId: ldap.id });
    expect(detail.pending[0]?.sla).toMatchObject({ state: 'overdue', dueDate: '2022-09-08' });
    const fleet = await call<FleetStatus>(core, 'status:fleet', { siteId: site.id });
    expect(fleet.assets.find((row) => row.assetId === ldap.id)?.overdue).toBe(1);

    const picture = await call<SiteVulnerabilities>(core, 'triage:site', { siteId: site.id });
    expect(picture.updates).toEqual([expect.objectContaining({ assetId: ldap.id, cves: ['CVE-2016-5405'], kev: true, kevDueDate: '2022-09-08', priorityClass: 'kev' })]);
    expect(picture.kevMissing).toEqual([expect.objectContaining({ cve: 'CVE-2016-5405', assetIds: expect.arrayContaining([ldap.id]), withoutFix: expect.any(Array) })]);
    expect(picture.kevMissing[0]?.assetIds).toHaveLength(2);
    await core.close();
  });

  it('shows an exception and its compensating controls, and opens the emergency cycle it drafts', async () => {
    const { core, site, ldapOld } = await setup();
    await call(core, 'exceptions:create', { siteId: site.id, scope: { kind: 'cve', value: 'CVE-2016-5405', assetId: ldapOld.id }, reason: 'Vendor appliance', owner: 'Ana', compensatingControls: 'LDAP port closed to all but the mail relay', expiresAt: '2026-12-01' });
    const result = await call<TriageResult>(core, 'triage:run', { siteId: site.id, id: 'CVE-2016-5405' });
    expect(result.assets.find((row) => row.assetId === ldapOld.id)?.exception).toMatchObject({ reason: 'Vendor appliance', compensatingControls: 'LDAP port closed to all but the mail relay' });
    expect(result.counts.excepted).toBe(1);
    const cycle = await call<CycleDetail>(core, 'cycles:openEmergency', { siteId: site.id, ...result.emergency });
    expect(cycle.trigger).toEqual({ kind: 'cve', ref: 'CVE-2016-5405' });
    expect(cycle.scope.map((asset) => asset.assetId).sort()).toEqual([...result.emergency.assetIds].sort());
    await core.close();
  });

  it('refuses what is not an id', async () => {
    const { core, site } = await setup();
    const result = await core.dispatcher.invoke('triage:run', { siteId: site.id, id: '!!' });
    expect(result).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    await core.close();
  });
});
