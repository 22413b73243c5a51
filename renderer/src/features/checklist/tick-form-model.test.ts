import { describe, expect, it } from 'vitest';
import { buildCloseRequest, buildReopenRequest, buildTickRequest, emptyTickForm, rescanNeedsProof, tickErrorsFromIssues, type TickContext } from './tick-form-model';

const NOW = Date.parse('2026-11-22T09:00:00Z');
const context: TickContext = { cycleId: 4, key: 'test-ring', mode: 'done', itemKind: 'task', timeZone: 'Europe/Berlin', nowMs: NOW, hostsCollected: 3 };

describe('tick form', () => {
  it('sends a plain tick with only what was filled in', () => {
    expect(buildTickRequest({ ...emptyTickForm(), note: '  All good  ' }, context)).toEqual({ ok: true, request: { cycleId: 4, key: 'test-ring', state: 'done', note: 'All good', evidence: [] } });
  });

  it('needs a reason to mark an item not applicable', () => {
    const result = buildTickRequest(emptyTickForm(), { ...context, mode: 'not_applicable' });
    expect(result).toEqual({ ok: false, errors: { note: 'Say why the item does not apply.' } });
  });

  it('attaches a link and files as evidence, checking the link', () => {
    const files = [{ name: 'report.pdf', size: 10, contentBase64: 'AAAA' }];
    const result = buildTickRequest({ ...emptyTickForm(), link: 'https://wsus.example/report', linkName: 'WSUS', files }, context);
    expect(result.ok && result.request.evidence).toEqual([
      { kind: 'link', url: 'https://wsus.example/report', name: 'WSUS' },
      { kind: 'file', name: 'report.pdf', contentBase64: 'AAAA' },
    ]);
    expect(buildTickRequest({ ...emptyTickForm(), link: 'wsus01/report' }, context)).toMatchObject({ ok: false, errors: { link: expect.stringMatching(/https:\/\//) } });
  });

  it('caps the evidence at ten pieces', () => {
    const files = Array.from({ length: 10 }, (_, index) => ({ name: `f${index}`, size: 1, contentBase64: 'AA==' }));
    expect(buildTickRequest({ ...emptyTickForm(), files }, context).ok).toBe(true);
    expect(buildTickRequest({ ...emptyTickForm(), files, link: 'https://x.test' }, context)).toMatchObject({ ok: false, errors: { files: expect.stringMatching(/At most 10/) } });
  });

  it('reads who and when the work was done, in the site’s time zone', () => {
    const result = buildTickRequest({ ...emptyTickForm(), doneBy: ' Ben ', doneDay: '2026-11-21', doneTime: '18:30' }, context);
    expect(result.ok && result.request).toMatchObject({ doneBy: 'Ben', doneAt: '2026-11-21T17:30:00.000Z' });
  });

  it('refuses a half-given, malformed or future time of work', () => {
    expect(buildTickRequest({ ...emptyTickForm(), doneDay: '2026-11-21' }, context)).toMatchObject({ ok: false, errors: { doneAt: expect.stringMatching(/both/) } });
    expect(buildTickRequest({ ...emptyTickForm(), doneDay: '2026-11-21', doneTime: '7pm' }, context)).toMatchObject({ ok: false, errors: { doneAt: expect.stringMatching(/HH:MM/) } });
    expect(buildTickRequest({ ...emptyTickForm(), doneDay: '2026-11-22', doneTime: '11:00' }, context)).toMatchObject({ ok: false, errors: { doneAt: expect.stringMatching(/future/) } });
    expect(buildTickRequest({ ...emptyTickForm(), doneDay: '2026-11-22', doneTime: '09:59' }, context).ok).toBe(true);
  });

  it('asks the verification rescan for proof when nothing was collected', () => {
    const rescan = { ...context, key: 'verification-rescan', itemKind: 'rescan' as const, hostsCollected: 0 };
    expect(rescanNeedsProof(emptyTickForm(), rescan)).toBe(true);
    expect(rescanNeedsProof(emptyTickForm(), { ...rescan, hostsCollected: 2 })).toBe(false);
    expect(rescanNeedsProof(emptyTickForm(), { ...rescan, mode: 'not_applicable' })).toBe(false);
    expect(buildTickRequest(emptyTickForm(), rescan)).toMatchObject({ ok: false, errors: { link: expect.stringMatching(/No host was collected/) } });
    expect(buildTickRequest({ ...emptyTickForm(), link: 'https://wsus.example/r' }, rescan).ok).toBe(true);
  });

  it('maps the host’s issues to the fields', () => {
    expect(tickErrorsFromIssues([{ path: 'evidence', message: 'no collection' }, { path: 'doneAt', message: 'in the future' }, { path: 'key', message: 'no such item' }])).toEqual({ files: 'no collection', doneAt: 'in the future', form: 'no such item' });
    expect(tickErrorsFromIssues([{ path: 'evidence.0.url', message: 'bad link' }])).toEqual({ link: 'bad link' });
  });
});

describe('reopen and close', () => {
  it('needs a reason to reopen', () => {
    expect(buildReopenRequest(4, 'test-ring', '  ')).toMatchObject({ ok: false });
    expect(buildReopenRequest(4, 'test-ring', ' Wrong ring ')).toEqual({ ok: true, request: { cycleId: 4, key: 'test-ring', reason: 'Wrong ring' } });
  });

  it('closes a finished cycle with an optional note', () => {
    expect(buildCloseRequest(4, '', 0, false)).toEqual({ ok: true, request: { cycleId: 4, note: '', force: false } });
  });

  it('needs a confirmation and a note to close with pending items', () => {
    expect(buildCloseRequest(4, '', 2, false)).toEqual({ ok: false, errors: { confirm: 'Confirm that the cycle closes with 2 pending items.', note: expect.stringMatching(/Say why/) } });
    expect(buildCloseRequest(4, 'Month ended; rescan moved to December', 2, true)).toEqual({ ok: true, request: { cycleId: 4, note: 'Month ended; rescan moved to December', force: true } });
  });
});
