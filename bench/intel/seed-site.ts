/**
 * The intel benches' site: ASSETS Debian bookworm hosts (400 installed packages each from a pool
 * of 2,000 source packages, 30 of them with a pending update), a Debian tracker file in the
 * tracker's own JSON format (every source package with 4 issues: fixed in the offered version,
 * fixed earlier, open, not affected) and a KEV catalogue of 1,400 entries in CISA's format (60 of
 * them on these packages, as in the real catalogue), imported through the real importers, and an
 * EPSS file scoring every tracker CVE. Shared by triage.bench.ts, mapping.bench.ts and
 * patch-status-ui.bench.ts.
 */
import type { HostCollection } from '../../shared/contract/patch-status';
import type { AppCore } from '../../electron/core/app-core';

export const SOURCES = 2_000;
export const PER_HOST = 400;
export const PENDING = 30;
// The real catalogue is mostly Windows, network gear and applications: about 60 of its 1,400 CVEs hit Debian packages.
export const KEV_LINUX = 60;

/** The tracker's source package `index`. */
export const source = (index: number): string => `src${String(index).padStart(4, '0')}`;
/** The tracker's CVE `issue` (0-3) of source package `index`. */
export const cve = (index: number, issue: number): string => `CVE-2025-${String(10_000 + index * 4 + issue)}`;

async function call<T>(core: AppCore, channel: string, request: unknown): Promise<T> {
  const result = await core.dispatcher.invoke(channel, request);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as T;
}

/** The tracker JSON (one issue list per source package). */
export function benchTracker(): Record<string, Record<string, unknown>> {
  const tracker: Record<string, Record<string, unknown>> = {};
  for (let index = 0; index < SOURCES; index++) {
    const release = (status: string, fixed: string | undefined, urgency = 'medium') => ({ releases: { bookworm: { status, repositories: { bookworm: '1.0-1' }, ...(fixed === undefined ? {} : { fixed_version: fixed }), urgency } } });
    tracker[source(index)] = { [cve(index, 0)]: release('resolved', '1.0-1+deb12u1'), [cve(index, 1)]: release('resolved', '0.9-1'), [cve(index, 2)]: release('open', undefined, 'high'), [cve(index, 3)]: release('resolved', '0', 'unimportant') };
  }
  return tracker;
}

/** Creates the site and its assets and stores one collection per asset; no feeds yet. */
export async function seedAssets(core: AppCore, assets: number, name = 'Bench'): Promise<{ siteId: number }> {
  const site = await call<{ id: number }>(core, 'sites:create', { name, timezone: 'UTC' });
  for (let host = 0; host < assets; host++) {
    const asset = await call<{ id: number }>(core, 'assets:create', { siteId: site.id, fields: { hostname: `host${host}` } });
    const installed: HostCollection['installed'] = [];
    const pending: HostCollection['pending'] = [];
    for (let i = 0; i < PER_HOST; i++) {
      const index = (host * 7 + i * 5) % SOURCES;
      installed.push({ name: `lib${source(index)}`, arch: 'amd64', version: '1.0-1', sourceName: source(index), sourceVersion: '1.0-1', status: 'installed' });
      if (i < PENDING) pending.push({ name: `lib${source(index)}`, arch: 'amd64', installedVersion: '1.0-1', availableVersion: '1.0-1+deb12u1', repository: 'Debian-Security:12/stable-security', security: true, cves: [], advisories: [], kind: 'upgrade' });
    }
    const collection: HostCollection = { collectedAt: '2026-11-01T08:00:00.000Z', method: 'offline-file', platform: 'linux', hostname: `host${host}`, os: { id: 'debian', name: 'Debian GNU/Linux 12 (bookworm)', version: '12', build: '' }, packageManager: 'apt', uptimeSeconds: 1, rebootRequired: false, rebootReason: '', lastPatchedAt: null, installedCount: PER_HOST, installed, pending, installedKbs: [], device: null, warnings: [] };
    core.services.patchStatus.storeCollection(asset.id, collection, null);
  }
  return { siteId: site.id };
}

/** Imports the tracker, the KEV catalogue and an EPSS file scoring every tracker CVE. */
export async function importBenchFeeds(core: AppCore): Promise<void> {
  const kev = { title: 'CISA Catalog of Known Exploited Vulnerabilities', catalogVersion: '2026.11.01', dateReleased: '2026-11-01T12:00:00.000Z', count: 1_400, vulnerabilities: Array.from({ length: 1_400 }, (_, i) => ({ cveID: i < KEV_LINUX ? cve(i * 7, i % 2 === 0 ? 0 : 2) : `CVE-2024-${String(20_000 + i)}`, vendorProject: 'Bench', product: 'Bench', vulnerabilityName: `Bench ${i}`, dateAdded: '2026-10-20', shortDescription: 'x', requiredAction: 'Apply updates per vendor instructions.', dueDate: '2026-11-10', knownRansomwareCampaignUse: i % 10 === 0 ? 'Known' : 'Unknown', notes: '', cwes: [] })) };
  const epssLines = ['#model_version:v2025.03.14,score_date:2026-11-01T00:00:00+0000', 'cve,epss,percentile'];
  for (let index = 0; index < SOURCES; index++) for (let issue = 0; issue < 4; issue++) epssLines.push(`${cve(index, issue)},${(((index * 4 + issue) * 7919) % 1000) / 1000},${(((index * 4 + issue) * 104729) % 1000) / 1000}`);
  await call(core, 'intel:import', { fileName: 'tracker.json', base64: Buffer.from(JSON.stringify(benchTracker())).toString('base64') });
  await call(core, 'intel:import', { fileName: 'kev.json', base64: Buffer.from(JSON.stringify(kev)).toString('base64') });
  await call(core, 'intel:import', { fileName: 'epss_scores-2026-11-01.csv', base64: Buffer.from(`${epssLines.join('\n')}\n`).toString('base64') });
}
