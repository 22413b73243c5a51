import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDebianTracker, type TrackerIssueRecord } from './debian-tracker.parser';

const sample = readFileSync(join(__dirname, 'fixtures', 'debian-security-tracker-json_sample.json'));

function readAll(bytes: Uint8Array, what = 'tracker.json'): TrackerIssueRecord[] {
  const issues: TrackerIssueRecord[] = [];
  readDebianTracker(bytes, what, (issue) => issues.push(issue));
  return issues;
}

describe('readDebianTracker', () => {
  it('reads the real sample: resolved/"0", resolved with a version, open with nodsa, a TEMP- id', () => {
    const issues = readAll(sample);
    expect(issues.map((issue) => `${issue.package}/${issue.issueId}`)).toEqual(['389-ds-base/CVE-2012-0833', '389-ds-base/CVE-2016-5405', '389-ds-base/CVE-2016-5416', 'wordpress/TEMP-0000000-0CA7E3']);
    expect(issues[0]?.releases).toEqual([
      { release: 'bullseye', status: 'not_affected', fixedVersion: null, urgency: 'unimportant', note: null },
      { release: 'sid', status: 'not_affected', fixedVersion: null, urgency: 'unimportant', note: null },
    ]);
    expect(issues[1]).toMatchObject({ debianBug: 842121, scope: 'local', releases: [{ release: 'bullseye', status: 'fixed', fixedVersion: '1.3.5.15-1', urgency: 'not yet assigned' }, { release: 'sid', status: 'fixed' }] });
    expect(issues[2]?.releases[0]).toEqual({ release: 'bullseye', status: 'open', fixedVersion: null, urgency: 'not yet assigned', note: 'no DSA: Minor issue (ignored)' });
    expect(issues[3]).toMatchObject({ description: null, debianBug: null });
  });

  it('reads the same data compact, with a BOM and escaped quotes in names', () => {
    const compact = Buffer.from(`\uFEFF${JSON.stringify({ 'a"b': JSON.parse(sample.toString('utf8'))['wordpress'] })}`);
    expect(readAll(compact).map((issue) => issue.package)).toEqual(['a"b']);
  });

  it('refuses a truncated file at any cut (the import transaction then drops what was read)', () => {
    for (const cut of [1, 100, 1500, sample.length - 3]) {
      const seen: string[] = [];
      expect(() => readDebianTracker(sample.subarray(0, cut), 'cut.json', (issue) => seen.push(issue.issueId))).toThrow(/^cut.json is truncated/);
      expect(seen.length).toBeLessThanOrEqual(4);
    }
  });

  it('refuses foreign JSON, other formats and an empty object, naming the file', () => {
    expect(() => readAll(readFileSync(join(__dirname, 'fixtures', 'cisa_kev_2022-08-18_one-entry.json')), 'kev.json')).toThrow(/^kev.json is not the Debian security tracker's JSON/);
    expect(() => readAll(Buffer.from('[1,2]'), 'a.json')).toThrow('a.json is not a JSON object (it starts with "[1,2]")');
    expect(() => readAll(Buffer.from('{}'), 'e.json')).toThrow('e.json is an empty JSON object');
    expect(() => readAll(Buffer.from('{"p": {"CVE-2024-1234": {"description": "no releases"}}}'), 'r.json')).toThrow(`r.json is not the Debian security tracker's JSON: p/CVE-2024-1234 is not an issue with "releases" by codename`);
    expect(() => readAll(Buffer.from('{"p": {"DSA-1": {"releases": {}}}}'), 'd.json')).toThrow('d.json holds no CVE or TEMP- issue');
    expect(() => readAll(Buffer.from('{"p": {}} trailing'), 't.json')).toThrow(/unexpected "trailing"/);
    expect(() => readAll(Buffer.from(''), 'z.json')).toThrow('z.json is empty');
  });

  it('leaves out odd issue ids and reads unknown statuses as undetermined, with warnings', () => {
    const issues: TrackerIssueRecord[] = [];
    const result = readDebianTracker(Buffer.from('{"p": {"CVE-2024-1234": {"releases": {"sid": {"status": "weird", "fixed_version": "1.0"}}}, "CVE-2024-XXXX": {"releases": {}}}}'), 'o.json', (issue) => issues.push(issue));
    expect(issues[0]?.releases).toEqual([{ release: 'sid', status: 'undetermined', fixedVersion: null, urgency: null, note: null }]);
    expect(result.warnings).toEqual(['1 issues whose id is neither a CVE nor a TEMP- id were left out (p/CVE-2024-XXXX)', '1 release states had a status the tracker did not use before (weird); they count as undetermined']);
  });

  it('reads a large generated file package by package', () => {
    const packages: Record<string, unknown> = {};
    for (let index = 0; index < 20_000; index++) packages[`pkg${index}`] = { [`CVE-2024-${10000 + index}`]: { releases: { bookworm: { status: 'resolved', fixed_version: `1.${index}`, urgency: 'low' } } } };
    let count = 0;
    const result = readDebianTracker(Buffer.from(JSON.stringify(packages)), 'big.json', () => count++);
    expect(result).toEqual({ packages: 20_000, issues: 20_000, warnings: [] });
    expect(count).toBe(20_000);
  });
});
