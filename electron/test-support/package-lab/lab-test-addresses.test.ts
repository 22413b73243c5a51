import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LAB_TEST_ADDRESSES } from './lab-test-addresses';

const ELECTRON_DIR = join(__dirname, '..', '..');

function labTestFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return labTestFiles(path);
    return /\.test\.ts$/.test(entry.name) && readFileSync(path, 'utf8').includes('upPackageLab(') ? [path] : [];
  });
}

describe('lab test addresses', () => {
  it('gives every lab test its own prefix, away from npm run lab (127.88.0) and the benches', () => {
    const prefixes = Object.values(LAB_TEST_ADDRESSES);
    expect(new Set(prefixes).size).toBe(prefixes.length);
    for (const prefix of prefixes) expect(prefix).toMatch(/^127\.88\.(20\d|21\d)$/);
  });

  it('is where every test that starts a lab takes its addresses from (no literal prefix)', () => {
    const literal = labTestFiles(ELECTRON_DIR).filter((file) => /addressPrefix:\s*'/.test(readFileSync(file, 'utf8')));
    expect(literal.map((file) => relative(ELECTRON_DIR, file))).toEqual([]);
  });
});
