import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDirs } from '../../test-support/temp-dir';
import { runCliCapturing } from '../../test-support/run-cli';

afterEach(() => {
  removeTempDirs();
  process.exitCode = undefined;
});

/** The CLI over one data folder. */
function run(dataDir: string, ...args: string[]) {
  return runCliCapturing(dataDir, args);
}

describe('patchdesk evidence key', () => {
  it('prints the installation key, the same one every time, as text or JSON', async () => {
    const dataDir = makeTempDir();
    const first = await run(dataDir, 'evidence', 'key');
    expect(first.code).toBe(0);
    const fingerprint = /Fingerprint: (SHA256:\S+)/.exec(first.out)?.[1];
    expect(fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect(first.out).toContain(`patchdesk verify PACK.zip --key ${fingerprint}`);
    expect(first.out).toContain('-----BEGIN PUBLIC KEY-----');
    expect(first.out).not.toContain('PRIVATE');
    const json = await run(dataDir, 'evidence', 'key', '--json');
    expect(JSON.parse(json.out)).toMatchObject({ algorithm: 'Ed25519', fingerprint });
  });

  it('shows its usage for anything else', async () => {
    expect(await run(makeTempDir(), 'evidence')).toMatchObject({ code: 2, err: expect.stringContaining('patchdesk evidence key') });
  });
});

describe('patchdesk evidence --site --out, then patchdesk verify', () => {
  it('writes a pack that verifies, and fails verification once one byte changes', async () => {
    const dataDir = makeTempDir();
    const { join } = await import('node:path');
    const { readFileSync, writeFileSync } = await import('node:fs');
    expect((await run(dataDir, 'site', 'add', 'Lab', '--timezone', 'Europe/Berlin')).code).toBe(0);
    const out = join(makeTempDir(), 'pack.zip');
    const exported = await run(dataDir, 'evidence', '--site', 'Lab', '--from', '2026-10-01', '--to', '2026-10-31', '--out', out);
    expect(exported).toMatchObject({ code: 0, out: expect.stringContaining(`Wrote ${out}`) });
    const verified = await run(dataDir, 'verify', out);
    expect(verified.code).toBe(0);
    expect(verified.out).toContain('report.pdf');

    const bytes = readFileSync(out);
    const at = bytes.indexOf(Buffer.from('report.pdf')) + 200;
    bytes[at] = (bytes[at] ?? 0) ^ 0xff;
    writeFileSync(out, bytes);
    const tampered = await run(dataDir, 'verify', out);
    expect(tampered.code).toBe(1);
    expect(`${tampered.out}\n${tampered.err}`).toMatch(/report\.pdf|not a readable evidence pack/);
  }, 60_000);

  it('names what is missing or malformed', async () => {
    const dataDir = makeTempDir();
    await run(dataDir, 'site', 'add', 'Lab');
    expect(await run(dataDir, 'evidence', '--site', 'Lab')).toMatchObject({ code: 2, err: expect.stringContaining('--out FILE.zip') });
    expect(await run(dataDir, 'evidence', '--site', 'Lab', '--from', '2026-10-01', '--out', 'x.zip')).toMatchObject({ code: 2, err: expect.stringContaining('both --from and --to') });
    expect(await run(dataDir, 'evidence', '--site', 'Lab', '--from', '1.10.2026', '--to', '2026-10-31', '--out', 'x.zip')).toMatchObject({ code: 2, err: expect.stringContaining('"1.10.2026" is not a date') });
  });
});
