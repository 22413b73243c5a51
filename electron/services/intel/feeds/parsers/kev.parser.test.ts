import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FeedFormatError } from '../feed-error';
import { parseKev } from './kev.parser';

const fixture = (name: string) => JSON.parse(readFileSync(join(__dirname, 'fixtures', name), 'utf8')) as unknown;

describe('parseKev', () => {
  it('reads the real 2022-08-18 catalogue (trimmed to one entry, count still 801)', () => {
    const kev = parseKev(fixture('cisa_kev_2022-08-18_one-entry.json'), 'kev.json');
    expect(kev).toMatchObject({ catalogVersion: '2022.08.18', dateReleased: '2022-08-18T13:36:57.4469Z', count: 801 });
    expect(kev.warnings).toEqual(['the catalogue says it has 801 entries but lists 1 (a trimmed or damaged copy?)']);
    expect(kev.entries).toEqual([
      {
        cveId: 'CVE-2022-21971',
        vendorProject: 'Microsoft',
        product: 'Windows',
        vulnerabilityName: 'Microsoft Windows Runtime Remote Code Execution Vulnerability',
        dateAdded: '2022-08-18',
        shortDescription: 'Microsoft Windows Runtime contains an unspecified vulnerability which allows for remote code execution.',
        requiredAction: 'Apply updates per vendor instructions.',
        dueDate: '2022-09-08',
        knownRansomwareCampaignUse: 'Unknown',
        notes: 'https://msrc.microsoft.com/update-guide/vulnerability/CVE-2022-21971',
        cwes: [],
        rawJson: expect.stringContaining('"cveID":"CVE-2022-21971"'),
      },
    ]);
  });

  it('trims trailing spaces and keeps unknown fields in the raw record', () => {
    const entry = { cveID: 'CVE-2024-3094 ', vendorProject: 'XZ ', product: 'Utils', vulnerabilityName: 'n', dateAdded: '2024-04-01', shortDescription: 's', requiredAction: 'r', dueDate: '2024-04-22', knownRansomwareCampaignUse: 'Known', cwes: ['CWE-506'], forensicTriage: 'Yes' };
    const kev = parseKev({ catalogVersion: '2024.04.01', dateReleased: '2024-04-01T12:00:00Z', count: 1, vulnerabilities: [entry] }, 'kev.json');
    expect(kev.warnings).toEqual([]);
    expect(kev.entries[0]).toMatchObject({ cveId: 'CVE-2024-3094', vendorProject: 'XZ', knownRansomwareCampaignUse: 'Known', cwes: ['CWE-506'], notes: null });
    expect(JSON.parse(kev.entries[0]?.rawJson ?? '{}')).toMatchObject({ forensicTriage: 'Yes' });
  });

  it('refuses foreign JSON (the KEV schema itself) and broken entries, naming the file and the place', () => {
    expect(() => parseKev(fixture('cisa_kev_schema.json'), 'schema.json')).toThrow(new FeedFormatError('schema.json is not a CISA KEV catalogue: it has no "catalogVersion" and "vulnerabilities" list'));
    expect(() => parseKev([], 'x.json')).toThrow(/x.json is not a CISA KEV catalogue/);
    const base = { catalogVersion: '1', dateReleased: '2024-04-01T12:00:00.1234567Z', count: 1 };
    expect(() => parseKev({ ...base, vulnerabilities: [{ cveID: 'CVE-24-1' }] }, 'k.json')).toThrow('k.json, vulnerabilities[0]: "cveID" is CVE-24-1, not a CVE id');
    expect(() => parseKev({ ...base, vulnerabilities: [{ cveID: 'CVE-2024-1234', vendorProject: 'v', product: 'p', vulnerabilityName: 'n', shortDescription: 's', requiredAction: 'r', dateAdded: '2024-4-1', dueDate: '2024-04-22' }] }, 'k.json')).toThrow('"dateAdded" is 2024-4-1, not YYYY-MM-DD');
    expect(() => parseKev({ ...base, dateReleased: 'yesterday', vulnerabilities: [] }, 'k.json')).toThrow('k.json: "dateReleased" is yesterday, not an ISO 8601 time');
  });
});
