import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { prepareCommand, sudoOutcome } from './remote-command';
import { shellQuote } from './shell-quote';

describe('shellQuote', () => {
  it.each(["plain", "it's", "a'b'c", "$HOME `id` \"x\"", "line\nbreak", ""])('round-trips %j through sh', (value) => {
    expect(execFileSync('sh', ['-c', `printf '%s' ${shellQuote(value)}`], { encoding: 'utf8' })).toBe(value);
  });
});

describe('prepareCommand', () => {
  it('forces the C locale', () => {
    expect(prepareCommand('locale').line).toBe("env LC_ALL=C LANG=C LANGUAGE= sh -c 'locale'");
  });

  it('keeps the sudo password off the command line', () => {
    const prepared = prepareCommand('id -u', { password: 'hunter2-secret' });
    expect(prepared.line).not.toContain('hunter2-secret');
    expect(prepared.line).toContain('sudo -S -p ');
    expect(prepared.line).toContain(' -k -- ');
    expect(prepared.sudoPrompt).toBeTruthy();
    expect(prepared.sudoMarker).toBeTruthy();
  });

  it('uses non-interactive sudo without a password', () => {
    const prepared = prepareCommand('id -u', {});
    expect(prepared.line).toContain('sudo -n -k -- ');
    expect(prepared.sudoPrompt).toBeUndefined();
  });

  it('runs the command as given under the sudo wrapper', () => {
    const prepared = prepareCommand("echo 'a b'; exit 4", {});
    const line = prepared.line.replace(/^.*? sudo -n -k -- /, '');
    let status = 0;
    let stderr = '';
    let stdout = '';
    try {
      stdout = execFileSync('sh', ['-c', line], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      const failed = error as { status: number; stdout: string; stderr: string };
      status = failed.status;
      stdout = failed.stdout;
      stderr = failed.stderr;
    }
    expect({ status, stdout }).toEqual({ status: 4, stdout: 'a b\n' });
    expect(sudoOutcome(stderr, prepared.sudoMarker as string)).toEqual({ kind: 'ran', stderr: '' });
  });
});

describe('sudoOutcome', () => {
  const marker = 'patchdesk-sudo-ok-1';
  const prompt = 'patchdesk-sudo-prompt-1:';
  it.each([
    [`${prompt}${marker}\nwarning\n`, { kind: 'ran', stderr: 'warning\n' }],
    [`${prompt}Sorry, try again.\n${prompt}\nsudo: no password was provided\nsudo: 1 incorrect password attempt\n`, { kind: 'wrong_password' }],
    ['sudo: sorry, you must have a tty to run sudo\n', { kind: 'requires_tty' }],
    ['sudo: a terminal is required to read the password\n', { kind: 'requires_tty' }],
    ['sudo: a password is required\n', { kind: 'password_required' }],
    ['pdlab-key is not in the sudoers file.\n', { kind: 'refused', reason: 'pdlab-key is not in the sudoers file.' }],
  ])('reads %j', (stderr, outcome) => {
    expect(sudoOutcome(stderr, marker, prompt)).toEqual(outcome);
  });
});
