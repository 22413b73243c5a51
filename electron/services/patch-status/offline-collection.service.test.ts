import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Asset } from '../../../shared/contract/assets';
import type { ComplianceSummary } from '../../../shared/contract/compliance';
import type { AssetPatchDetail, FleetStatus } from '../../../shared/contract/patch-status';
import type { Site } from '../../../shared/contract/sites';
import type { PatchPolicy } from '../../../shared/domain/patch-policy';
import { removeTempDirs } from '../../test-support/temp-dir';
import { collectionFile } from '../../test-support/collection-file';
import { call, openTestCore } from '../../test-support/test-core';

afterEach(removeTempDirs);

async function setUp() {
  const core = openTestCore();
  const site = await call<{ id: number }>(core, 'sites:create', { name: 'Acme', networks: [] });
  const web = await call<Asset>(core, 'assets:create', { siteId: site.id, fields: { hostname: 'web01.corp.example' } });
  const db = await call<Asset>(core, 'assets:create', { siteId: site.id, fields: { hostname: 'db01' } });
  return { core, siteId: site.id, web, db };
}

function auditDetails(core: Awaited<ReturnType<typeof setUp>>['core'], assetId: number): Record<string, unknown>[] {
  return core.audit.listForEntity('asset', assetId).filter((entry) => entry.action === 'patch-status-collected').map((entry) => entry.details as Record<string, unknown>);
}

describe('offline collection import', () => {
  it('attaches a file to the asset it names, recording the file name and its hostname', async () => {
    const { core, siteId, web } = await setUp();
    const stored = await call<{ assetId: number }>(core, 'collect:importFile', { siteId, text: collectionFile('web01'), fileName: 'web01.pdc', assetId: web.id });
    expect(stored.assetId).toBe(web.id);
    expect(auditDetails(core, web.id)).toEqual([expect.objectContaining({ method: 'offline-file', fileName: 'web01.pdc', fileHostname: 'web01', forcedHost: false })]);
    await core.close();
  });

  it('refuses a file collected on another host than the chosen asset, unless the admin forces it, and says so in the audit log', async () => {
    const { core, siteId, db } = await setUp();
    const refused = await core.dispatcher.invoke('collect:importFile', { siteId, text: collectionFile('web01'), fileName: 'web01.pdc', assetId: db.id });
    expect(refused).toEqual({ ok: false, error: expect.objectContaining({ code: 'conflict', message: expect.stringMatching(/^web01\.pdc was collected on "web01", not on "db01"; nothing was imported/) }) });
    expect(auditDetails(core, db.id)).toEqual([]);
    await call(core, 'collect:importFile', { siteId, text: collectionFile('web01'), fileName: 'web01.pdc', assetId: db.id, forceHost: true });
    expect(auditDetails(core, db.id)).toEqual([expect.objectContaining({ fileName: 'web01.pdc', fileHostname: 'web01', forcedHost: true })]);
    await core.close();
  });

  it('tells a short name from another domain apart', async () => {
    const { core, siteId, web } = await setUp();
    const other = await core.dispatcher.invoke('collect:importFile', { siteId, text: collectionFile('web01.lab.example'), fileName: 'x.pdc', assetId: web.id });
    expect(other.ok).toBe(false);
    await core.close();
  });
});

const capture = (name: string): string => readFileSync(new URL(`../collect/parsers/fixtures/${name}`, import.meta.url), 'utf8');

/** A collect-script output file from a long-neglected Rocky 8 host: real check-update rows, advisories issued in early 2025. */
function neglectedRockyFile(): string {
  const run = 'f00d';
  const sections: Array<[string, string, number]> = [
    ['os-release', 'NAME="Rocky Linux"\nVERSION_ID="8.10"\nID="rocky"\nPRETTY_NAME="Rocky Linux 8.10 (Green Obsidian)"\n', 0],
    ['kernel-release', '4.18.0-553.el8_10.x86_64\n', 0],
    ['hostname', 'web01\n', 0],
    ['uptime', '86400.52 170000.11\n', 0],
    ['package-manager', 'dnf\n', 0],
    ['check-update', capture('osconfig_rocky-8.yum-check-update.stdout'), 100],
    ['updateinfo', capture('handmade_rocky-8.dnf-updateinfo-list-security.stdout'), 0],
    ['updateinfo-info', capture('handmade_rocky-8.dnf-updateinfo-info.stdout'), 0],
    ['rpm-query', capture('handmade_rhel-9.rpm-qa-queryformat-tab.stdout'), 0],
  ];
  const body = sections.map(([name, stdout, exit]) => `\n=== patchdesk section=${name} exit=${exit} run=${run} ===\n${stdout}`).join('');
  return `# patchdesk-collection v1 platform=linux run=${run}\n${body}\n=== patchdesk end run=${run} ===\n`;
}

async function onboard() {
  // The test core's clock reads 2026-11-02T09:00Z: the host is first seen then.
  const core = openTestCore();
  const site = await call<Site>(core, 'sites:create', { name: 'Acme', timezone: 'Europe/Berlin' });
  const web = await call<Asset>(core, 'assets:create', { siteId: site.id, fields: { hostname: 'web01' } });
  await call(core, 'tiers:override', { action: 'set', assetIds: [web.id], tier: 1, reason: 'internet-facing' });
  await call(core, 'collect:importFile', { siteId: site.id, text: neglectedRockyFile(), fileName: 'web01.pdc' });
  return { core, site, web };
}

describe('onboarding a long-neglected host (offline import)', () => {
  it('shows fixes published long ago as overdue at the first collection, with their basis', async () => {
    const { core, site, web } = await onboard();
    const detail = await call<AssetPatchDetail>(core, 'status:asset', { assetId: web.id });
    const curl = detail.pending.find((row) => row.name === 'curl');
    expect(curl).toMatchObject({ firstSeenAt: '2026-11-02T09:00:00.000Z', publishedAt: '2025-01-14T00:00:00.000Z', publishedBasis: 'published' });
    // Important (high) on tier 1 is 14 days from publication (14 January 2025, Berlin): due 28 January 2025.
    expect(curl?.sla).toMatchObject({ state: 'overdue', severity: 'high', clockBasis: 'published', clockStartDate: '2025-01-14', dueDate: '2025-01-28', overdueDays: 643 });
    expect(curl?.ageDays).toBeGreaterThan(600);
    // A fix no dated advisory names still counts from first seen.
    const undated = detail.pending.find((row) => row.publishedAt === undefined);
    expect(undated?.sla).toMatchObject({ clockBasis: 'first_seen', clockStartDate: '2026-11-02' });

    const fleet = await call<FleetStatus>(core, 'status:fleet', { siteId: site.id });
    const row = fleet.assets.find((a) => a.assetId === web.id);
    expect(row?.overdue).toBeGreaterThanOrEqual(4);
    // The oldest security fix's age counts from its publication too (14 January 2025 to 2 November 2026).
    expect(Math.floor(row?.oldestSecurityAgeDays ?? 0)).toBe(657);

    const summary = await call<ComplianceSummary>(core, 'compliance:summary', { siteId: site.id, to: '2026-11-03' });
    const overdueCurl = summary.overdue.items.find((item) => item.updateName === 'curl');
    expect(overdueCurl).toMatchObject({ clockBasis: 'published', clockStartAt: '2025-01-14T00:00:00.000Z', firstSeenAt: '2026-11-02T09:00:00.000Z', dueDate: '2025-01-28' });
    await core.close();
  });

  it('counts from first seen when the site policy says so', async () => {
    const { core, site, web } = await onboard();
    const policy = await call<PatchPolicy>(core, 'policy:get', { siteId: site.id });
    expect(policy.fixAgeBasis).toBe('publication');
    await call(core, 'policy:update', { siteId: site.id, policy: { ...policy, fixAgeBasis: 'first_seen' } });
    const detail = await call<AssetPatchDetail>(core, 'status:asset', { assetId: web.id });
    expect(detail.pending.find((row) => row.name === 'curl')?.sla).toMatchObject({ state: 'within', clockBasis: 'first_seen', clockStartDate: '2026-11-02', dueDate: '2026-11-16' });
    expect(detail.status.overdue).toBe(0);
    expect(detail.status.oldestSecurityAgeDays).toBe(0);
    await core.close();
  });

  it('refuses a policy with an unknown clock basis, naming the field', async () => {
    const { core, site } = await onboard();
    const policy = await call<PatchPolicy>(core, 'policy:get', { siteId: site.id });
    await expect(call(core, 'policy:update', { siteId: site.id, policy: { ...policy, fixAgeBasis: 'whenever' } })).rejects.toThrow(/clock basis must be 'publication' or 'first_seen'/);
    await core.close();
  });
});
