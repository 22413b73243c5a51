import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePacman } from './pacman.parser';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('pacman', () => {
  it('reads checkupdates, epochs included', () => {
    const r = parsePacman({ stdout: fixture('handmade_arch.checkupdates.stdout'), exitCode: 0 });
    if (!r.ok) throw new Error(r.error);
    expect(r.value.updates).toHaveLength(8);
    expect(r.value.updates[7]).toEqual({ name: 'mesa', installedVersion: '1:24.1.2-1', availableVersion: '1:24.1.3-1', repository: '', security: null, cves: [], advisories: [], kind: 'upgrade' });
  });

  it('keeps [ignored] packages out of pacman -Qu results', () => {
    const r = parsePacman({ stdout: fixture('handmade_arch.pacman-Qu.stdout'), exitCode: 0 });
    if (!r.ok) throw new Error(r.error);
    expect(r.value.updates.map((u) => u.name)).toEqual(['linux', 'mesa']);
    expect(r.value.warnings).toEqual(['nvidia 555.58.02-1 is held back by IgnorePkg']);
  });

  it('reads the exit codes: 2 = none, silent 1 = none (pacman -Qu), 1 with an error = failure', () => {
    expect(parsePacman({ stdout: '', exitCode: 2 })).toEqual({ ok: true, value: { updates: [], warnings: [] } });
    expect(parsePacman({ stdout: '', stderr: '', exitCode: 1 })).toEqual({ ok: true, value: { updates: [], warnings: [] } });
    expect(parsePacman({ stdout: '', stderr: '==> ERROR: Cannot fetch updates\n', exitCode: 1 }).ok).toBe(false);
    expect(parsePacman({ stdout: '', exitCode: 0 }).ok).toBe(false);
    expect(parsePacman({ stdout: 'bash: checkupdates: command not found\n', exitCode: 127 }).ok).toBe(false);
    expect(parsePacman({ stdout: 'random text here\n' }).ok).toBe(false);
  });

  it('strips colour codes', () => {
    const r = parsePacman({ stdout: '\u001b[1mlinux\u001b[0m \u001b[31m6.9.7.arch1-1\u001b[0m -> \u001b[32m6.9.8.arch1-1\u001b[0m\r\n', exitCode: 0 });
    expect(r.ok && r.value.updates[0]).toMatchObject({ name: 'linux', availableVersion: '6.9.8.arch1-1' });
  });
});
