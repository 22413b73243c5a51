import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import type { Asset } from '../../../shared/contract/assets';
import type { ComplianceSummary } from '../../../shared/contract/compliance';
import type { HostCollection, PendingUpdateData } from '../../../shared/contract/patch-status';
import type { Site } from '../../../shared/contract/sites';
import { makeTempDir, removeTempDirs } from '../../test-support/temp-dir';
import { call, openTestCore } from '../../test-support/test-core';

afterEach(removeTempDirs);

const DEBIAN = { id: 'debian', name: 'Debian GNU/Linux 12 (bookworm)', version: '12', build: '6.1.0-28-amd64' };

function update(name: string, publishedAt?: string): PendingUpdateData {
  return { name, installedVersion: '1', availableVersion: '2', repository: 'security', security: true, cves: [], advisories: [], severity: 'high', kind: 'upgrade', ...(publishedAt ? { publishedAt, publishedBasis: 'published' as const } : {}) };
}

function collection(at: string, pending: PendingUpdateData[]): HostCollection {
  return { collectedAt: at, method: 'offline-file', platform: 'linux', hostname: 'web1', os: DEBIAN, packageManager: 'apt', uptimeSeconds: 100, rebootRequired: false, rebootReason: '', lastPatchedAt: null, installedCount: 0, installed: [], pending, installedKbs: [], device: null, warnings: [] };
}

function pdfText(bytes: Uint8Array): string {
  const file = join(makeTempDir(), 'report.pdf');
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' });
}

describe('the oldest missing security fix', () => {
  it('is the same fix with the same age in the drawer, the fleet table, the dashboard, the PDF and summary.json', async () => {
    const core = openTestCore();
    const setClock = (iso: string) => core.clock.advance(Date.parse(iso) - core.clock.now().getTime());
    setClock('2026-09-20T09:00:00.000Z');
    const site = await call<Site>(core, 'sites:create', { name: 'Acme', timezone: 'Europe/Berlin' });
    const web = await call<Asset>(core, 'assets:create', { siteId: site.id, fields: { hostname: 'web1', addresses: ['10.0.0.1'] } });
    const store = (at: string, pending: PendingUpdateData[]) => {
      setClock(at);
      core.services.patchStatus.storeCollection(web.id, collection(at, pending), null);
    };
    // curl: first seen 1 Oct, no publication date. openssl: first seen later (20 Oct) but published 1 Sep,
    // so its SLA clock started first: it is the oldest, 61 local days old on 1 Nov (curl would be 31).
    store('2026-10-01T08:00:00.000Z', [update('curl')]);
    store('2026-10-20T08:00:00.000Z', [update('curl'), update('openssl', '2026-09-01T10:00:00.000Z')]);
    store('2026-10-30T08:00:00.000Z', [update('curl'), update('openssl', '2026-09-01T10:00:00.000Z')]);
    // 1 Nov 10:00 in Berlin: the period 1-31 Oct ends at the start of this local day, so "now" and the period's end are the same day.
    setClock('2026-11-01T09:00:00.000Z');
    const want = { updateName: 'openssl', clockStartAt: '2026-09-01T10:00:00.000Z', clockBasis: 'published', ageDays: 61 };

    const drawer = core.services.patchStatus.detail(web.id);
    expect(drawer.status.oldestSecurity).toEqual(want);
    expect(drawer.status.oldestSecurityAgeDays).toBe(61);
    expect(drawer.pending.find((row) => row.name === 'openssl')?.ageDays).toBe(61);
    expect(drawer.pending.find((row) => row.name === 'curl')?.ageDays).toBe(31);

    const fleet = core.services.patchStatus.fleet(site.id).assets.find((row) => row.assetId === web.id);
    expect(fleet?.oldestSecurity).toEqual(want);
    expect(fleet?.oldestSecurityAgeDays).toBe(61);

    const dashboard = await call<ComplianceSummary>(core, 'compliance:summary', { siteId: site.id, from: '2026-10-01', to: '2026-10-31' });
    expect(dashboard.oldestMissingSecurity).toEqual({ assetId: web.id, assetName: 'web1', firstSeenAt: '2026-10-20T08:00:00.000Z', ...want });

    const out = join(makeTempDir(), 'october.zip');
    await core.services.evidence.export(site.id, '2026-10-01', '2026-10-31', out);
    const entries = unzipSync(readFileSync(out));
    const summary = JSON.parse(Buffer.from(entries['data/summary.json'] ?? []).toString()) as { summary: { oldestMissingSecurity: unknown } };
    expect(summary.summary.oldestMissingSecurity).toEqual({ hostname: 'web1', update: 'openssl', firstSeenAt: '2026-10-20T08:00:00.000Z', clockStartAt: want.clockStartAt, clockBasis: 'published', ageDays: 61 });
    const text = pdfText(entries['report.pdf'] ?? new Uint8Array());
    expect(text).toContain('61 days');
    // In reading order (-raw); the tile may wrap its detail line.
    expect(text).toMatch(/web1, since 2026-09-01\s+\(published\)/);
    await core.close();
  });
});
