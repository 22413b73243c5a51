import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCliBundle, cliBundleIsFresh } from './cli-bundle.mjs';

const root = new URL('..', import.meta.url).pathname;
// Inside the checkout, so the bundle finds node_modules the way the real one does.
mkdirSync(join(root, 'dist'), { recursive: true });
const out = mkdtempSync(join(root, 'dist', 'cli-bundle-test-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('the CLI bundle', () => {
  const bundle = join(out, 'patchdesk.mjs');

  it('is one ES module of our sources that runs the CLI, keeping native modules in node_modules', async () => {
    await buildCliBundle(bundle);
    const code = readFileSync(bundle, 'utf8');
    expect(code).toContain('from "better-sqlite3"');
    const inputs = JSON.parse(readFileSync(join(out, 'inputs.json'), 'utf8')) as string[];
    expect(inputs).toContain('electron/cli/main.ts');
    expect(inputs.every((input) => !input.includes('node_modules'))).toBe(true);
    const help = execFileSync(process.execPath, ['--input-type=module', '-e', `const { runCli } = await import(${JSON.stringify(bundle)}); process.exitCode = await runCli(['--help']);`], { cwd: root, encoding: 'utf8' });
    expect(help).toContain('Usage:');
  }, 60_000);

  it('reads as fresh until a source it was built from is newer than it', () => {
    expect(cliBundleIsFresh(bundle)).toBe(true);
    const past = new Date('2001-01-01T00:00:00Z');
    utimesSync(bundle, past, past);
    expect(cliBundleIsFresh(bundle)).toBe(false);
  });

  it('reads as stale when it or its list of inputs is missing', () => {
    expect(cliBundleIsFresh(join(out, 'nothing-here.mjs'))).toBe(false);
  });
});
