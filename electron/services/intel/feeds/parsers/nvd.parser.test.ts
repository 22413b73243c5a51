import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseNvd } from './nvd.parser';

const sample = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'nvd_api2_CVE-2017-7542.json'), 'utf8')) as { vulnerabilities: { cve: Record<string, unknown> }[] };

describe('parseNvd', () => {
  it('reads the real response: CVSS 3.0 preferred over 2, both kept; CWEs; the CPE range; UTC times', () => {
    const nvd = parseNvd(sample, 'nvd.json');
    expect(nvd).toMatchObject({ version: '2.0', timestamp: '2023-12-12T21:32:13.620Z', warnings: [] });
    expect(nvd.cves).toHaveLength(1);
    const [cve] = nvd.cves;
    expect(cve).toMatchObject({
      cveId: 'CVE-2017-7542',
      sourceIdentifier: 'secalert@redhat.com',
      published: '2017-07-21T16:29:00.393Z',
      lastModified: '2023-02-12T23:30:40.070Z',
      vulnStatus: 'Modified',
      description: expect.stringMatching(/^The ip6_find_1stfragopt function/),
      cvss: { version: '3.0', score: 5.5, severity: 'MEDIUM', vector: 'CVSS:3.0/AV:L/AC:L/PR:L/UI:N/S:U/C:N/I:N/A:H', source: 'nvd@nist.gov', type: 'Primary' },
      cwes: ['CWE-190', 'CWE-835'],
    });
    expect(cve?.scores[1]).toEqual({ version: '2.0', score: 4.9, severity: 'MEDIUM', vector: 'AV:L/AC:L/Au:N/C:N/I:N/A:C', source: 'nvd@nist.gov', type: 'Primary' });
    expect(cve?.products).toEqual([
      { criteria: 'cpe:2.3:o:linux:linux_kernel:*:*:*:*:*:*:*:*', part: 'o', vendor: 'linux', product: 'linux_kernel', version: '*', versionStartIncluding: null, versionStartExcluding: null, versionEndIncluding: '4.12.3', versionEndExcluding: null, vulnerable: true },
    ]);
  });

  it('takes a bare item or CVE object, warns about a partial page, prefers 3.1 Primary', () => {
    const cve = sample.vulnerabilities[0]?.cve ?? {};
    expect(parseNvd({ cve }, 'one.json').cves[0]?.cveId).toBe('CVE-2017-7542');
    expect(parseNvd(cve, 'bare.json').cves[0]?.cveId).toBe('CVE-2017-7542');
    const page = { ...sample, totalResults: 5000, resultsPerPage: 1 };
    expect(parseNvd(page, 'p.json').warnings).toEqual(['this page holds results 1-1 of 5000; import the other pages too']);
    const metrics = {
      cvssMetricV31: [
        { source: 'cna@example.com', type: 'Secondary', cvssData: { version: '3.1', vectorString: 'CVSS:3.1/AV:N', baseScore: 9.8, baseSeverity: 'CRITICAL' } },
        { source: 'nvd@nist.gov', type: 'Primary', cvssData: { version: '3.1', vectorString: 'CVSS:3.1/AV:L', baseScore: 7.8, baseSeverity: 'HIGH' } },
      ],
    };
    expect(parseNvd({ cve: { ...cve, metrics } }, 'm.json').cves[0]?.cvss).toMatchObject({ score: 7.8, source: 'nvd@nist.gov' });
  });

  it('refuses the retired 1.1 feed, other JSON and records without a CVE id', () => {
    expect(() => parseNvd({ CVE_data_type: 'CVE', CVE_Items: [] }, 'nvdcve-1.1-2023.json')).toThrow(/^nvdcve-1.1-2023.json is a retired NVD 1.x feed/);
    expect(() => parseNvd({ format: 'NVD_CVE', version: '1.0', vulnerabilities: [] }, 'old.json')).toThrow('old.json is not an NVD CVE API 2.0 response (format NVD_CVE, version 1.0)');
    expect(() => parseNvd({ hello: 1 }, 'x.json')).toThrow(/has no "vulnerabilities" list/);
    expect(() => parseNvd({ ...sample, vulnerabilities: [{ cve: { id: 'GHSA-1' } }] }, 'g.json')).toThrow('g.json, vulnerabilities[0]: "id" is GHSA-1, not a CVE id');
  });
});
