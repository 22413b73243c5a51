import { describe, expect, it } from 'vitest';
import { HostCollection } from '../../../../shared/contract/patch-status';
import { powershellArguments } from '../../remote/winrm';
import { collectWindows } from './windows-collector';
import { parseWindowsCollection } from './windows-collection.parser';
import { WINDOWS_COLLECTOR_REMOTE_SCRIPT, WINDOWS_COLLECTOR_SCRIPT } from './windows-collector.script';

const context = { collectedAt: '2024-03-20T10:00:00Z', method: 'winrm' as const };
const SECURITY = '0fa1201d-4330-4fa8-8ae9-b877473b6441';

const cumulative = {
  UpdateID: 'A7B3C1D2-0000-4C5E-9F00-1234567890AB',
  RevisionNumber: 1,
  Title: '2024-03 Cumulative Update for Microsoft server operating system version 21H2 for x64-based Systems (KB5035857)',
  KBArticleIDs: ['5035857'],
  MsrcSeverity: 'Critical',
  CveIDs: ['CVE-2024-21407', 'CVE-2024-21408'],
  SecurityBulletinIDs: [],
  Categories: [{ Name: 'Security Updates', CategoryID: SECURITY }, { Name: 'Microsoft Server operating system-21H2', CategoryID: '0a4c6c73-8887-4d7f-9cbe-d08fa8fa9d1e' }],
  RebootRequired: false,
  RebootBehavior: 1,
  IsDownloaded: true,
  IsMandatory: false,
};
const defender = {
  UpdateID: 'e0789628-1111-2222-3333-444455556666',
  RevisionNumber: 200,
  Title: 'Security Intelligence Update for Microsoft Defender Antivirus - KB2267602 (Version 1.407.350.0)',
  KBArticleIDs: ['2267602'],
  MsrcSeverity: '',
  CveIDs: [],
  SecurityBulletinIDs: [],
  Categories: [{ Name: 'Definition Updates', CategoryID: 'e0789628-ce08-4437-be74-2495b842f43b' }],
  RebootRequired: false,
  RebootBehavior: 0,
  IsDownloaded: false,
  IsMandatory: false,
};

function doc(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    schema: 1,
    hostname: 'SRV-FILE01',
    os: { caption: 'Microsoft Windows Server 2022 Standard', version: '10.0.20348', build: '20348', ubr: 2340, displayVersion: '21H2', releaseId: '2009', installationType: 'Server', productType: 3, lastBoot: '2024-03-13T08:00:00Z' },
    hotfixes: [
      { id: 'KB5034439', description: 'Security Update', installedOn: '2024-02-14' },
      { id: 'KB5034770', description: 'Update', installedOn: '2024-02-28' },
      { id: 'KB5012170', description: 'Security Update', installedOn: null },
    ],
    updates: [cumulative, defender],
    reboot: { reasons: ['cbs', 'pfro'] },
    warnings: [],
    ...overrides,
  };
}

const print = (d: unknown, header = true) => `${header ? '# patchdesk-collection v1 platform=windows\r\n' : ''}${JSON.stringify(d)}\r\n=== patchdesk end ===\r\n`;

function ok(text: string) {
  const r = parseWindowsCollection(text, context);
  if (!r.ok) throw new Error(r.message);
  expect(HostCollection.safeParse(r.value).success).toBe(true);
  return r.value;
}

describe('parseWindowsCollection', () => {
  it('reads a server with pending updates, hotfixes and a pending reboot', () => {
    const v = ok(print(doc()));
    expect(v.os).toEqual({ id: 'windows-server', name: 'Microsoft Windows Server 2022 Standard', version: '21H2', build: '10.0.20348.2340' });
    expect(v).toMatchObject({ platform: 'windows', hostname: 'SRV-FILE01', packageManager: 'windows-update', uptimeSeconds: 7 * 86400 + 2 * 3600, rebootRequired: true, lastPatchedAt: '2024-02-28T00:00:00Z' });
    expect(v.rebootReason).toBe('Component Based Servicing has a reboot pending; file rename operations are pending');
    expect(v.installedKbs).toEqual(['KB5034439', 'KB5034770', 'KB5012170']);
    expect(v.installedCount).toBe(3);
    expect(v.pending.map((u) => [u.name, u.security, u.severity])).toEqual([
      ['KB5035857', true, 'Critical'],
      ['KB2267602', false, undefined],
    ]);
    expect(v.pending[0]?.cves).toEqual(['CVE-2024-21407', 'CVE-2024-21408']);
  });

  it('accepts the collapsed and wrapped arrays of Windows PowerShell 5.1', () => {
    const v = ok(
      print(
        doc({
          os: { caption: 'Microsoft Windows 10 Pro', version: '10.0.19045', build: '19045', ubr: 4170, displayVersion: '22H2', releaseId: '2009', installationType: 'Client', productType: 1, lastBoot: null },
          updates: { ...cumulative, KBArticleIDs: '5035845', CveIDs: 'CVE-2024-21407', Categories: { Name: 'Security Updates', CategoryID: SECURITY } },
          hotfixes: { value: [{ id: 'KB5034441', description: 'Security Update', installedOn: '2024-01-10' }], Count: 1 },
          reboot: { reasons: 'wu' },
        }),
        false,
      ),
    );
    expect(v.os).toMatchObject({ id: 'windows', version: '22H2', build: '10.0.19045.4170' });
    expect(v.pending).toHaveLength(1);
    expect(v.pending[0]).toMatchObject({ name: 'KB5035845', security: true, cves: ['CVE-2024-21407'] });
    expect(v.installedKbs).toEqual(['KB5034441']);
    expect(v).toMatchObject({ rebootRequired: true, uptimeSeconds: null });
  });

  it('reads a fully patched host with nothing installed by hotfix', () => {
    const v = ok(print(doc({ updates: [], hotfixes: [], reboot: { reasons: [] } })));
    expect(v).toMatchObject({ pending: [], installedKbs: [], rebootRequired: false, rebootReason: '', lastPatchedAt: null });
  });

  it('fails the host when the Windows Update search failed, keeping the COM error', () => {
    const r = parseWindowsCollection(print(doc({ updates: null, warnings: ['updates: Exception from HRESULT: 0x8024402C'] })), context);
    expect(r).toEqual({ ok: false, code: 'unparseable', message: 'the Windows Update search failed (updates: Exception from HRESULT: 0x8024402C)' });
  });

  it('turns other failed parts into warnings', () => {
    const v = ok(print(doc({ hotfixes: null, reboot: null, os: null, warnings: ['hotfixes: Access is denied.', 'os: Invalid class'] })));
    expect(v.warnings).toEqual(['hotfixes: Access is denied.', 'os: Invalid class', 'the OS details could not be read', 'installed updates (Get-HotFix) could not be read']);
    expect(v).toMatchObject({ rebootRequired: null, installedKbs: [], os: { id: 'windows', name: 'Windows' } });
  });

  it.each([
    ['a missing end line', `# patchdesk-collection v1 platform=windows\n${JSON.stringify(doc())}\n`, /truncated/],
    ['cut-off JSON', `${JSON.stringify(doc()).slice(0, 200)}\n=== patchdesk end ===\n`, /invalid JSON/],
    ['a Linux header', `# patchdesk-collection v1 platform=linux run=ab\n${JSON.stringify(doc())}\n=== patchdesk end ===\n`, /platform=linux/],
    ['some other JSON', `{"value":[1,2]}\n=== patchdesk end ===\n`, /schema 1/],
    ['no JSON at all', 'Get-HotFix : access denied\n', /no JSON/],
  ])('rejects %s', (_label, text, message) => {
    const r = parseWindowsCollection(text, context);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });
});

describe('the Windows collector script', () => {
  it('fits the cmd.exe command line WinRM starts it through', () => {
    expect(['powershell.exe', ...powershellArguments(WINDOWS_COLLECTOR_REMOTE_SCRIPT)].join(' ').length).toBeLessThanOrEqual(8191);
  });

  it('keeps every part of the readable script in the compact one', () => {
    for (const part of ["Part 'os'", "Part 'hotfixes'", "Part 'updates'", "Part 'reboot'", 'ConvertTo-Json -InputObject $r -Depth 6 -Compress', "'=== patchdesk end ==='"]) {
      expect(WINDOWS_COLLECTOR_REMOTE_SCRIPT).toContain(part);
    }
    expect(WINDOWS_COLLECTOR_SCRIPT).toContain('IsInstalled=0 and IsHidden=0 and Type=\'Software\'');
    expect(WINDOWS_COLLECTOR_REMOTE_SCRIPT).not.toMatch(/^#/m);
  });
});

describe('collectWindows', () => {
  it('runs the compact script and parses its output', async () => {
    const scripts: string[] = [];
    const r = await collectWindows(async (script) => {
      scripts.push(script);
      return { stdout: print(doc()), stderr: '', exitCode: 0 };
    });
    expect(scripts).toEqual([WINDOWS_COLLECTOR_REMOTE_SCRIPT]);
    expect(r).toMatchObject({ ok: true, value: { method: 'winrm', hostname: 'SRV-FILE01' } });
  });

  it('reports transport errors by code and PowerShell failures with stderr', async () => {
    const denied = Object.assign(new Error('access denied'), { code: 'auth_failed' });
    expect(await collectWindows(() => Promise.reject(denied))).toEqual({ ok: false, code: 'auth_failed', message: 'access denied' });
    const r = await collectWindows(async () => ({ stdout: '', stderr: '<Objs><S S="Error">The term Get-CimInstance is not recognized</S></Objs>', exitCode: 1 }), { method: 'ssh-powershell' });
    expect(r).toMatchObject({ ok: false, code: 'unparseable', message: expect.stringMatching(/exited 1: .*Get-CimInstance is not recognized/) });
  });
});
