import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CycleDetail, CycleSummary } from '../../../shared/contract/cycles';
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

// The CLI runs on the wall clock, so dates are taken relative to today (UTC, the site's zone).
const today = () => new Date().toISOString().slice(0, 10);
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

async function siteWithAsset() {
  const dir = makeTempDir();
  await run(dir, 'site', 'add', 'Acme', '--timezone', 'UTC');
  const csv = join(dir, 'assets.csv');
  writeFileSync(csv, 'hostname,ip\nweb01,10.0.0.1\n');
  await run(dir, 'import', 'csv', csv);
  return dir;
}

describe('patchdesk cycle', () => {
  it("opens this month's baseline once, lists it, and shows its checklist", async () => {
    const dir = await siteWithAsset();
    const opened = await run(dir, 'cycle', 'open', '--site', 'Acme');
    expect(opened).toMatchObject({ code: 0, out: expect.stringMatching(/^Opened cycle 1 "Baseline \d{4}-\d{2}" in "Acme", anchored on \d{4}-\d{2}-\d{2}, 8 checklist items/) });
    const again = await run(dir, 'cycle', 'open', '--site', 'Acme');
    expect(again).toMatchObject({ code: 2, err: expect.stringMatching(/^patchdesk: the \d{4}-\d{2} baseline cycle of "Acme" already exists \(cycle 1, open\)$/) });
    expect((await run(dir, 'cycle', 'open', '--site', 'Acme', '--month', '2026-13')).code).toBe(2);
    const listed = JSON.parse((await run(dir, 'cycle', 'list', '--site', 'Acme', '--json')).out) as CycleSummary[];
    expect(listed).toMatchObject([{ id: 1, kind: 'baseline', status: 'open', progress: { total: 8 } }]);
    expect((await run(dir, 'cycle', 'list', '--site', 'Acme')).out).toMatch(/ID\s+KIND\s+TITLE/);
    const shown = await run(dir, 'cycle', 'show', '--site', 'Acme');
    expect(shown.out).toContain('inventory-refresh');
    expect(shown.out).toContain('Scope: 1 asset, 1 due this cycle.');
  });

  it('ticks items with a note, a link and a file, marks one not applicable, and refuses a second tick', async () => {
    const dir = await siteWithAsset();
    await run(dir, 'cycle', 'open', '--site', 'Acme');
    const report = join(dir, 'wsus-report.txt');
    writeFileSync(report, 'WSUS: 1 of 1 computers up to date\n');
    const ticked = await run(dir, 'cycle', 'tick', '--site', 'Acme', '--item', 'review-approve', '--note', 'Approved all but the .NET preview', '--link', 'https://tickets.example.com/T-7', '--file', report, '--by', 'Ana');
    expect(ticked).toMatchObject({ code: 0, out: expect.stringContaining('"Updates reviewed and approved" done') });
    expect((await run(dir, 'cycle', 'tick', '--site', 'Acme', '--item', 'pilot-ring', '--na', 'no pilot group at this size')).out).toContain('marked not applicable');
    const detail = JSON.parse((await run(dir, 'cycle', 'show', '--site', 'Acme', '--cycle', '1', '--json')).out) as CycleDetail;
    expect(detail.items.find((item) => item.key === 'review-approve')).toMatchObject({ state: 'done', doneBy: 'Ana', evidence: [{ kind: 'link' }, { kind: 'file', name: 'wsus-report.txt', size: 34 }] });
    expect(detail.progress).toMatchObject({ done: 1, notApplicable: 1 });

    const twice = await run(dir, 'cycle', 'tick', '--site', 'Acme', '--item', 'review-approve');
    expect(twice).toMatchObject({ code: 2, err: expect.stringContaining('already done (by Ana,') });
    expect((await run(dir, 'cycle', 'reopen', '--site', 'Acme', '--item', 'review-approve', '--reason', 'approved the wrong list')).out).toContain('Reopened "Updates reviewed and approved"');
    expect((await run(dir, 'cycle', 'tick', '--site', 'Acme', '--item', 'nope')).err).toContain('has no item "nope"');
    expect((await run(dir, 'cycle', 'tick', '--site', 'Acme', '--item', 'test-ring', '--file', join(dir, 'missing.txt'))).err).toBe(`patchdesk: --file: cannot read "${join(dir, 'missing.txt')}": ENOENT`);
    expect((await run(dir, 'cycle', 'tick', '--site', 'Acme')).code).toBe(2);
    expect((await run(dir, 'cycle', 'tick', '--site', 'Acme', '--item', 'test-ring', '--na', 'x', '--note', 'y')).code).toBe(2);
  });

  it('opens an emergency cycle for a CVE on named assets and ticks its items without --cycle', async () => {
    const dir = await siteWithAsset();
    await run(dir, 'cycle', 'open', '--site', 'Acme');
    expect((await run(dir, 'cycle', 'open', '--site', 'Acme', '--emergency', '--trigger', 'CVE-2026-1234', '--deadline', inDays(3))).err).toContain('--reason');
    expect((await run(dir, 'cycle', 'open', '--site', 'Acme', '--trigger', 'CVE-2026-1234')).err).toContain('--trigger needs --emergency');
    // The CLI reads the real clock; a run that crosses midnight may date the cycle either day.
    const openedOn = [today()];
    const opened = await run(dir, 'cycle', 'open', '--site', 'Acme', '--emergency', '--trigger', 'cve-2026-1234', '--reason', 'Exploited sshd flaw', '--deadline', inDays(3), '--asset', 'web01');
    openedOn.push(today());
    expect(opened).toMatchObject({ code: 0, out: expect.stringContaining('"Emergency: CVE-2026-1234"') });
    expect((await run(dir, 'cycle', 'open', '--site', 'Acme', '--emergency', '--trigger', 'CVE-2026-9', '--reason', 'x', '--deadline', inDays(-2))).err).toContain('has already passed');
    expect((await run(dir, 'cycle', 'tick', '--site', 'Acme', '--item', 'triage', '--note', 'web01 only')).code).toBe(0);
    const emergency = JSON.parse((await run(dir, 'cycle', 'show', '--site', 'Acme', '--cycle', '2', '--json')).out) as CycleDetail;
    expect(emergency).toMatchObject({ trigger: { ref: 'CVE-2026-1234' }, scope: [{ name: 'web01' }], triagedAt: expect.any(String) });
    expect(openedOn).toContain(emergency.anchorDate);
    const shown = await run(dir, 'cycle', 'show', '--site', 'Acme', '--cycle', '2');
    expect(shown.out).toContain('Trigger CVE-2026-1234: Exploited sshd flaw');
    expect((await run(dir, 'cycle', 'show', '--site', 'Acme', '--cycle', '99')).code).toBe(2);
  });

  it('closes a cycle only with --force and a note while items are pending, and lists late items', async () => {
    const dir = await siteWithAsset();
    await run(dir, 'cycle', 'open', '--site', 'Acme', '--emergency', '--trigger', 'KB5034441', '--reason', 'Out-of-band fix', '--deadline', inDays(2));
    expect((await run(dir, 'cycle', 'late', '--site', 'Acme')).out).toBe('No late checklist items in "Acme".');
    const refused = await run(dir, 'cycle', 'close', '--site', 'Acme');
    expect(refused).toMatchObject({ code: 2, err: expect.stringContaining('still has 5 pending items') });
    const closed = await run(dir, 'cycle', 'close', '--site', 'Acme', '--force', '--note', 'Superseded by the monthly rollup');
    expect(closed).toMatchObject({ code: 0, out: expect.stringContaining('Closed cycle 1 "Emergency: KB5034441" (0 done, 0 not applicable, 5 pending)') });
    expect((await run(dir, 'cycle', 'tick', '--site', 'Acme', '--item', 'triage')).err).toContain('no open cycle in "Acme"');
    expect((await run(dir, 'cycle', 'frobnicate')).code).toBe(2);
  });
});
