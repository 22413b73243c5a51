import { existsSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestCore } from '../../../test-support/test-core';
import { makeTempDir, removeTempDirs } from '../../../test-support/temp-dir';

afterEach(removeTempDirs);

const fixtures = join(__dirname, 'parsers', 'fixtures');
const kevSample = join(fixtures, 'cisa_kev_2022-08-18_one-entry.json');
const trackerSample = join(fixtures, 'debian-security-tracker-json_sample.json');

function kevFile(dir: string, name: string, dateReleased: string, cves: string[]): string {
  const path = join(dir, name);
  const vulnerabilities = cves.map((cveID) => ({ cveID, vendorProject: 'V', product: 'P', vulnerabilityName: 'N', dateAdded: '2024-01-02', shortDescription: 'S', requiredAction: 'R', dueDate: '2024-01-23', knownRansomwareCampaignUse: 'Known' }));
  writeFileSync(path, JSON.stringify({ title: 'CISA Catalog', catalogVersion: dateReleased.slice(0, 10).replace(/-/g, '.'), dateReleased, count: cves.length, vulnerabilities }));
  return path;
}

describe('IntelImportService', () => {
  it('imports the real KEV sample with its provenance, once: the same file again changes nothing', async () => {
    const core = openTestCore();
    const first = await core.services.intelImport.importFile(kevSample);
    expect(first).toMatchObject({ outcome: 'imported', superseded: [] });
    expect(first.feed).toMatchObject({
      kind: 'kev',
      scope: '',
      fileName: 'cisa_kev_2022-08-18_one-entry.json',
      sourceUrl: null,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      feedVersion: '2022.08.18',
      feedDate: '2022-08-18T13:36:57.4469Z',
      recordCount: 1,
      warnings: ['the catalogue says it has 801 entries but lists 1 (a trimmed or damaged copy?)'],
      importedAt: '2026-11-02T09:00:00.000Z',
      importedBy: 'tester',
      supersededAt: null,
    });
    expect(readFileSync(join(core.dataDir, 'intel-feeds', `${first.feed.sha256}.feed`))).toEqual(readFileSync(kevSample));
    const again = await core.services.intelImport.importFile(kevSample);
    expect(again).toEqual({ outcome: 'unchanged', feed: first.feed, superseded: [] });
    expect(core.services.intel.status()).toEqual([{ ...first.feed, ageDays: 1536 }]);
    expect(core.services.intel.repository.kev(['CVE-2022-21971', 'CVE-2000-0001']).get('CVE-2022-21971')).toMatchObject({ dueDate: '2022-09-08', knownRansomwareCampaignUse: 'Unknown', feedId: first.feed.id });
    const audit = core.db.prepare("SELECT action, entity_id AS entityId FROM audit_log WHERE entity_type = 'intel'").all();
    expect(audit).toEqual([{ action: 'intel-feed-imported', entityId: first.feed.id }]);
    await core.close();
  });

  it('imports a file once when two processes on one data folder import it at the same time', async () => {
    const first = openTestCore();
    const second = openTestCore({ dataDir: first.dataDir });
    const outcomes = await Promise.all([first.services.intelImport.importFile(trackerSample), second.services.intelImport.importFile(trackerSample)]);
    expect(outcomes.map((each) => each.outcome).sort()).toEqual(['imported', 'unchanged']);
    expect(first.services.intel.repository.feeds({ includeSuperseded: true })).toHaveLength(1);
    expect(first.services.intel.repository.affectedByPackages('debian', 'sid', ['389-ds-base'])).toHaveLength(3);
    expect(readdirSync(join(first.dataDir, 'intel-feeds'))).toEqual([`${outcomes[0]?.feed.sha256}.feed`]);
    await second.close();
    await first.close();
  });

  it('replaces a KEV catalogue with a newer one atomically and refuses an older one', async () => {
    const core = openTestCore();
    const dir = makeTempDir();
    const older = await core.services.intelImport.importFile(kevFile(dir, 'kev-1.json', '2024-01-02T10:00:00Z', ['CVE-2024-0001', 'CVE-2024-0002']));
    const newer = await core.services.intelImport.importFile(kevFile(dir, 'kev-2.json', '2024-02-02T10:00:00Z', ['CVE-2024-0002', 'CVE-2024-0003']));
    expect(newer.superseded).toEqual([older.feed.id]);
    expect([...core.services.intel.repository.kev(['CVE-2024-0001', 'CVE-2024-0002', 'CVE-2024-0003']).keys()].sort()).toEqual(['CVE-2024-0002', 'CVE-2024-0003']);
    expect(core.services.intel.repository.feeds({ includeSuperseded: true }).map((feed) => [feed.fileName, feed.supersededAt])).toEqual([
      ['kev-2.json', '2026-11-02T09:00:00.000Z'].map((value, index) => (index === 1 ? null : value)),
      ['kev-1.json', '2026-11-02T09:00:00.000Z'],
    ]);
    await expect(core.services.intelImport.importFile(kevFile(dir, 'kev-0.json', '2023-12-01T10:00:00Z', ['CVE-2023-0001']))).rejects.toThrow(
      'kev-0.json is dated 2023-12-01T10:00:00Z, older than the kev feed already imported (2024-02-02T10:00:00Z); nothing was imported',
    );
    expect(core.services.intel.repository.feeds({ includeSuperseded: true })).toHaveLength(2);
    await core.close();
  });

  it('imports the real Debian tracker sample: package/release to CVEs with fixed versions or no fix yet', async () => {
    const core = openTestCore();
    const { feed } = await core.services.intelImport.importFile(trackerSample);
    expect(feed).toMatchObject({ kind: 'debian-tracker', recordCount: 4, feedVersion: null, feedDate: null });
    const rows = core.services.intel.repository.affectedByPackages('debian', 'bullseye', ['389-ds-base', 'wordpress']);
    expect(rows.map((row) => [row.package, row.cveId, row.status, row.fixedVersion, row.note])).toEqual([
      ['389-ds-base', 'CVE-2012-0833', 'not_affected', null, null],
      ['389-ds-base', 'CVE-2016-5405', 'fixed', '1.3.5.15-1', null],
      ['389-ds-base', 'CVE-2016-5416', 'open', null, 'no DSA: Minor issue (ignored)'],
      ['wordpress', 'TEMP-0000000-0CA7E3', 'not_affected', null, null],
    ]);
    expect(rows[1]).toMatchObject({ source: 'debian-tracker', feedId: feed.id, distribution: 'debian', release: 'bullseye', ecosystem: 'debian:bullseye', advisoryId: null, urgency: 'not yet assigned' });
    const cve = core.services.intel.cve('cve-2016-5405');
    expect(cve).toMatchObject({ cveId: 'CVE-2016-5405', kev: null, epss: null, nvd: null, advisories: [], tracker: [{ package: '389-ds-base', debianBug: 842121, scope: 'local' }] });
    expect(cve.affected.map((row) => row.release)).toEqual(['bullseye', 'sid']);
    expect(cve.feeds.map((each) => each.id)).toEqual([feed.id]);
    await core.close();
  });

  it('refuses a truncated tracker and foreign files with their names; nothing is written, no copy kept', async () => {
    const core = openTestCore();
    await core.services.intelImport.importFile(trackerSample);
    const dir = makeTempDir();
    const truncated = join(dir, 'tracker-cut.json');
    const whole = readFileSync(trackerSample, 'utf8');
    writeFileSync(truncated, whole.slice(0, whole.length - 3));
    await expect(core.services.intelImport.importFile(truncated)).rejects.toMatchObject({ code: 'bad_request', message: 'tracker-cut.json is truncated: the JSON ends before its closing brace; nothing was imported' });
    const foreign = join(dir, 'package.json');
    writeFileSync(foreign, JSON.stringify({ name: 'x', version: '1.0.0' }));
    await expect(core.services.intelImport.importFile(foreign)).rejects.toThrow(/^package.json is JSON, but not a feed Patchdesk reads/);
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'hello');
    await expect(core.services.intelImport.importFile(text)).rejects.toThrow('notes.txt is not a feed Patchdesk reads: it starts with "hello"; nothing was imported');
    const kevCut = join(dir, 'kev-cut.json');
    writeFileSync(kevCut, readFileSync(kevSample, 'utf8').slice(0, 400));
    await expect(core.services.intelImport.importFile(kevCut)).rejects.toThrow(/^kev-cut.json is truncated: its JSON ends early/);
    await expect(core.services.intelImport.importFile(join(dir, 'missing.json'))).rejects.toThrow(`cannot read ${join(dir, 'missing.json')}: no such file`);
    expect(core.services.intel.repository.feeds({ includeSuperseded: true })).toHaveLength(1);
    expect(core.services.intel.repository.affectedByPackages('debian', 'sid', ['389-ds-base'])).toHaveLength(3);
    expect(readdirSync(join(core.dataDir, 'intel-feeds'))).toHaveLength(1);
    expect(existsSync(join(core.dataDir, 'intel-feeds'))).toBe(true);
    await core.close();
  });

  it('refuses a huge file before reading it: a KEV head on 70 MB is not a KEV catalogue', async () => {
    const core = openTestCore();
    const huge = join(makeTempDir(), 'kev-huge.json');
    writeFileSync(huge, '{"catalogVersion": "2024.01.01", "vulnerabilities": [');
    truncateSync(huge, 70 * 1024 * 1024);
    await expect(core.services.intelImport.importFile(huge)).rejects.toThrow('kev-huge.json is 70 MB, far larger than any kev file (at most 64 MB): not that feed; nothing was imported');
    expect(core.services.intel.repository.feeds({ includeSuperseded: true })).toEqual([]);
    await core.close();
  });

  it('serves status, import and CVE lookups over the contract', async () => {
    const core = openTestCore();
    const imported = await core.dispatcher.invoke('intel:import', { fileName: 'kev.json', base64: readFileSync(kevSample).toString('base64') });
    expect(imported).toMatchObject({ ok: true, value: { outcome: 'imported', feed: { kind: 'kev', fileName: 'kev.json', retrievedAt: '2026-11-02T09:00:00.000Z' } } });
    expect(await core.dispatcher.invoke('intel:status', {})).toMatchObject({ ok: true, value: [{ kind: 'kev', ageDays: 1536 }] });
    expect(await core.dispatcher.invoke('intel:cve', { cveId: 'CVE-2022-21971' })).toMatchObject({ ok: true, value: { kev: { product: 'Windows' } } });
    expect(await core.dispatcher.invoke('intel:cve', { cveId: 'not-a-cve' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await core.dispatcher.invoke('intel:import', { fileName: 'x.json', base64: Buffer.from('{"a":1}').toString('base64') })).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringMatching(/^x.json is JSON, but not a feed/) } });
    await core.close();
  });
});
