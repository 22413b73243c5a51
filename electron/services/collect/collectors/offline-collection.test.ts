import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HostCollection } from '../../../../shared/contract/patch-status';
import { LINUX_COLLECTOR_SCRIPT } from './linux-collector.script';
import { collectScript, decodeCollectionFile, parseCollectionFile } from './offline-collection';
import { WINDOWS_COLLECTOR_SCRIPT } from './windows-collector.script';

const windowsFile = [
  '# patchdesk-collection v1 platform=windows',
  JSON.stringify({ schema: 1, hostname: 'PC-07', os: { caption: 'Microsoft Windows 11 Pro', version: '10.0.22631', build: '22631', ubr: 3296, displayVersion: '23H2', installationType: 'Client', productType: 1, lastBoot: '2024-03-01T07:00:00Z' }, hotfixes: [], updates: [], reboot: { reasons: [] }, warnings: [] }),
  '=== patchdesk end ===',
  '',
].join('\r\n');

describe('offline collection', () => {
  it('hands out the same scripts the remote collectors run', () => {
    expect(collectScript('linux')).toBe(LINUX_COLLECTOR_SCRIPT);
    expect(collectScript('windows')).toBe(WINDOWS_COLLECTOR_SCRIPT);
    expect(collectScript('linux')).toContain('sh patchdesk-collect.sh >');
  });

  it.skipIf(!existsSync('/usr/bin/apt-get'))('round-trips a file produced by running the Linux script here', () => {
    const file = spawnSync('sh', ['-s'], { input: collectScript('linux'), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 300_000 }).stdout;
    const r = parseCollectionFile(file, '2026-11-22T12:00:00Z');
    if (!r.ok) throw new Error(r.message);
    expect(HostCollection.safeParse(r.value).success).toBe(true);
    expect(r.value).toMatchObject({ method: 'offline-file', platform: 'linux', packageManager: 'apt', collectedAt: '2026-11-22T12:00:00Z' });
    expect(r.value.installed.length).toBeGreaterThan(0);

    const cut = file.slice(0, Math.floor(file.length * 0.6));
    expect(parseCollectionFile(cut)).toEqual({ ok: false, message: expect.stringMatching(/truncated/) });
    expect(parseCollectionFile(file.replace(/\n=== patchdesk end run=[0-9a-f]+ ===\n$/, '\n'))).toEqual({ ok: false, message: expect.stringMatching(/truncated/) });
  });

  it('reads a Windows file, also when PowerShell saved it as UTF-16', () => {
    const r = parseCollectionFile(windowsFile);
    expect(r).toMatchObject({ ok: true, value: { method: 'offline-file', platform: 'windows', hostname: 'PC-07', os: { id: 'windows', build: '10.0.22631.3296' } } });
    const utf16 = new Uint8Array([0xff, 0xfe, ...Buffer.from(windowsFile, 'utf16le')]);
    expect(parseCollectionFile(decodeCollectionFile(utf16))).toMatchObject({ ok: true, value: { hostname: 'PC-07' } });
    expect(parseCollectionFile(Buffer.from(utf16).toString('utf8'))).toEqual({ ok: false, message: expect.stringMatching(/UTF-16/) });
  });

  it.each([
    ['an empty file', '', /empty/],
    ['an nmap report', '<?xml version="1.0"?>\n<nmaprun scanner="nmap">\n</nmaprun>\n', /not a Patchdesk collection file/],
    ['plain apt output', 'Inst libc6 [2.36-9] (2.36-9+deb12u4 Debian:12.5/stable [amd64])\n', /not a Patchdesk collection file/],
    ['a newer format', '# patchdesk-collection v2 platform=linux run=ab\n', /newer than this Patchdesk/],
    ['an unknown platform', '# patchdesk-collection v1 platform=plan-nine\n', /plan-nine/],
  ])('rejects %s', (_label, text, message) => {
    expect(parseCollectionFile(text)).toEqual({ ok: false, message: expect.stringMatching(message) });
  });
});
