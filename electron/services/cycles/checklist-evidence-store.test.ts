import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDirs } from '../../test-support/temp-dir';
import { ChecklistEvidenceStore } from './checklist-evidence-store';

afterEach(removeTempDirs);

describe('ChecklistEvidenceStore', () => {
  it('keeps a file once under its SHA-256 and reads it back', () => {
    const dir = makeTempDir();
    const store = new ChecklistEvidenceStore(join(dir, 'cycle-evidence'));
    const bytes = Buffer.from('WSUS report: 42 of 42 computers compliant\n');
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    expect(store.save('C:\\reports\\wsus.txt', bytes.toString('base64'), 'evidence.0')).toEqual({ name: 'wsus.txt', sha256, size: bytes.length });
    expect(store.save('again.txt', bytes.toString('base64'), 'evidence.0').sha256).toBe(sha256);
    expect(readdirSync(join(dir, 'cycle-evidence', sha256.slice(0, 2)))).toEqual([sha256]);
    expect(store.read(sha256).equals(bytes)).toBe(true);
  });

  it('refuses empty, malformed or unknown files with a message naming the file', () => {
    const store = new ChecklistEvidenceStore(makeTempDir());
    expect(() => store.save('empty.txt', '', 'evidence.1')).toThrow(/"empty.txt" is empty/);
    expect(() => store.save('bad.bin', 'not base64!', 'evidence.1')).toThrow(/"bad.bin" is not valid base64/);
    expect(() => store.read('0'.repeat(64))).toThrow(/not in the data folder/);
    expect(() => store.pathOf('../../etc/passwd')).toThrow(/not a SHA-256/);
  });
});
