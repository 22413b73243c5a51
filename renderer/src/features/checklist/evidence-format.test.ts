import { describe, expect, it } from 'vitest';
import { bytesToBase64 } from '../evidence/base64';
import { evidenceSummary, fileProblem, formatBytes, linkLabel, linkProblem, safeHref, shortSha } from './evidence-format';

describe('evidence', () => {
  it('accepts http(s) links and refuses the rest', () => {
    expect(linkProblem('https://tickets.example.com/T-42')).toBeUndefined();
    expect(linkProblem(' http://wsus01:8530/report ')).toBeUndefined();
    expect(linkProblem('ftp://example.com/x')).toMatch(/https:\/\//);
    expect(linkProblem('https://ana:secret@example.com/')).toMatch(/user name or password/);
    expect(linkProblem('javascript:alert(1)')).toBeDefined();
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('https://example.com/a')).toBe('https://example.com/a');
  });

  it('labels links and files', () => {
    expect(linkLabel({ url: 'https://example.com/report/', name: '' })).toBe('example.com/report');
    expect(linkLabel({ url: 'https://example.com/report/', name: 'WSUS report' })).toBe('WSUS report');
    expect(formatBytes(812)).toBe('812 B');
    expect(formatBytes(14_540)).toBe('14.2 KB');
    expect(formatBytes(3_565_158)).toBe('3.4 MB');
    expect(shortSha('a'.repeat(64))).toBe('aaaaaaaaaaaa');
    expect(evidenceSummary([{ kind: 'link', url: 'https://x.test/a', name: '' }, { kind: 'file', name: 'scan.pdf', size: 2048, sha256: 'b'.repeat(64) }])).toBe('x.test/a, scan.pdf (2.0 KB)');
  });

  it('refuses empty files and files over 20 MB', () => {
    expect(fileProblem({ name: 'a.pdf', size: 20 * 1024 * 1024 })).toBeUndefined();
    expect(fileProblem({ name: 'big.iso', size: 20 * 1024 * 1024 + 1 })).toMatch(/at most 20 MB/);
    expect(fileProblem({ name: 'empty.txt', size: 0 })).toMatch(/empty/);
  });

  it('encodes bytes as base64, large ones too', () => {
    expect(bytesToBase64(new TextEncoder().encode('patchdesk'))).toBe('cGF0Y2hkZXNr');
    const big = new Uint8Array(100_000).fill(65);
    expect(Buffer.from(bytesToBase64(big), 'base64').length).toBe(100_000);
  });
});
