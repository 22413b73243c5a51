import { describe, expect, it } from 'vitest';
import { parseMsrc } from './msrc.parser';

// No real Microsoft sample exists yet (formats.md has none): these documents follow the documented shapes.
const cvrf = {
  DocumentTitle: { Value: 'January 2024 Security Updates' },
  DocumentTracking: { Identification: { ID: { Value: '2024-Jan' } }, CurrentReleaseDate: '2024-01-09T08:00:00' },
  ProductTree: { FullProductName: [{ ProductID: '11568', Value: 'Windows 10 Version 1809 for x64-based Systems' }, { ProductID: '12085', Value: 'Windows Server 2022' }] },
  Vulnerability: [
    {
      CVE: 'CVE-2024-20674',
      Remediations: [
        { Description: { Value: '5034127' }, Type: 2, ProductID: ['11568'], FixedBuild: '10.0.17763.5329' },
        { Description: { Value: '5034129' }, Type: 2, ProductID: ['12085'] },
        { Description: { Value: 'Release Notes' }, Type: 2, ProductID: ['12085'] },
        { Description: { Value: 'Disable the feature' }, Type: 0, ProductID: ['12085'] },
      ],
    },
    { CVE: 'CVE-2024-20700', Remediations: [{ Description: { Value: '5034127' }, Type: 2, ProductID: ['11568', '99999'] }] },
  ],
};

describe('parseMsrc', () => {
  it('maps KBs to the CVEs they fix, per product, from CVRF JSON', () => {
    const parsed = parseMsrc(cvrf, 'cvrf.json');
    expect(parsed).toMatchObject({ documentId: '2024-Jan', released: '2024-01-09T08:00:00.000Z', warnings: ['product id 99999 is not in the document\'s product tree'] });
    expect(parsed.advisories.map((advisory) => [advisory.advisoryId, advisory.cveIds])).toEqual([
      ['KB5034127', ['CVE-2024-20674', 'CVE-2024-20700']],
      ['KB5034129', ['CVE-2024-20674']],
    ]);
    expect(parsed.advisories[0]?.affected).toEqual([
      { source: 'msrc', distribution: 'windows', release: 'Windows 10 Version 1809 for x64-based Systems', ecosystem: 'msrc:2024-Jan', package: 'KB5034127', vulnId: null, advisoryId: 'KB5034127', status: 'fixed', fixedVersion: '10.0.17763.5329', urgency: null, note: null },
    ]);
  });

  it('reads the same from a minimal CSAF document', () => {
    const csaf = {
      document: { title: 'CVE-2024-20674 Windows Kerberos', tracking: { id: 'CVE-2024-20674', current_release_date: '2024-01-09T08:00:00Z' } },
      product_tree: { branches: [{ branches: [{ product: { product_id: '11568', name: 'Windows 10 Version 1809' } }] }] },
      vulnerabilities: [{ cve: 'CVE-2024-20674', remediations: [{ category: 'vendor_fix', details: '5034127', product_ids: ['11568'], url: 'https://catalog.update.microsoft.com/v7/site/Search.aspx?q=KB5034127' }] }],
    };
    const parsed = parseMsrc(csaf, 'csaf.json');
    expect(parsed.advisories).toMatchObject([{ advisoryId: 'KB5034127', cveIds: ['CVE-2024-20674'], affected: [{ release: 'Windows 10 Version 1809', fixedVersion: 'KB5034127' }] }]);
  });

  it('refuses other JSON and documents that name no KB', () => {
    expect(() => parseMsrc({ a: 1 }, 'x.json')).toThrow(/^x.json is not a Microsoft security update document/);
    expect(() => parseMsrc({ ...cvrf, Vulnerability: [] }, 'e.json')).toThrow('e.json (2024-Jan) names no KB article that fixes a CVE');
  });
});
