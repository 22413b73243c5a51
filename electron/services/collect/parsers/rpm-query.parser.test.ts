import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRpmQuery } from './rpm-query.parser';
import { gzippedText, randomBytesText } from '../../../test-support/binary-garbage';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

function parsed(stdout: string) {
  const r = parseRpmQuery({ stdout, exitCode: 0 });
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe('rpm-query', () => {
  it('reads the RHEL 9 JSON-lines sample (no trailing newline): 27 rows, gpg-pubkey skipped', () => {
    const v = parsed(fixture('osconfig_rhel-9.rpmquery-a-json.stdout'));
    expect(v.packages).toHaveLength(26);
    expect(v.packages.some((p) => p.name === 'gpg-pubkey')).toBe(false);
    expect(v.packages.find((p) => p.name === 'vim-filesystem')).toEqual({ name: 'vim-filesystem', version: '2:8.2.2637-20.el9_1', arch: 'noarch', status: 'installed', sourceName: 'vim', sourceVersion: '8.2.2637-20.el9_1' });
    expect(v.packages.find((p) => p.name === 'python3-pyyaml')).toMatchObject({ sourceName: 'PyYAML' });
    expect(v.warnings).toEqual([]);
  });

  it('reads the tab format with the same result', () => {
    const tab = parsed(fixture('handmade_rhel-9.rpm-qa-queryformat-tab.stdout'));
    const json = parsed(fixture('osconfig_rhel-9.rpmquery-a-json.stdout'));
    expect(tab.packages).toEqual(json.packages);
  });

  it('accepts (none) epochs and CRLF, warns on bad rows', () => {
    const v = parsed('bash\t(none)\t5.1.8\t6.el9_1\tx86_64\tbash-5.1.8-6.el9_1.src.rpm\r\ntar\t0\t1.34\t6.el9_1\tx86_64\t(none)\r\nnot a row\r\n');
    expect(v.packages).toEqual([
      { name: 'bash', version: '5.1.8-6.el9_1', arch: 'x86_64', status: 'installed', sourceName: 'bash', sourceVersion: '5.1.8-6.el9_1' },
      { name: 'tar', version: '1.34-6.el9_1', arch: 'x86_64', status: 'installed' },
    ]);
    expect(v.warnings).toHaveLength(1);
  });

  it('rejects failures, empty output and garbage', () => {
    expect(parseRpmQuery({ stdout: '', stderr: 'error: rpmdb: BDB0113 Thread/process failed', exitCode: 1 }).ok).toBe(false);
    expect(parseRpmQuery({ stdout: '', exitCode: 0 }).ok).toBe(false);
    expect(parseRpmQuery({ stdout: '\u0000\u0000\u0007junk\n' }).ok).toBe(false);
  });

  it('refuses binary data, even with real rows inside it, instead of listing packages from it', () => {
    const capture = fixture('osconfig_rhel-9.rpmquery-a-json.stdout');
    const embedded = `${randomBytesText(2000, 7)}\n${capture.split('\n').slice(0, 3).join('\n')}\n${randomBytesText(2000, 8)}`;
    for (const stdout of [randomBytesText(4096, 3), gzippedText(capture), embedded]) {
      expect(parseRpmQuery({ stdout, exitCode: 0 })).toEqual({ ok: false, error: expect.stringMatching(/^rpm output cannot be read: it is binary data, not text/) });
    }
  });
});
