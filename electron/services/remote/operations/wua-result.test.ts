import { describe, expect, it } from 'vitest';
import { kbDigits, kbName } from './windows-kb';
import { describeHresult, hresultHex, wuaResultCode } from './wua-codes';
import { parseWuaTaskResult } from './wua-result';
import { pollScript, startTaskScript, uploadChunkScript } from './wua-task';
import { WUA_TASK_SCRIPT } from './wua-task-script';

const record = { updateId: '2f3c1a0e-7c2b-4d1e-9a55-0c8f1b2d3e4f', revision: 200, kbs: '5021233', title: 'Cumulative Update (KB5021233)', isInstalled: false, isUninstallable: true, rebootBehavior: 1, downloadResultCode: 2, downloadHResult: 0, resultCode: 3, hresult: -2145124330, rebootRequired: true, exitCode: null, action: 'install' };
const result = { format: 1, round: 1, mode: 'install', status: 'ok', error: null, hresult: null, rebootPendingBefore: false, rebootRequired: true, rebootSignals: { systemInfo: true, cbsRebootPending: false, wuRebootRequired: true }, updates: record };

describe('WUA result parsing and names', () => {
  it('accepts PowerShell 5.1 one-element lists written as bare values, and a byte-order mark', () => {
    const parsed = parseWuaTaskResult(`\uFEFF${JSON.stringify(result)}`);
    expect(parsed.ok && parsed.value.updates).toEqual([{ ...record, kbs: ['5021233'] }]);
  });

  it('names what is wrong in a result it cannot read', () => {
    expect(parseWuaTaskResult('{"format":1')).toEqual({ ok: false, message: 'result.json is not JSON' });
    expect(parseWuaTaskResult(JSON.stringify({ ...result, status: 'maybe' }))).toMatchObject({ ok: false, message: expect.stringContaining('result.json: status:') });
  });

  it('names result codes and HRESULTs, signed or not', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map(wuaResultCode)).toEqual(['not_started', 'in_progress', 'succeeded', 'succeeded_with_errors', 'failed', 'aborted', null]);
    expect(describeHresult(-2145124330)).toBe('0x80240016 WU_E_INSTALL_NOT_ALLOWED');
    expect(describeHresult(0x8024a007)).toBe('0x8024A007 WU_E_REBOOT_IN_PROGRESS');
    expect(describeHresult(0x80249999)).toBe('0x80249999');
    expect(hresultHex(3010)).toBe('0x00000BC2');
  });

  it('accepts KB ids only in their exact shape', () => {
    expect(kbDigits('KB5021233')).toBe('5021233');
    expect(kbName(' kb5021233 ')).toBe('KB5021233');
    for (const bad of ['KB', 'KB123', "KB5021233'", 'KB5021233;calc', '5021233 5021234', 'KB123456789']) expect(() => kbDigits(bad)).toThrow(RangeError);
  });
});

describe('the scripts Patchdesk sends', () => {
  it('keeps the task script constant and carries parameters only as base64 JSON', () => {
    expect(WUA_TASK_SCRIPT).not.toMatch(/\$\{/);
    const script = startTaskScript('0123456789abcdef', { mode: 'install', round: 2, kbs: ['5021233'], updateIds: [] }, 'ab'.repeat(32));
    const encoded = /FromBase64String\('([A-Za-z0-9+/=]+)'\)\)\n/.exec(script)?.[1] ?? '';
    expect(JSON.parse(Buffer.from(encoded, 'base64').toString('utf8'))).toEqual({ mode: 'install', round: 2, kbs: ['5021233'], updateIds: [], pins: [] });
    const pinned = startTaskScript('0123456789abcdef', { mode: 'install', round: 1, kbs: ['5021233'], updateIds: ['00005021-1111-4222-8333-000005021233'], pins: ['00005021-1111-4222-8333-000005021233@200'] }, 'ab'.repeat(32));
    const pinnedParams = /FromBase64String\('([A-Za-z0-9+/=]+)'\)\)\n/.exec(pinned)?.[1] ?? '';
    expect(JSON.parse(Buffer.from(pinnedParams, 'base64').toString('utf8'))).toMatchObject({ pins: ['00005021-1111-4222-8333-000005021233@200'] });
    expect(script).toContain("-UserId 'S-1-5-18' -LogonType ServiceAccount -RunLevel Highest");
    expect(script).not.toContain('5021233');
  });

  it('fits every script on a WinRM command line', () => {
    const encodedLength = (script: string) => Math.ceil((Buffer.byteLength(`$ProgressPreference = 'SilentlyContinue'\n${script}`, 'utf16le') * 4) / 3);
    const chunk = 'A'.repeat(1800);
    for (const script of [uploadChunkScript('0123456789abcdef', 0, chunk), startTaskScript('0123456789abcdef', { mode: 'install', round: 1, kbs: Array.from({ length: 40 }, (_, index) => String(5_000_000 + index)), updateIds: [] }, 'ab'.repeat(32)), pollScript('0123456789abcdef')]) {
      expect(encodedLength(script) + 60).toBeLessThan(8191);
    }
  });
});
