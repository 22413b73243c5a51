import { afterEach, describe, expect, it } from 'vitest';
import type { Asset } from '../../../../shared/contract/assets';
import type { ComplianceSummary } from '../../../../shared/contract/compliance';
import type { HostCollection } from '../../../../shared/contract/patch-status';
import type { Site } from '../../../../shared/contract/sites';
import { openAppCore } from '../../../core/app-core';
import { fixedClock } from '../../../platform/clock';
import { makeTempDir, removeTempDirs } from '../../../test-support/temp-dir';
import { call, scriptedDiscovery } from '../../../test-support/test-core';
import { evidenceDataFiles, summaryDocument } from '../../evidence/data-files/evidence-data-files';
import { pdfText, writeTempPdf } from '../../evidence/pdf/testing/pdf-tools';
import { renderEvidencePdf } from '../../evidence/pdf/render-evidence-pdf';
import { CVE_MAPPING_JOB_KIND } from './cve-mapping-jobs';

afterEach(removeTempDirs);

const NOTICE = 'CVE mapping in progress for 1 asset: their known-exploited fixes and KEV deadlines are not final, and they are not counted as clean.';

function collection(): HostCollection {
  const upgrade = { name: 'libssl3', arch: 'amd64', installedVersion: '3.0.11-1~deb12u2', availableVersion: '3.0.15-1~deb12u1', repository: 'Debian-Security:12/stable-security', security: true, cves: ['CVE-2024-5535'], advisories: [], kind: 'upgrade' as const };
  return { collectedAt: '2026-11-01T08:00:00.000Z', method: 'offline-file', platform: 'linux', hostname: 'web1', os: { id: 'debian', name: 'Debian GNU/Linux 12 (bookworm)', version: '12', build: '' }, packageManager: 'apt', uptimeSeconds: 1, rebootRequired: false, rebootReason: '', lastPatchedAt: null, installedCount: 0, installed: [], pending: [upgrade], installedKbs: [], device: null, warnings: [] };
}

describe('mapping in progress on every surface whose figures depend on it', () => {
  it('compliance, the fleet, the evidence preview and the pack (summary page and summary.json) name the assets waiting; once mapped, none do', async () => {
    // A desktop-mode core: mapping runs as a job, and the engine's heartbeat is driven by the test only.
    const core = openAppCore({ dataDir: makeTempDir(), mode: 'desktop', actor: 'tester', clock: fixedClock(new Date('2026-11-02T09:00:00.000Z')), checkResponses: true, discover: scriptedDiscovery([]), jobTimers: { every: () => () => undefined } });
    const site = await call<Site>(core, 'sites:create', { name: 'Acme', timezone: 'Europe/Berlin' });
    const web = await call<Asset>(core, 'assets:create', { siteId: site.id, fields: { hostname: 'web1' } });

    // No await between the store and the reads: the queued mapping job has not started yet.
    core.services.patchStatus.storeCollection(web.id, collection(), null);
    const pending = { current: false, pendingAssets: 1, assetIds: [web.id] };
    expect(core.services.compliance.summary(site.id).mapping).toEqual(pending);
    expect(core.services.patchStatus.fleet(site.id).mapping).toEqual(pending);
    const { report } = core.services.evidence.report(site.id, '2026-11-01', '2026-11-30');
    expect(report.cveMapping).toEqual({ current: false, pendingAssets: 1, assets: ['web1'], notice: NOTICE });
    expect(core.services.evidence.preview(site.id, '2026-11-01', '2026-11-30').warnings.some((warning) => warning.startsWith(NOTICE))).toBe(true);
    const summaryJson = JSON.parse(Buffer.from(evidenceDataFiles(report).find((file) => file.path === 'data/summary.json')?.bytes ?? []).toString()) as { cveMapping: unknown };
    expect(summaryJson.cveMapping).toEqual(summaryDocument(report)['cveMapping']);
    expect(summaryJson.cveMapping).toMatchObject({ current: false, pendingAssets: 1, assets: ['web1'] });
    const text = pdfText(writeTempPdf(await renderEvidencePdf(report))).replace(/\s+/g, ' ');
    const executive = text.slice(text.indexOf('Executive summary', text.indexOf('Contents') + 200));
    expect(executive.indexOf(`${NOTICE} Assets waiting: web1.`)).toBeGreaterThanOrEqual(0);

    const job = core.jobs.list({ kind: CVE_MAPPING_JOB_KIND })[0];
    expect(job).toBeDefined();
    expect((await core.jobs.wait(job?.id ?? '')).state).toBe('succeeded');
    const current = { current: true, pendingAssets: 0, assetIds: [] };
    expect((await call<ComplianceSummary>(core, 'compliance:summary', { siteId: site.id })).mapping).toEqual(current);
    expect(core.services.patchStatus.fleet(site.id).mapping).toEqual(current);
    const after = core.services.evidence.report(site.id, '2026-11-01', '2026-11-30').report;
    expect(after.cveMapping).toEqual({ current: true, pendingAssets: 0, assets: [], notice: null });
    expect(pdfText(writeTempPdf(await renderEvidencePdf(after)))).not.toContain('mapping in progress');
    await core.close();
  });
});
