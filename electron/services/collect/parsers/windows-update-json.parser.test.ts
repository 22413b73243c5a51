import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseWindowsUpdateJson } from './windows-update-json.parser';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

function parsed(stdout: string) {
  const r = parseWindowsUpdateJson({ stdout, exitCode: 0 });
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe('windows-update-json', () => {
  it('reads an array with localised titles, keyed on KB and GUID', () => {
    const v = parsed(fixture('handmade_windows-server-2022.wua-search.json'));
    expect(v.updates.map((u) => [u.name, u.security, u.severity ?? null])).toEqual([
      ['KB5039227', true, 'Critical'],
      ['KB2267602', false, null],
      ['KB5039343', false, null],
    ]);
    expect(v.windowsUpdates[0]).toMatchObject({ kb: ['5039227'], cves: ['CVE-2024-30080', 'CVE-2024-30078'], rebootBehavior: 1, categoryIds: ['0fa1201d-4330-4fa8-8ae9-b877473b6441', '71ba6d7f-8b1f-4a8d-9d8a-4a1b2c3d4e5f'], isSecurity: true });
    expect(v.windowsUpdates[1]).toMatchObject({ kb: ['2267602'], categories: ['Definitionsupdates'], revision: 200, rebootBehavior: 0, msrcSeverity: null });
    expect(v.warnings).toEqual([]);
  });

  it('reads a single collapsed object with nested identity and reboot behaviour', () => {
    const v = parsed(fixture('handmade_windows-10.wua-search-single-object.json'));
    expect(v.windowsUpdates).toEqual([
      {
        updateId: 'b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d05',
        revision: 1,
        kb: ['5039211'],
        title: '2024-06 Cumulative Update for Windows 10 Version 22H2 for x64-based Systems (KB5039211)',
        msrcSeverity: 'Important',
        cves: ['CVE-2024-30080'],
        bulletins: [],
        categories: ['Security Updates'],
        categoryIds: ['0fa1201d-4330-4fa8-8ae9-b877473b6441'],
        rebootBehavior: 1,
        rebootRequired: false,
        isSecurity: true,
        isDownloaded: true,
        isMandatory: false,
        lastDeploymentChangeAt: null,
      },
    ]);
    expect(v.updates[0]).toMatchObject({ name: 'KB5039211', advisories: ['KB5039211'], kind: 'patch' });
    expect(v.updates[0]).not.toHaveProperty('publishedAt');
  });

  it('takes LastDeploymentChangeTime as the publication date in every form PowerShell writes, and drops an unreadable one with a warning', () => {
    const update = (kb: string, date: unknown) => ({ UpdateID: `id-${kb}`, KBArticleIDs: [kb], MsrcSeverity: 'Critical', LastDeploymentChangeTime: date });
    const v = parsed(
      JSON.stringify([update('5000001', '2024-06-11T17:00:00Z'), update('5000002', '/Date(1718125200000)/'), update('5000003', { value: '2024-06-11T19:00:00+02:00', DateTime: 'x' }), update('5000004', '11.06.2024 17:00'), update('5000005', null)]),
    );
    expect(v.updates.map((u) => [u.name, u.publishedAt ?? null, u.publishedBasis ?? null])).toEqual([
      ['KB5000001', '2024-06-11T17:00:00.000Z', 'published'],
      ['KB5000002', '2024-06-11T17:00:00.000Z', 'published'],
      ['KB5000003', '2024-06-11T17:00:00.000Z', 'published'],
      ['KB5000004', null, null],
      ['KB5000005', null, null],
    ]);
    expect(v.warnings).toEqual(['update KB5000004: unreadable LastDeploymentChangeTime "11.06.2024 17:00"; its SLA clock starts when first seen']);
  });

  it('reads [] with a BOM as no updates, and the {value, Count} wrapper', () => {
    expect(parsed(fixture('handmade_windows.wua-search-none.json')).updates).toEqual([]);
    expect(parsed('{"value":[{"UpdateID":"x1","KBArticleIDs":["KB123"]}],"Count":1}').updates.map((u) => u.name)).toEqual(['KB123']);
  });

  it('rejects blank output, non-JSON, failures and elements without identity', () => {
    expect(parseWindowsUpdateJson({ stdout: '', exitCode: 0 }).ok).toBe(false);
    expect(parseWindowsUpdateJson({ stdout: 'Exception calling "Search" with "1" argument(s): "0x8024402C"', exitCode: 1 }).ok).toBe(false);
    expect(parseWindowsUpdateJson({ stdout: '<Objs Version="1.1.0.1"/>' }).ok).toBe(false);
    expect(parseWindowsUpdateJson({ stdout: '"just a string"' }).ok).toBe(false);
    expect(parseWindowsUpdateJson({ stdout: '[{"Title":"no id"}]' }).ok).toBe(false);
  });
});
