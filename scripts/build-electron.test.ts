import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const out = mkdtempSync(join(tmpdir(), 'patchdesk-electron-build-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('the Electron shell build', () => {
  it('bundles main and preload, keeping native modules and electron external', () => {
    execFileSync(process.execPath, ['scripts/build-electron.mjs', out], { cwd: new URL('..', import.meta.url).pathname, stdio: 'pipe' });
    const main = readFileSync(join(out, 'main.cjs'), 'utf8');
    const preload = readFileSync(join(out, 'preload.cjs'), 'utf8');
    expect(main).toContain('require("electron")');
    expect(main).toContain('require("better-sqlite3")');
    expect(preload).toContain('exposeInMainWorld');
    expect(preload).not.toContain('better-sqlite3');
  }, 60_000);
});
