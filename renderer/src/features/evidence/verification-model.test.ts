import { describe, expect, it } from 'vitest';
import type { EvidenceVerification } from '../../../../shared/contract/evidence';
import { isVerified, packLevelProblems, problemsByFile, signerVerdict, verificationVerdict, verifiedFileRows } from './verification-model';

const FP = 'SHA256:q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6j7k8l9z9x8';

function verification(overrides: Partial<EvidenceVerification> = {}): EvidenceVerification {
  return {
    ok: true,
    problems: [],
    files: [
      { path: 'report.pdf', status: 'ok' },
      { path: 'data/assets.csv', status: 'ok' },
      { path: 'data/report.json', status: 'ok' },
      { path: 'VERIFY.txt', status: 'ok' },
    ],
    fingerprint: FP,
    signatureValid: true,
    signedByThisInstallation: true,
    trust: { kind: 'installation', name: null },
    about: { siteName: 'Contoso Dental', from: '2026-10-01', to: '2026-10-31', timezone: 'Europe/Berlin', generatedAt: '2026-11-02T09:00:00.000Z', generatedBy: 'admin' },
    ...overrides,
  };
}

const changedPdf = verification({
  ok: false,
  problems: [{ file: 'report.pdf', problem: 'changed', detail: 'report.pdf was changed: its SHA-256 is abc, the manifest says def' }],
  files: [
    { path: 'report.pdf', status: 'changed' },
    { path: 'data/assets.csv', status: 'ok' },
    { path: 'VERIFY.txt', status: 'ok' },
  ],
});

describe('verified file rows', () => {
  it('lists files in trouble first, then the rest in manifest order, with their details', () => {
    const result = verification({
      ok: false,
      problems: [
        { file: 'data/report.json', problem: 'missing', detail: 'data/report.json is listed in the manifest but missing from the pack' },
        { file: 'data/assets.csv', problem: 'changed', detail: 'data/assets.csv was changed: it is 10 bytes, the manifest says 12' },
        { file: 'extra.txt', problem: 'unexpected', detail: 'extra.txt is in the pack but not in the manifest: it was added after signing' },
      ],
      files: [
        { path: 'report.pdf', status: 'ok' },
        { path: 'data/assets.csv', status: 'changed' },
        { path: 'data/report.json', status: 'missing' },
        { path: 'VERIFY.txt', status: 'ok' },
        { path: 'extra.txt', status: 'unexpected' },
      ],
    });
    const rows = verifiedFileRows(result);
    expect(rows.map((row) => `${row.status} ${row.path}`)).toEqual(['changed data/assets.csv', 'missing data/report.json', 'unexpected extra.txt', 'ok report.pdf', 'ok VERIFY.txt']);
    expect(rows[0]?.details).toEqual(['data/assets.csv was changed: it is 10 bytes, the manifest says 12']);
    expect(rows[3]?.details).toEqual([]);
  });

  it('groups several problems of one file', () => {
    const grouped = problemsByFile([
      { file: 'manifest.json', problem: 'manifest', detail: 'a' },
      { file: 'manifest.json', problem: 'signature', detail: 'b' },
    ]);
    expect(grouped.get('manifest.json')).toEqual(['a', 'b']);
  });
});

describe('verdict', () => {
  it('says all is well for an intact pack', () => {
    expect(verificationVerdict(verification())).toEqual({ title: 'Pack verified', text: 'Every file matches the signed manifest (4 files), and the signature is valid and made with this installation’s key.', stated: null });
    expect(verificationVerdict(verification({ signedByThisInstallation: false, trust: { kind: 'trusted_signer', name: 'Northwind Berlin' } })).text).toContain('made with the key of trusted signer “Northwind Berlin”');
  });

  it('says "signed by an unknown key" with the fingerprint, never "verified", when the files are intact but the signer is unknown', () => {
    const unknown = verification({
      ok: false,
      signedByThisInstallation: false,
      trust: { kind: 'unknown', name: null },
      problems: [{ file: 'manifest.sig', problem: 'unknown_signer', detail: `the pack is signed by an unknown key ${FP}: ...` }],
    });
    expect(verificationVerdict(unknown)).toEqual({ title: 'Signed by an unknown key', text: expect.stringContaining(`Fingerprint: ${FP}.`), stated: unknown.problems[0] });
    expect(isVerified(unknown)).toBe(false);
    expect(packLevelProblems(unknown).filter((problem) => problem !== verificationVerdict(unknown).stated)).toEqual([]);
    expect(signerVerdict(unknown)).toMatchObject({ tone: 'danger', text: expect.stringMatching(/^Signed by an unknown key/) });
    const changedToo = verification({ ...unknown, files: [{ path: 'report.pdf', status: 'changed' }], problems: [{ file: 'report.pdf', problem: 'changed', detail: 'x' }, ...unknown.problems] });
    expect(verificationVerdict(changedToo)).toMatchObject({ title: 'Verification failed', text: `report.pdf was changed. It is also signed by an unknown key (${FP}).` });
  });

  it('never says verified for a result that is ok without a trusted signer', () => {
    for (const trust of [null, { kind: 'unknown' as const, name: null }, { kind: 'not_pinned' as const, name: null }]) {
      expect(isVerified(verification({ trust }))).toBe(false);
      expect(verificationVerdict(verification({ trust })).title).not.toBe('Pack verified');
    }
  });

  it('names the one file that changed', () => {
    expect(verificationVerdict(changedPdf)).toEqual({ title: 'Verification failed', text: 'report.pdf was changed.', stated: null });
  });

  it('names several files and kinds of trouble', () => {
    const result = verification({
      ok: false,
      files: [
        { path: 'a.csv', status: 'changed' },
        { path: 'b.csv', status: 'changed' },
        { path: 'c.csv', status: 'changed' },
        { path: 'd.csv', status: 'changed' },
        { path: 'e.csv', status: 'missing' },
      ],
      problems: [],
    });
    expect(verificationVerdict(result).text).toBe('4 files were changed: a.csv, b.csv, c.csv and 1 more; e.csv is missing.');
  });

  it('explains a bad signature when every file is intact', () => {
    const result = verification({
      ok: false,
      signatureValid: false,
      problems: [{ file: 'manifest.json', problem: 'signature', detail: 'the signature in manifest.sig does not match manifest.json: one of them was changed after signing' }],
    });
    expect(verificationVerdict(result)).toEqual({ title: 'Verification failed', text: 'The signature in manifest.sig does not match manifest.json: one of them was changed after signing.', stated: result.problems[0] });
    expect(packLevelProblems(result)).toHaveLength(1);
  });

  it('says when the file is not a pack at all', () => {
    const result = verification({ ok: false, files: [], fingerprint: null, signatureValid: false, signedByThisInstallation: null, trust: null, about: null, problems: [{ file: 'x.zip', problem: 'not_a_pack', detail: 'x.zip is not a readable evidence pack: no ZIP end record' }] });
    expect(verificationVerdict(result)).toEqual({ title: 'Not an evidence pack', text: 'x.zip is not a readable evidence pack: no ZIP end record.', stated: result.problems[0] });
    expect(packLevelProblems(result).map((problem) => problem.file)).toEqual(['x.zip']);
    expect(signerVerdict(result).tone).toBe('danger');
  });

  it('keeps file problems out of the pack-level list', () => {
    expect(packLevelProblems(changedPdf)).toEqual([]);
  });
});

describe('signer verdict', () => {
  it('reassures only for a trusted signer and a valid signature', () => {
    expect(signerVerdict(verification())).toEqual({ text: 'Signed with this installation’s key.', tone: 'success' });
    expect(signerVerdict(verification({ signedByThisInstallation: false, trust: { kind: 'trusted_signer', name: 'Northwind' } }))).toEqual({ text: 'Signed by trusted signer “Northwind”.', tone: 'success' });
    expect(signerVerdict(verification({ signedByThisInstallation: false, trust: { kind: 'not_pinned', name: null } })).tone).toBe('danger');
    expect(signerVerdict(changedPdf).text).toContain('the manifest is genuine');
    expect(signerVerdict(verification({ signatureValid: false })).tone).toBe('danger');
  });
});
