import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestCore } from '../../../test-support/test-core';
import { makeTempDir, removeTempDirs } from '../../../test-support/temp-dir';

afterEach(removeTempDirs);

const fixtures = join(__dirname, 'parsers', 'fixtures');
const fixture = (name: string) => readFileSync(join(fixtures, name));

describe('IntelImportService: EPSS, NVD, OSV and Microsoft', () => {
  it('imports EPSS plain and gzipped; a newer day replaces the older, scores keep their model version', async () => {
    const core = openTestCore();
    const dir = makeTempDir();
    const older = await core.services.intelImport.importFile(join(fixtures, 'epss_scores-2022-02-04_trimmed.csv'));
    expect(older.feed).toMatchObject({ kind: 'epss', feedVersion: 'v2022.01.01', feedDate: '2022-02-04T00:00:00.000Z', recordCount: 2 });
    const gz = join(dir, 'epss_scores-2023-03-07.csv.gz');
    writeFileSync(gz, gzipSync(fixture('epss_scores-2023-03-07_trimmed.csv')));
    const newer = await core.services.intelImport.importFile(gz);
    expect(newer).toMatchObject({ outcome: 'imported', superseded: [older.feed.id], feed: { fileName: 'epss_scores-2023-03-07.csv.gz', feedVersion: 'v2023.03.01' } });
    expect(core.services.intel.repository.epss(['CVE-2020-5902', 'CVE-2018-19571']).get('CVE-2018-19571')).toEqual({ cveId: 'CVE-2018-19571', feedId: newer.feed.id, score: 0.00113, percentile: 0.43131, modelVersion: 'v2023.03.01', scoreDate: '2023-03-07' });
    await expect(core.services.intelImport.importFile(join(fixtures, 'epss_scores-2021-09-01_trimmed.csv'))).rejects.toMatchObject({
      code: 'conflict',
      message: 'epss_scores-2021-09-01_trimmed.csv is dated 2021-09-01T00:00:00.000Z, older than the epss feed already imported (2023-03-07T00:00:00.000Z); nothing was imported',
    });
    const truncated = join(dir, 'epss-cut.csv.gz');
    writeFileSync(truncated, gzipSync(fixture('epss_scores-2023-03-07_trimmed.csv')).subarray(0, 50));
    await expect(core.services.intelImport.importFile(truncated)).rejects.toThrow('epss-cut.csv.gz is truncated: the gzip stream ends early; nothing was imported');
    await core.close();
  });

  it('imports NVD records and keeps the newer record when an older page arrives later', async () => {
    const core = openTestCore();
    const dir = makeTempDir();
    const sample = JSON.parse(fixture('nvd_api2_CVE-2017-7542.json').toString('utf8')) as { vulnerabilities: { cve: Record<string, unknown> }[] };
    const { feed } = await core.services.intelImport.importFile(join(fixtures, 'nvd_api2_CVE-2017-7542.json'));
    expect(feed).toMatchObject({ kind: 'nvd', scope: 'records', feedVersion: '2.0', feedDate: '2023-12-12T21:32:13.620Z', recordCount: 1 });
    const old = join(dir, 'old.json');
    writeFileSync(old, JSON.stringify({ cve: { ...sample.vulnerabilities[0]?.cve, lastModified: '2020-01-01T00:00:00.000', vulnStatus: 'Analyzed' } }));
    const second = await core.services.intelImport.importFile(old);
    expect(second.feed.warnings).toEqual(['1 records were older than the ones already stored and were not used']);
    const cvss = core.services.intel.repository.cvss(['CVE-2017-7542', 'CVE-2000-0001']);
    expect([...cvss.values()]).toEqual([{ cveId: 'CVE-2017-7542', feedId: feed.id, version: '3.0', score: 5.5, severity: 'MEDIUM', vector: 'CVSS:3.0/AV:L/AC:L/PR:L/UI:N/S:U/C:N/I:N/A:H', source: 'nvd@nist.gov', type: 'Primary' }]);
    const intel = core.services.intel.cve('CVE-2017-7542');
    expect(intel.nvd).toMatchObject({ vulnStatus: 'Modified', scores: [{ version: '3.0' }, { version: '2.0' }], products: [{ product: 'linux_kernel', versionEndIncluding: '4.12.3' }] });
    expect(intel.feeds.map((each) => each.id)).toEqual([feed.id]);
    await core.close();
  });

  it('imports single OSV records and an all.zip of one distribution, which replaces that distribution only', async () => {
    const core = openTestCore();
    const dir = makeTempDir();
    const usn = await core.services.intelImport.importFile(join(fixtures, 'osv_ubuntu_USN-7095-1.json'));
    expect(usn.feed).toMatchObject({ kind: 'osv', scope: 'records', recordCount: 1, feedDate: '2024-11-07T09:49:52.411Z' });
    await core.services.intelImport.importFile(join(fixtures, 'osv_rocky_RLSA-2023_0005.json'));
    expect(core.services.intel.repository.cvesOfAdvisory('usn-7095-1')).toContain('CVE-2024-42063');
    expect(core.services.intel.repository.affectedByPackages('ubuntu', 'noble', ['linux-nvidia']).filter((row) => row.cveId === 'CVE-2024-42063')).toMatchObject([{ advisoryId: 'USN-7095-1', status: 'fixed', fixedVersion: '6.8.0-1017.19' }]);
    expect(core.services.intel.repository.advisoriesOfCve('CVE-2022-42920')).toMatchObject([{ advisoryId: 'RLSA-2023:0005', distribution: 'rocky' }]);

    const zipPath = join(dir, 'all.zip');
    const dla = JSON.parse(fixture('osv_debian_DLA-0010-1.json').toString('utf8')) as Record<string, unknown>;
    writeFileSync(zipPath, zipSync({ 'DLA-0001-1.json': fixture('osv_debian_DLA-0010-1.json'), 'DLA-0002-1.json': Buffer.from(JSON.stringify({ ...dla, id: 'DLA-0002-1', related: ['CVE-2014-9999'] })), 'README.txt': Buffer.from('x') }));
    const zip = await core.services.intelImport.importFile(zipPath);
    expect(zip.feed).toMatchObject({ kind: 'osv', scope: 'debian', recordCount: 2, feedDate: '2023-06-28T06:17:52.429Z' });
    expect(core.services.intel.repository.affectedByPackages('debian', 'squeeze', ['gnutls26']).map((row) => [row.advisoryId, row.cveId, row.fixedVersion])).toEqual([
      ['DLA-0001-1', 'CVE-2014-3466', '2.8.6-1+squeeze4'],
      ['DLA-0002-1', 'CVE-2014-9999', '2.8.6-1+squeeze4'],
    ]);
    writeFileSync(zipPath, zipSync({ 'DLA-0001-1.json': fixture('osv_debian_DLA-0010-1.json') }));
    const replaced = await core.services.intelImport.importFile(zipPath);
    expect(replaced.superseded).toEqual([zip.feed.id]);
    expect(core.services.intel.repository.advisories('DLA-0002-1')).toEqual([]);
    expect(core.services.intel.repository.cvesOfAdvisory('USN-7095-1')).not.toEqual([]);

    const bad = join(dir, 'bad.zip');
    writeFileSync(bad, zipSync({ 'a.json': fixture('osv_debian_DLA-0010-1.json'), 'b.json': Buffer.from('{"id": "DLA-9", "affected": [') }));
    await expect(core.services.intelImport.importFile(bad)).rejects.toThrow(/^bad.zip: the entry "b.json" is not valid JSON .*; nothing was imported$/);
    const cut = join(dir, 'cut.zip');
    writeFileSync(cut, readFileSync(zipPath).subarray(0, 200));
    await expect(core.services.intelImport.importFile(cut)).rejects.toThrow(/^cut.zip is a damaged or truncated ZIP archive/);
    expect(core.services.intel.repository.advisories('DLA-0001-1')).toHaveLength(1);
    await core.close();
  });

  it('imports a Microsoft CVRF document (synthetic: no real sample exists): KB to CVEs', async () => {
    const core = openTestCore();
    const dir = makeTempDir();
    const path = join(dir, '2024-Jan.json');
    writeFileSync(path, JSON.stringify({
      DocumentTitle: { Value: 'January 2024 Security Updates' },
      DocumentTracking: { Identification: { ID: { Value: '2024-Jan' } }, CurrentReleaseDate: '2024-01-09T08:00:00' },
      ProductTree: { FullProductName: [{ ProductID: '1', Value: 'Windows Server 2022' }] },
      Vulnerability: [{ CVE: 'CVE-2024-20674', Remediations: [{ Description: { Value: '5034129' }, Type: 2, ProductID: ['1'] }] }],
    }));
    const { feed } = await core.services.intelImport.importFile(path);
    expect(feed).toMatchObject({ kind: 'msrc', feedVersion: '2024-Jan', recordCount: 1 });
    expect(core.services.intel.repository.cvesOfAdvisory('KB5034129')).toEqual(['CVE-2024-20674']);
    expect(core.services.intel.cve('CVE-2024-20674').affected).toMatchObject([{ source: 'msrc', distribution: 'windows', release: 'Windows Server 2022', package: 'KB5034129' }]);
    await core.close();
  });
});
