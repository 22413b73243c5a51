import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const out = mkdtempSync(join(tmpdir(), 'patchdesk-electron-build-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('the Electron shell build', () => {
  it('bundles main, the core process and preload, keeping native modules and electron external; only the core has the database', () => {
    execFileSync(process.execPath, ['scripts/build-electron.mjs', out], { cwd: new URL('..', import.meta.url).pathname, stdio: 'pipe' });
    const main = readFileSync(join(out, 'main.cjs'), 'utf8');
    const core = readFileSync(join(out, 'core.cjs'), 'utf8');
    const preload = readFileSync(join(out, 'preload.cjs'), 'utf8');
    expect(main).toContain('require("electron")');
    // The main process relays to the core process and never opens the database itself.
    expect(main).not.toContain('better-sqlite3');
    expect(core).toContain('require("better-sqlite3")');
    expect(core).not.toContain('require("electron")');
    expect(preload).toContain('exposeInMainWorld');
    expect(preload).not.toContain('better-sqlite3');
  }, 60_000);
});
