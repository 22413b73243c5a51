import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import type { Asset } from '../../../shared/contract/assets';
import type { ComplianceDetail } from '../../../shared/contract/compliance';
import type { CycleSummary } from '../../../shared/contract/cycles';
import type { EvidencePackRecord, EvidencePreview, EvidenceVerification } from '../../../shared/contract/evidence';
import { EvidenceExportJobProgress, isActiveJobState, type JobProgressEvent } from '../../../shared/contract/jobs';
import type { AppCore } from '../../core/app-core';
import type { HostCollection, PendingUpdateData } from '../../../shared/contract/patch-status';
import type { Site } from '../../../shared/contract/sites';
import { makeTempDir, removeTempDirs } from '../../test-support/temp-dir';
import { call, openTestCore } from '../../test-support/test-core';

afterEach(removeTempDirs);

type Core = ReturnType<typeof openTestCore>;

const DEBIAN = { id: 'debian', name: 'Debian GNU/Linux 12 (bookworm)', version: '12', build: '6.1.0-28-amd64' };

function update(name: string, security: boolean, severity?: string): PendingUpdateData {
  return { name, installedVersion: '1', availableVersion: '2', repository: 'security', security, cves: [], advisories: [], ...(severity ? { severity } : {}), kind: 'upgrade' };
}

function collection(at: string, pending: PendingUpdateData[]): HostCollection {
  return { collectedAt: at, method: 'offline-file', platform: 'linux', hostname: '', os: DEBIAN, packageManager: 'apt', uptimeSeconds: 100, rebootRequired: false, rebootReason: '', lastPatchedAt: null, installedCount: 0, installed: [], pending, installedKbs: [], device: null, warnings: [] };
}

function setClock(core: Core, iso: string): void {
  core.clock.advance(Date.parse(iso) - core.clock.now().getTime());
}

/** A Berlin site with three assets, October collections, an exception and the October cycle partly ticked. */
async function seeded() {
  const core = openTestCore();
  setClock(core, '2026-09-20T09:00:00.000Z');
  const site = await call<Site>(core, 'sites:create', { name: 'Zahnarztpraxis Müller – Empfang', timezone: 'Europe/Berlin' });
  const asset = (hostname: string, address: string) => call<Asset>(core, 'assets:create', { siteId: site.id, fields: { hostname, addresses: [address] } });
  const web = await asset('web1', '10.0.0.1');
  const db = await asset('db1', '10.0.0.2');
  const pc = await asset('empfang-pc', '10.0.0.3');
  await call(core, 'tiers:override', { action: 'set', assetIds: [web.id], tier: 1, reason: 'internet-facing' });
  const store = (id: number, at: string, pending: PendingUpdateData[]) => core.services.patchStatus.storeCollection(id, collection(at, pending), null);
  store(web.id, '2026-10-01T08:00:00.000Z', [update('openssl', true, 'high')]);
  store(db.id, '2026-10-01T08:00:00.000Z', [update('linux-image-amd64', true, 'critical')]);
  store(pc.id, '2026-10-01T08:00:00.000Z', []);
  setClock(core, '2026-10-05T09:00:00.000Z');
  await call(core, 'exceptions:create', { siteId: site.id, scope: { kind: 'asset', assetId: db.id }, reason: 'Vendor appliance', owner: 'Ana Schäfer', expiresAt: '2026-12-01' });
  const cycle = await call<{ id: number }>(core, 'cycles:openBaseline', { siteId: site.id, month: '2026-10' });
  await call(core, 'cycles:tick', {
    cycleId: cycle.id,
    key: 'inventory-refresh',
    state: 'done',
    note: 'Scanned 10.0.0.0/24',
    evidence: [{ kind: 'file', name: 'scan report.txt', contentBase64: Buffer.from('3 hosts up\n').toString('base64') }],
  });
  await call(core, 'cycles:tick', { cycleId: cycle.id, key: 'review-approve', state: 'done', note: 'All approved', evidence: [{ kind: 'link', url: 'https://tickets.example/4711' }] });
  setClock(core, '2026-10-20T08:00:00.000Z');
  store(web.id, '2026-10-20T08:00:00.000Z', []);
  store(db.id, '2026-10-20T08:00:00.000Z', [update('linux-image-amd64', true, 'critical')]);
  store(pc.id, '2026-10-20T08:00:00.000Z', [update('firefox-esr', true, 'high')]);
  setClock(core, '2026-11-02T09:00:00.000Z');
  return { core, site, cycle };
}

function pdfText(bytes: Uint8Array): string {
  const dir = makeTempDir();
  const file = join(dir, 'report.pdf');
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

const percent = (share: number | null) => (share === null ? 'not measured' : `${(share * 100).toFixed(1)}%`);

describe('EvidenceExportService', () => {
  it('exports a signed pack whose PDF and data agree with the compliance figures, with the checklist proof inside', async () => {
    const { core, site } = await seeded();
    const out = join(makeTempDir(), 'october.zip');
    const record = await core.services.evidence.export(site.id, '2026-10-01', '2026-10-31', out);
    expect(record).toMatchObject({ periodFrom: '2026-10-01', periodTo: '2026-10-31', filePath: out });

    const entries = unzipSync(readFileSync(out));
    expect(Object.keys(entries).sort()).toEqual(expect.arrayContaining(['report.pdf', 'manifest.json', 'manifest.sig', 'VERIFY.txt', 'data/summary.json', 'data/assets.csv', 'data/checklist.csv']));
    const proof = Object.keys(entries).find((name) => name.startsWith('checklist-evidence/'));
    expect(proof).toMatch(/-scan_report\.txt$/);
    expect(Buffer.from(entries[proof ?? ''] ?? []).toString()).toBe('3 hosts up\n');

    const detail = await call<ComplianceDetail>(core, 'compliance:report', { siteId: site.id, from: '2026-10-01', to: '2026-10-31' });
    const text = pdfText(entries['report.pdf'] ?? new Uint8Array());
    expect(text).toContain('Zahnarztpraxis Müller – Empfang');
    expect(text).toContain('October 2026');
    expect(text).toContain(percent(detail.site.assets.fullyPatchedShare));
    expect(text).toContain('Ana Schäfer');
    expect(text).toContain('Inventory refreshed');
    expect(text).toContain(core.services.signingKey.info().fingerprint);
    const summary = JSON.parse(Buffer.from(entries['data/summary.json'] ?? []).toString()) as { summary: { assetsInScope: number; assetsMeasured: number; missing: { overdue: number } } };
    expect(summary.summary).toMatchObject({ assetsInScope: detail.site.assets.inScope, assetsMeasured: detail.site.assets.measured, missing: { overdue: detail.site.missing.overdue } });

    const verified = await call<EvidenceVerification>(core, 'evidence:verify', { fileName: 'october.zip', base64: readFileSync(out).toString('base64') });
    expect(verified).toMatchObject({ ok: true, signedByThisInstallation: true, about: { siteName: site.name, from: '2026-10-01', to: '2026-10-31' } });
    await core.close();
  }, 60_000);

  it('makes the same pack twice from the same data, and names a tampered file', async () => {
    const { core, site } = await seeded();
    const dir = makeTempDir();
    await core.services.evidence.export(site.id, '2026-10-01', '2026-10-31', join(dir, 'a.zip'));
    await core.services.evidence.export(site.id, '2026-10-01', '2026-10-31', join(dir, 'b.zip'));
    const first = readFileSync(join(dir, 'a.zip'));
    expect(readFileSync(join(dir, 'b.zip')).equals(first)).toBe(true);

    const entries = unzipSync(first);
    const pdf = entries['report.pdf'] ?? new Uint8Array();
    pdf[Math.floor(pdf.length / 2)] = (pdf[Math.floor(pdf.length / 2)] ?? 0) ^ 0x01;
    const { zipSync } = await import('fflate');
    const tampered = zipSync(entries);
    const result = await call<EvidenceVerification>(core, 'evidence:verify', { fileName: 'a.zip', base64: Buffer.from(tampered).toString('base64') });
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([expect.objectContaining({ file: 'report.pdf', problem: 'changed' })]);
    await core.close();
  }, 60_000);

  it('previews the pack without building it, with warnings an admin can act on', async () => {
    const { core, site } = await seeded();
    const preview = await call<EvidencePreview>(core, 'evidence:preview', { siteId: site.id, from: '2026-10-01', to: '2026-10-31' });
    expect(preview.period).toMatchObject({ fromDate: '2026-10-01', toDate: '2026-10-31', label: 'October 2026', timezone: 'Europe/Berlin' });
    expect(preview.summary.assetsInScope).toBe(3);
    expect(preview.files).toEqual(expect.arrayContaining(['report.pdf', 'data/assets.csv', 'manifest.json', 'manifest.sig']));
    expect(preview.files.some((file) => file.startsWith('checklist-evidence/'))).toBe(true);
    expect(preview.warnings).toEqual(expect.arrayContaining([expect.stringContaining('No MSP branding')]));
    await core.close();
  }, 60_000);

  it('exports a period with no data as a plain pack that says so, into the pack library, and serves it for download', async () => {
    const { core, site } = await seeded();
    const events = recordExportEvents(core);
    const { jobId } = await call<{ jobId: string }>(core, 'evidence:export', { siteId: site.id, from: '2025-01-01', to: '2025-01-31' });
    const record = await core.services.evidenceJobs.wait(jobId);
    if (record === null) throw new Error(`the export did not complete: ${JSON.stringify(events.finished)}`);
    // A long job: each phase in order, the share done never going back, then the pack.
    expect(events.progress.map((event) => event.phase)).toEqual(['reading', 'pdf', 'data', 'writing', 'writing']);
    expect(events.progress.every((event, index, all) => event.jobId === jobId && (index === 0 || event.fraction >= (all[index - 1]?.fraction ?? 0)))).toBe(true);
    expect(events.progress.at(-1)?.fraction).toBe(1);
    expect(events.finished).toEqual([{ jobId, siteId: site.id, state: 'succeeded', result: record, error: '' }]);
    expect(record.filePath).toContain(join(core.dataDir, 'evidence-packs'));
    const download = await call<{ fileName: string; base64: string }>(core, 'evidence:download', { id: record.id });
    expect(download.fileName).toMatch(/^zahnarztpraxis-muller-empfang-2025-01-01-to-2025-01-31-\d{8}T\d{6}Z\.zip$/);
    const entries = unzipSync(Buffer.from(download.base64, 'base64'));
    const text = pdfText(entries['report.pdf'] ?? new Uint8Array());
    expect(text).toContain('January 2025');
    expect((await call<EvidencePackRecord[]>(core, 'evidence:packs', { siteId: site.id })).map((pack) => pack.id)).toContain(record.id);
    await core.close();
  }, 60_000);

  it('cancels an export at the last step before writing: no pack file, no temporary file, no record', async () => {
    const { core, site } = await seeded();
    const events = recordExportEvents(core);
    // Cancelled from the progress listener itself, so the moment is exact whatever the machine's speed.
    core.events.subscribe((event, payload) => {
      const progress = event === 'job:progress' ? EvidenceExportJobProgress.safeParse((payload as JobProgressEvent).progress) : null;
      if (progress?.success && progress.data.phase === 'writing') core.services.evidenceJobs.cancel((payload as JobProgressEvent).jobId);
    });
    const before = await call<EvidencePackRecord[]>(core, 'evidence:packs', { siteId: site.id });
    const { jobId } = await call<{ jobId: string }>(core, 'evidence:export', { siteId: site.id, from: '2026-10-01', to: '2026-10-31' });
    expect(await core.services.evidenceJobs.wait(jobId)).toBeNull();
    expect(events.finished).toEqual([{ jobId, siteId: site.id, state: 'cancelled', result: null, error: '' }]);
    const library = join(core.dataDir, 'evidence-packs');
    expect(readdirIfAny(library)).toEqual([]);
    expect(await call<EvidencePackRecord[]>(core, 'evidence:packs', { siteId: site.id })).toEqual(before);
    await core.close();
  }, 60_000);

  it('reports a failed export as finished with the reason, and refuses an unknown site at once', async () => {
    const { core, site } = await seeded();
    const events = recordExportEvents(core);
    const { jobId } = await call<{ jobId: string }>(core, 'evidence:export', { siteId: site.id, from: '2026-10-31', to: '2026-10-01' });
    expect(await core.services.evidenceJobs.wait(jobId)).toBeNull();
    expect(events.finished).toEqual([expect.objectContaining({ jobId, state: 'failed', result: null, error: expect.stringMatching(/.+/) })]);
    const unknown = await core.dispatcher.invoke('evidence:export', { siteId: 999, from: '2026-10-01', to: '2026-10-31' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found' } });
    await core.close();
  }, 60_000);

  it('refuses a path it cannot write with the reason, and leaves nothing behind', async () => {
    const { core, site } = await seeded();
    const dir = makeTempDir();
    writeFileSync(join(dir, 'a-file'), 'x');
    await expect(core.services.evidence.export(site.id, '2026-10-01', '2026-10-31', join(dir, 'a-file', 'pack.zip'))).rejects.toThrow(/a-file/);
    expect(readdirSync(dir)).toEqual(['a-file']);
    mkdirSync(join(dir, 'sub'));
    await expect(core.services.evidence.export(site.id, '2026-10-31', '2026-10-01', join(dir, 'sub', 'pack.zip'))).rejects.toThrow(/must end after it starts/);
    expect(readdirSync(join(dir, 'sub'))).toEqual([]);
    expect(await call<CycleSummary[]>(core, 'cycles:list', { siteId: site.id })).toHaveLength(1);
    await core.close();
  }, 60_000);

  it('gives last month as the default period in the site time zone, the month so far for a younger site', async () => {
    const { core, site } = await seeded();
    expect(core.services.evidence.defaultPeriod(site.id)).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    const young = await call<Site>(core, 'sites:create', { name: 'New branch', timezone: 'Europe/Berlin' });
    expect(core.services.evidence.defaultPeriod(young.id)).toEqual({ from: '2026-11-01', to: core.clock.now().toISOString().slice(0, 10) });
    await core.close();
  });
});

type ExportProgress = EvidenceExportJobProgress & { jobId: string };
type ExportEnd = Pick<JobProgressEvent, 'jobId' | 'siteId' | 'state' | 'result' | 'error'>;

/** The export job's `job:progress` events from now on: its phases, and how it ended. */
function recordExportEvents(core: AppCore): { progress: ExportProgress[]; finished: ExportEnd[] } {
  const recorded = { progress: [] as ExportProgress[], finished: [] as ExportEnd[] };
  core.events.subscribe((event, payload) => {
    if (event !== 'job:progress') return;
    const { jobId, siteId, state, progress, result, error } = payload as JobProgressEvent;
    const phase = EvidenceExportJobProgress.safeParse(progress);
    if (isActiveJobState(state) && phase.success) recorded.progress.push({ jobId, ...phase.data });
    if (!isActiveJobState(state)) recorded.finished.push({ jobId, siteId, state, result, error });
  });
  return recorded;
}

/** A folder's entries, or none when it does not exist (yet). */
function readdirIfAny(folder: string): string[] {
  try {
    return readdirSync(folder);
  } catch {
    return [];
  }
}
