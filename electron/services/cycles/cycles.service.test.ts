import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Asset } from '../../../shared/contract/assets';
import type { AssetRing, ChecklistTemplate, CycleDetail, CycleSettings, CycleSummary, LateCycleItem, MaintenanceWindows } from '../../../shared/contract/cycles';
import type { HostCollection } from '../../../shared/contract/patch-status';
import type { Site } from '../../../shared/contract/sites';
import { PatchStatusRepository } from '../../db/repositories/patch-status.repository';
import { removeTempDirs } from '../../test-support/temp-dir';
import { call, openTestCore } from '../../test-support/test-core';

afterEach(removeTempDirs);

const DAY = 86_400_000;

async function setup() {
  const core = openTestCore();
  const site = await call<Site>(core, 'sites:create', { name: 'Acme', timezone: 'Europe/Berlin' });
  const web = await call<Asset>(core, 'assets:create', { siteId: site.id, fields: { hostname: 'web01', deviceType: 'server', osFamily: 'linux' } });
  const esx = await call<Asset>(core, 'assets:create', { siteId: site.id, fields: { hostname: 'esx01', deviceType: 'server', osName: 'VMware ESXi 8.0' } });
  const fw = await call<Asset>(core, 'assets:create', { siteId: site.id, fields: { hostname: 'fw01', deviceType: 'network-device', osFamily: 'network-os' } });
  return { core, site, web, esx, fw };
}

function collection(at: string): HostCollection {
  return {
    collectedAt: at,
    method: 'offline-file',
    platform: 'linux',
    hostname: 'web01',
    os: { id: 'debian', name: 'Debian GNU/Linux 12 (bookworm)', version: '12', build: '6.1.0-28-amd64' },
    packageManager: 'apt',
    uptimeSeconds: 100,
    rebootRequired: false,
    rebootReason: '',
    lastPatchedAt: null,
    installedCount: 0,
    installed: [],
    pending: [],
    installedKbs: [],
    device: null,
    warnings: [],
  };
}

describe('CyclesService: baseline cycles', () => {
  it('opens the current month anchored on the second Tuesday, with the practice as its checklist, once', async () => {
    const { core, site } = await setup();
    const cycle = await call<CycleDetail>(core, 'cycles:openBaseline', { siteId: site.id });
    expect(cycle).toMatchObject({ kind: 'baseline', status: 'open', month: '2026-11', title: 'Baseline 2026-11', anchorDate: '2026-11-10', period: { from: '2026-11-09T23:00:00.000Z', to: '2026-12-07T23:00:00.000Z' }, openedBy: 'tester' });
    expect(cycle.items.map((item) => `${item.key} ${item.dueDate}`)).toEqual([
      'inventory-refresh 2026-11-09',
      'review-approve 2026-11-10',
      'test-ring 2026-11-11',
      'pilot-ring 2026-11-13',
      'broad-deployment 2026-11-17',
      'verification-rescan 2026-11-18',
      'compliance-report 2026-11-20',
      'weekly-review 2026-11-24',
    ]);
    expect(cycle.items[0]).toMatchObject({ dueBy: '2026-11-09T23:00:00.000Z', state: 'pending', late: false });
    expect(cycle.progress).toEqual({ total: 8, done: 0, notApplicable: 0, pending: 8, late: 0, percent: 0 });
    expect(cycle.nextDue).toEqual({ key: 'inventory-refresh', title: 'Inventory refreshed', dueDate: '2026-11-09' });

    const again = await core.dispatcher.invoke('cycles:openBaseline', { siteId: site.id, month: '2026-11' });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict', message: `the 2026-11 baseline cycle of "Acme" already exists (cycle ${cycle.id}, open)` } });
    expect(await core.dispatcher.invoke('cycles:openBaseline', { siteId: site.id, month: '2027-01' })).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringContaining('at most 1 month ahead') } });
    expect(await core.dispatcher.invoke('cycles:openBaseline', { siteId: site.id, month: '2026-13' })).toMatchObject({ ok: false, error: { code: 'bad_request', issues: [{ path: 'month' }] } });
    const december = await call<CycleDetail>(core, 'cycles:openBaseline', { siteId: site.id, month: '2026-12' });
    expect(december).toMatchObject({ anchorDate: '2026-12-08', period: { to: '2027-01-11T23:00:00.000Z' } });
    expect((await call<CycleSummary[]>(core, 'cycles:list', { siteId: site.id })).map((each) => each.month)).toEqual(['2026-12', '2026-11']);
    expect(core.audit.listForEntity('cycle', cycle.id).map((entry) => entry.action)).toEqual(['cycle-opened']);
    await core.close();
  });

  it('scopes the cycle by cadence and ring: hypervisors quarterly, firmware twice a year', async () => {
    const { core, site, web, esx, fw } = await setup();
    expect(await call(core, 'cycles:setRings', { siteId: site.id, assetIds: [web.id], ring: 'pilot' })).toEqual({ updated: 1 });
    const rings = await call<AssetRing[]>(core, 'cycles:rings', { siteId: site.id });
    expect(rings).toEqual([
      { assetId: web.id, name: 'web01', ring: 'pilot', assigned: true, assetClass: 'os-and-apps', cadence: 'monthly' },
      { assetId: esx.id, name: 'esx01', ring: 'broad', assigned: false, assetClass: 'hypervisor', cadence: 'quarterly' },
      { assetId: fw.id, name: 'fw01', ring: 'broad', assigned: false, assetClass: 'firmware', cadence: 'semiannual' },
    ]);
    const november = await call<CycleDetail>(core, 'cycles:openBaseline', { siteId: site.id });
    expect(november.scope.map((asset) => [asset.name, asset.ring, asset.due])).toEqual([['web01', 'pilot', true], ['esx01', 'broad', false], ['fw01', 'broad', false]]);

    await call(core, 'cycles:updateSettings', { siteId: site.id, changes: { cadenceStartMonth: 2 } });
    const changed = await call<CycleDetail>(core, 'cycles:get', { cycleId: november.id });
    expect(changed.scope.map((asset) => [asset.name, asset.due])).toEqual([['web01', true], ['esx01', true], ['fw01', false]]);
    expect(await core.dispatcher.invoke('cycles:setRings', { siteId: site.id, assetIds: [web.id, 999], ring: 'test' })).toMatchObject({ ok: false, error: { code: 'bad_request', issues: [{ path: 'assetIds.1' }] } });
    await call(core, 'cycles:setRings', { siteId: site.id, assetIds: [web.id], ring: null });
    expect((await call<AssetRing[]>(core, 'cycles:rings', { siteId: site.id }))[0]).toMatchObject({ ring: 'broad', assigned: false });
    await core.close();
  });

  it('uses the site settings and template for new cycles only', async () => {
    const { core, site } = await setup();
    const november = await call<CycleDetail>(core, 'cycles:openBaseline', { siteId: site.id });
    const settings = await call<CycleSettings>(core, 'cycles:updateSettings', { siteId: site.id, changes: { anchor: { weekday: 'tue', nth: 2, offsetDays: 4 } } });
    expect(settings).toMatchObject({ anchorLabel: 'second Tuesday + 4 days', upcomingAnchors: [{ month: '2026-11', anchorDate: '2026-11-14' }, { month: '2026-12', anchorDate: '2026-12-12' }, { month: '2027-01', anchorDate: '2027-01-16' }], updatedBy: 'tester' });

    const refused = await core.dispatcher.invoke('cycles:updateTemplate', { siteId: site.id, kind: 'baseline', items: [{ key: 'patch', title: 'Patch', dueOffsetDays: 0 }, { key: 'patch', title: 'Again', dueOffsetDays: 1 }] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'bad_request', issues: [{ path: 'items.1.key', message: 'the key "patch" is used twice' }] } });
    const template = await call<ChecklistTemplate>(core, 'cycles:updateTemplate', { siteId: site.id, kind: 'baseline', items: [{ key: 'patch', title: 'Patch everything', dueOffsetDays: 0, kind: 'deploy' }, { key: 'check', title: 'Check', dueOffsetDays: 2, kind: 'rescan' }] });
    expect(template).toMatchObject({ isDefault: false, items: [{ key: 'patch', description: '', kind: 'deploy', dueFrom: 'anchor' }, { key: 'check' }] });
    const december = await call<CycleDetail>(core, 'cycles:openBaseline', { siteId: site.id, month: '2026-12' });
    expect(december.items.map((item) => `${item.key} ${item.dueDate}`)).toEqual(['patch 2026-12-12', 'check 2026-12-14']);
    expect((await call<CycleDetail>(core, 'cycles:get', { cycleId: november.id })).items).toHaveLength(8);
    expect(await call<ChecklistTemplate>(core, 'cycles:updateTemplate', { siteId: site.id, kind: 'baseline', items: null })).toMatchObject({ isDefault: true, items: expect.arrayContaining([expect.objectContaining({ key: 'weekly-review' })]) });
    expect(await call<ChecklistTemplate>(core, 'cycles:template', { siteId: site.id, kind: 'emergency' })).toMatchObject({ isDefault: true, updatedAt: null });
    await core.close();
  });
});

describe('CyclesService: the checklist', () => {
  it('records who did each item, when, with a note and evidence; refuses a second tick until reopened, keeping history', async () => {
    const { core, site } = await setup();
    const cycle = await call<CycleDetail>(core, 'cycles:openBaseline', { siteId: site.id });
    const report = Buffer.from('inventory export 2026-11-02');
    const ticked = await call<CycleDetail>(core, 'cycles:tick', {
      cycleId: cycle.id,
      key: 'inventory-refresh',
      state: 'done',
      note: 'Scanned both VLANs',
      doneBy: 'Ana Ruiz',
      doneAt: '2026-11-01T16:00:00+01:00',
      evidence: [{ kind: 'link', url: 'https://tickets.example.com/T-1234' }, { kind: 'file', name: 'inventory.csv', contentBase64: report.toString('base64') }],
    });
    const item = ticked.items[0]!;
    expect(item).toMatchObject({ state: 'done', doneBy: 'Ana Ruiz', doneAt: '2026-11-01T15:00:00.000Z', recordedBy: 'tester', recordedAt: '2026-11-02T09:00:00.000Z', note: 'Scanned both VLANs', late: false, doneLate: false });
    expect(item.evidence).toEqual([{ kind: 'link', url: 'https://tickets.example.com/T-1234', name: '' }, { kind: 'file', name: 'inventory.csv', sha256: expect.stringMatching(/^[0-9a-f]{64}$/), size: report.length }]);
    const file = item.evidence[1];
    expect(file?.kind === 'file' && existsSync(core.services.cycles.evidenceFilePath(file.sha256))).toBe(true);
    expect(ticked.progress).toMatchObject({ done: 1, percent: 12 });

    expect(await core.dispatcher.invoke('cycles:tick', { cycleId: cycle.id, key: 'inventory-refresh', state: 'done' })).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('already done (by Ana Ruiz, 2026-11-01T15:00:00.000Z); reopen it first') } });
    const reopened = await call<CycleDetail>(core, 'cycles:reopenItem', { cycleId: cycle.id, key: 'inventory-refresh', reason: 'The scan missed the guest VLAN' });
    expect(reopened.items[0]).toMatchObject({ state: 'pending', doneBy: '', evidence: [], history: [{ action: 'done', doneBy: 'Ana Ruiz' }, { action: 'reopened', note: 'The scan missed the guest VLAN', actor: 'tester' }] });
    expect(core.audit.listForEntity('cycle', cycle.id).map((entry) => entry.action)).toEqual(['cycle-item-reopened', 'cycle-item-done', 'cycle-opened']);
    await core.close();
  });

  it('needs a reason for not applicable, a real item, a past time, and a safe link', async () => {
    const { core, site } = await setup();
    const cycle = await call<CycleDetail>(core, 'cycles:openBaseline', { siteId: site.id });
    expect(await core.dispatcher.invoke('cycles:tick', { cycleId: cycle.id, key: 'pilot-ring', state: 'not_applicable' })).toMatchObject({ ok: false, error: { code: 'bad_request', issues: [{ path: 'note', message: 'say why the item does not apply' }] } });
    const skipped = await call<CycleDetail>(core, 'cycles:tick', { cycleId: cycle.id, key: 'pilot-ring', state: 'not_applicable', note: 'Only three hosts: no pilot group' });
    expect(skipped.items.find((item) => item.key === 'pilot-ring')).toMatchObject({ state: 'not_applicable', note: 'Only three hosts: no pilot group' });
    expect(await core.dispatcher.invoke('cycles:tick', { cycleId: cycle.id, key: 'nope', state: 'done' })).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringContaining('has no item "nope" (items: inventory-refresh, review-approve') } });
    expect(await core.dispatcher.invoke('cycles:tick', { cycleId: cycle.id, key: 'test-ring', state: 'done', doneAt: '2026-11-03T00:00:00Z' })).toMatchObject({ ok: false, error: { issues: [{ path: 'doneAt' }] } });
    expect(await core.dispatcher.invoke('cycles:tick', { cycleId: cycle.id, key: 'test-ring', state: 'done', evidence: [{ kind: 'link', url: 'https://admin:secret@wsus.example.com/report' }] })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('must not carry a user name or password') },
    });
    expect(JSON.stringify(core.audit.listForEntity('cycle', cycle.id))).not.toContain('secret');
    expect(await core.dispatcher.invoke('cycles:tick', { cycleId: cycle.id, key: 'test-ring', state: 'done', evidence: [{ kind: 'file', name: 'x.txt', contentBase64: '' }] })).toMatchObject({ ok: false, error: { message: 'the evidence file "x.txt" is empty' } });
    await core.close();
  });

  it('shows late items for the dashboard, in the site zone, and counts work done late', async () => {
    const { core, site } = await setup();
    const cycle = await call<CycleDetail>(core, 'cycles:openBaseline', { siteId: site.id });
    expect(await call<LateCycleItem[]>(core, 'cycles:late', { siteId: site.id })).toEqual([]);
    const lateAt = await call<LateCycleItem[]>(core, 'cycles:late', { siteId: site.id, at: '2026-11-11T23:00:00Z' });
    expect(lateAt).toEqual([
      { cycleId: cycle.id, cycleTitle: 'Baseline 2026-11', cycleKind: 'baseline', key: 'inventory-refresh', title: 'Inventory refreshed', dueDate: '2026-11-09', dueBy: '2026-11-09T23:00:00.000Z', daysLate: 2 },
      { cycleId: cycle.id, cycleTitle: 'Baseline 2026-11', cycleKind: 'baseline', key: 'review-approve', title: 'Updates reviewed and approved', dueDate: '2026-11-10', dueBy: '2026-11-10T23:00:00.000Z', daysLate: 1 },
      { cycleId: cycle.id, cycleTitle: 'Baseline 2026-11', cycleKind: 'baseline', key: 'test-ring', title: 'Test ring patched', dueDate: '2026-11-11', dueBy: '2026-11-11T23:00:00.000Z', daysLate: 0 },
    ]);
    core.clock.advance(9 * DAY);
    const done = await call<CycleDetail>(core, 'cycles:tick', { cycleId: cycle.id, key: 'inventory-refresh', state: 'done' });
    expect(done.items[0]).toMatchObject({ late: false, doneLate: true });
    expect(done.items.map((item) => item.late)).toEqual([false, true, false, false, false, false, false, false]);
    expect(done.progress.late).toBe(1);
    expect((await call<CycleSummary[]>(core, 'cycles:list', { siteId: site.id, status: 'open' }))[0]?.progress.late).toBe(1);
    await core.close();
  });

  it('verifies the rescan by the collections made during the cycle, or by attached evidence', async () => {
    const { core, site, web } = await setup();
    const cycle = await call<CycleDetail>(core, 'cycles:openBaseline', { siteId: site.id });
    const refused = await core.dispatcher.invoke('cycles:tick', { cycleId: cycle.id, key: 'verification-rescan', state: 'done' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringContaining('"Verification rescan" needs proof: no host of "Acme" was collected since 2026-11-09T23:00:00.000Z') } });

    const patchStatus = new PatchStatusRepository(core.db);
    patchStatus.recordSuccess(web.id, null, collection('2026-11-05T10:00:00Z'));
    expect((await call<CycleDetail>(core, 'cycles:get', { cycleId: cycle.id })).rescan.hostsCollected).toBe(0);
    core.clock.advance(16 * DAY);
    const runId = patchStatus.startRun(site.id, 1, {}, '2026-11-18T07:00:00.000Z');
    patchStatus.recordSuccess(web.id, runId, collection('2026-11-18T08:05:00+01:00'));
    patchStatus.finishRun(runId, 'completed', { ok: 1, failed: 0 }, '2026-11-18T07:10:00.000Z');
    const ticked = await call<CycleDetail>(core, 'cycles:tick', { cycleId: cycle.id, key: 'verification-rescan', state: 'done', note: 'All due hosts current' });
    const rescan = { hostsCollected: 1, hostsFailed: 0, dueHosts: 1, dueHostsCollected: 1, lastCollectedAt: '2026-11-18T07:05:00.000Z', runs: [{ id: runId, status: 'completed', hostsOk: 1 }] };
    expect(ticked.rescan).toMatchObject(rescan);
    expect(ticked.items.find((item) => item.key === 'verification-rescan')).toMatchObject({ state: 'done', rescan, doneLate: false });
    expect(ticked.verifiedAt).toBe('2026-11-18T09:00:00.000Z');
    await core.close();
  });

  it('closes only when every item is finished, unless forced with a note; a closed cycle is read-only', async () => {
    const { core, site } = await setup();
    const cycle = await call<CycleDetail>(core, 'cycles:openBaseline', { siteId: site.id });
    expect(await core.dispatcher.invoke('cycles:close', { cycleId: cycle.id })).toMatchObject({ ok: false, error: { code: 'needs_confirmation', message: expect.stringContaining('still has 8 pending items (inventory-refresh,') } });
    expect(await core.dispatcher.invoke('cycles:close', { cycleId: cycle.id, force: true })).toMatchObject({ ok: false, error: { code: 'bad_request', issues: [{ path: 'note' }] } });
    core.clock.advance(30 * DAY);
    const closed = await call<CycleDetail>(core, 'cycles:close', { cycleId: cycle.id, force: true, note: 'Client paused patching for the audit' });
    expect(closed).toMatchObject({ status: 'closed', closedAt: '2026-12-02T09:00:00.000Z', closedBy: 'tester', closeNote: 'Client paused patching for the audit', progress: { pending: 8, late: 8 } });
    expect(await core.dispatcher.invoke('cycles:tick', { cycleId: cycle.id, key: 'review-approve', state: 'done' })).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('was closed on 2026-12-02') } });
    expect(await call<LateCycleItem[]>(core, 'cycles:late', { siteId: site.id })).toEqual([]);
    expect(core.audit.listForEntity('cycle', cycle.id)[0]).toMatchObject({ action: 'cycle-closed', details: { forced: true, pending: expect.arrayContaining(['weekly-review']) } });
    await core.close();
  });
});

describe('CyclesService: emergency cycles', () => {
  it('opens for a CVE with a reason and a deadline, on the named assets, with triage and re-test times', async () => {
    const { core, site, web } = await setup();
    const opened = await call<CycleDetail>(core, 'cycles:openEmergency', { siteId: site.id, trigger: 'cve-2026-40321', reason: 'Exploited in the wild (CISA KEV)', deadline: '2026-11-04', assetIds: [web.id] });
    expect(opened).toMatchObject({ kind: 'emergency', title: 'Emergency: CVE-2026-40321', trigger: { kind: 'cve', ref: 'CVE-2026-40321' }, deadline: '2026-11-04T23:00:00.000Z', anchorDate: '2026-11-02', month: null, period: { from: '2026-11-02T09:00:00.000Z', to: null }, overdue: false });
    expect(opened.items.map((item) => `${item.key} ${item.dueDate}`)).toEqual(['triage 2026-11-02', 'test 2026-11-03', 'deploy 2026-11-04', 'retest 2026-11-04', 'close-out 2026-11-06']);
    expect(opened.scope).toEqual([expect.objectContaining({ assetId: web.id, due: true })]);
    expect(await core.dispatcher.invoke('cycles:openEmergency', { siteId: site.id, trigger: 'CVE-2026-40321', reason: 'again', deadline: '2026-11-05' })).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining(`already open in "Acme" (cycle ${opened.id})`) } });

    core.clock.advance(2 * 3_600_000);
    await call(core, 'cycles:tick', { cycleId: opened.id, key: 'triage', state: 'done', note: 'Only web01 runs the affected sshd' });
    core.clock.advance(3 * DAY);
    const overdue = await call<CycleDetail>(core, 'cycles:tick', { cycleId: opened.id, key: 'retest', state: 'done', evidence: [{ kind: 'link', url: 'https://scanner.example.com/scan/77' }] });
    expect(overdue).toMatchObject({ triagedAt: '2026-11-02T11:00:00.000Z', verifiedAt: '2026-11-05T11:00:00.000Z', deployedAt: null, overdue: true });
    const closed = await call<CycleDetail>(core, 'cycles:close', { cycleId: opened.id, force: true, note: 'Deployed by hand, recorded late' });
    expect(closed).toMatchObject({ overdue: false, period: { to: '2026-11-05T11:00:00.000Z' } });
    await core.close();
  });

  it('refuses an unknown trigger, a past or far deadline, and assets of another site, naming the field', async () => {
    const { core, site } = await setup();
    const other = await call<Site>(core, 'sites:create', { name: 'Other' });
    const stranger = await call<Asset>(core, 'assets:create', { siteId: other.id, fields: { hostname: 'x1' } });
    const base = { siteId: site.id, trigger: 'KB5034441', reason: 'Out-of-band fix for a wormable bug', deadline: '2026-11-06' };
    expect(await core.dispatcher.invoke('cycles:openEmergency', { ...base, trigger: 'log4j please' })).toMatchObject({ ok: false, error: { issues: [{ path: 'trigger' }] } });
    expect(await core.dispatcher.invoke('cycles:openEmergency', { ...base, deadline: '2026-11-01' })).toMatchObject({ ok: false, error: { message: 'the deadline 2026-11-01T23:00:00.000Z has already passed' } });
    expect(await core.dispatcher.invoke('cycles:openEmergency', { ...base, deadline: '2028-11-01' })).toMatchObject({ ok: false, error: { issues: [{ path: 'deadline', message: 'too far away' }] } });
    expect(await core.dispatcher.invoke('cycles:openEmergency', { ...base, deadline: '2026-02-30' })).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringContaining('"2026-02-30" is not a date') } });
    expect(await core.dispatcher.invoke('cycles:openEmergency', { ...base, assetIds: [stranger.id] })).toMatchObject({ ok: false, error: { issues: [{ path: 'assetIds.0' }] } });
    const opened = await call<CycleDetail>(core, 'cycles:openEmergency', { ...base, deadline: '2026-11-06T12:00:00Z' });
    expect(opened).toMatchObject({ trigger: { kind: 'kb', ref: 'KB5034441' }, scope: [{ name: 'esx01' }, { name: 'fw01' }, { name: 'web01' }] });
    await core.close();
  });
});

describe('CyclesService: maintenance windows', () => {
  it('stores windows per site and ring in the site zone and gives each ring its next window', async () => {
    const { core, site } = await setup();
    const windows = await call<MaintenanceWindows>(core, 'cycles:setWindows', {
      siteId: site.id,
      windows: [
        { label: 'Saturday night', weekdays: ['sat'], start: '22:00', durationMinutes: 240 },
        { ring: 'test', weekdays: ['wed', 'wed'], start: '12:00', durationMinutes: 60 },
      ],
    });
    expect(windows).toMatchObject({ timezone: 'Europe/Berlin', windows: [{ ring: null, label: 'Saturday night', next: { from: '2026-11-07T21:00:00.000Z', to: '2026-11-08T01:00:00.000Z' } }, { ring: 'test', weekdays: ['wed'] }] });
    expect(windows.nextByRing).toEqual([
      { ring: 'test', from: '2026-11-04T11:00:00.000Z', to: '2026-11-04T12:00:00.000Z' },
      { ring: 'pilot', from: '2026-11-07T21:00:00.000Z', to: '2026-11-08T01:00:00.000Z' },
      { ring: 'broad', from: '2026-11-07T21:00:00.000Z', to: '2026-11-08T01:00:00.000Z' },
    ]);
    expect(await core.dispatcher.invoke('cycles:setWindows', { siteId: site.id, windows: [{ weekdays: [], start: '25:00', durationMinutes: 0 }] })).toMatchObject({
      ok: false,
      error: { issues: [{ path: 'windows.0.weekdays' }, { path: 'windows.0.start', message: '"25:00" is not a time as HH:MM (24-hour)' }, { path: 'windows.0.durationMinutes' }] },
    });
    expect((await call<MaintenanceWindows>(core, 'cycles:setWindows', { siteId: site.id, windows: [] })).nextByRing[0]).toEqual({ ring: 'test', from: null, to: null });
    expect(core.audit.verifyChain()).toBeNull();
    await core.close();
  });
});
