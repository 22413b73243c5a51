import { afterEach, describe, expect, it } from 'vitest';
import { openAppCore } from '../../core/app-core';
import { makeTempDir, removeTempDirs } from '../../test-support/temp-dir';
import { runCliCapturing } from '../../test-support/run-cli';
import { parseKevRuleOption } from './policy.command';

afterEach(() => {
  removeTempDirs();
  process.exitCode = undefined;
});

describe('patchdesk policy', () => {
  it('shows the policy with its KEV rules and edits them; bad rules are refused naming the option or field', async () => {
    const dir = makeTempDir();
    expect((await runCliCapturing(dir, ['site', 'add', 'Acme', '--timezone', 'UTC'])).code).toBe(0);
    const shown = await runCliCapturing(dir, ['policy', 'show', '--site', 'Acme']);
    expect(shown.out).toContain("Internet-facing assets: within 7 days of the later of its SLA clock start and its KEV listing, or by CISA's due date if that comes first.");
    expect(shown.out).toContain("Every other asset: by CISA's due date.");

    const set = await runCliCapturing(dir, ['policy', 'kev', '--site', 'Acme', '--internet-facing', '3', '--all', '14,cisa']);
    expect(set.code).toBe(0);
    expect(set.out).toContain('Internet-facing assets: within 3 days');
    const json = JSON.parse((await runCliCapturing(dir, ['policy', 'show', '--site', 'Acme', '--json'])).out) as { kevRules: unknown };
    expect(json.kevRules).toEqual([
      { appliesTo: 'internet_facing', days: 3, cisaDueDate: false },
      { appliesTo: 'all', days: 14, cisaDueDate: true },
    ]);

    expect(await runCliCapturing(dir, ['policy', 'kev', '--site', 'Acme', '--all', 'soon'])).toMatchObject({ code: 2, err: expect.stringContaining('--all "soon"') });
    expect(await runCliCapturing(dir, ['policy', 'kev', '--site', 'Acme', '--all', '400'])).toMatchObject({ code: 2, err: expect.stringContaining('policy.kevRules.1.days') });
    expect(await runCliCapturing(dir, ['policy', 'kev', '--site', 'Acme'])).toMatchObject({ code: 2 });

    const off = await runCliCapturing(dir, ['policy', 'kev', '--site', 'Acme', '--internet-facing', 'off', '--json']);
    expect(JSON.parse(off.out)).toMatchObject({ kevRules: [{ appliesTo: 'all', days: 14, cisaDueDate: true }] });

    const core = openAppCore({ dataDir: dir, mode: 'cli' });
    const changes = core.audit.listForEntity('policy', 1).filter((row) => row.action === 'policy-changed');
    expect(changes).toHaveLength(2);
    await core.close();
  });

  it('reads a rule option', () => {
    expect(parseKevRuleOption('all', '7,cisa', 'all')).toEqual({ appliesTo: 'all', days: 7, cisaDueDate: true });
    expect(parseKevRuleOption('all', 'CISA', 'all')).toEqual({ appliesTo: 'all', days: null, cisaDueDate: true });
    expect(parseKevRuleOption('all', 'off', 'all')).toBeNull();
    expect(() => parseKevRuleOption('internet-facing', '7,8', 'internet_facing')).toThrow(/--internet-facing "7,8"/);
  });
});
