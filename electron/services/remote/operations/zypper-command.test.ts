import { describe, expect, it } from 'vitest';
import { parseZypperDryRun } from './zypper-preview';
import { zypperCommand, zypperExitMeaning, zypperLockHolder, zypperPatchCommand } from './zypper-command';
import { judgeZypperRun } from './zypper-transaction';
import { parseZypperNeedsRebooting } from './zypper-reboot-required';

describe('zypperCommand', () => {
  it('puts the global options before the command, pins versions and bounds the lock wait', () => {
    expect(zypperCommand('upgrade', [{ name: 'lab-hello', version: '1.1-1' }], { lockTimeoutSeconds: 30 })).toBe(
      '(end=$(( $(date +%s) + 30 )); while :; do LC_ALL=C zypper --non-interactive --non-interactive-include-reboot-patches install --auto-agree-with-licenses --no-recommends lab-hello=1.1-1 </dev/null; rc=$?; if [ "$rc" -ne 7 ] || [ "$(date +%s)" -ge "$end" ]; then exit "$rc"; fi; sleep 1; done)',
    );
  });

  it('rolls back with --oldpackage only, previews with --dry-run, and installs patches by id', () => {
    expect(zypperCommand('downgrade', [{ name: 'lab-hello', version: '1.0-1' }], { lockTimeoutSeconds: 0 })).toContain('install --auto-agree-with-licenses --no-recommends --oldpackage lab-hello=1.0-1');
    expect(zypperCommand('upgrade', [{ name: 'lab-hello', version: '1.1-1' }], { lockTimeoutSeconds: 0 })).not.toContain('--oldpackage');
    expect(zypperCommand('preview-install', [{ name: 'lab-hello', version: '1.1-1' }], { lockTimeoutSeconds: 0 })).toBe('LC_ALL=C zypper --non-interactive --non-interactive-include-reboot-patches install --dry-run --details --auto-agree-with-licenses --no-recommends lab-hello=1.1-1 </dev/null');
    expect(zypperPatchCommand(['PDLAB-2026:0002'], { lockTimeoutSeconds: 10 })).toContain('install --auto-agree-with-licenses -t patch PDLAB-2026:0002 </dev/null');
    expect(() => zypperPatchCommand([], { lockTimeoutSeconds: 1 })).toThrow(/no advisories/);
  });

  it('interprets the exit codes as execution.md says', () => {
    expect(zypperExitMeaning(0)).toMatchObject({ committed: true, rebootNeeded: false });
    expect(zypperExitMeaning(102)).toMatchObject({ name: 'ZYPPER_EXIT_INF_REBOOT_NEEDED', committed: true, rebootNeeded: true });
    expect(zypperExitMeaning(103)).toMatchObject({ committed: true, runAgain: true });
    expect(zypperExitMeaning(106)).toMatchObject({ committed: true, reposSkipped: true });
    expect(zypperExitMeaning(107)).toMatchObject({ committed: true, scriptFailed: true });
    for (const code of [7, 8, 104, 4]) expect(zypperExitMeaning(code).committed).toBe(false);
    expect(zypperExitMeaning(42).name).toBe('unknown exit code 42');
  });

  it('names the lock holder (captured)', () => {
    expect(zypperLockHolder('System management is locked by the application with pid 30221 (bash).\nClose this application before trying again.')).toEqual({ pid: 30221, process: 'bash' });
  });
});

describe('parseZypperDryRun', () => {
  it('reads the --details blocks (captured)', () => {
    const stdout = `Loading repository data...
Reading installed packages...
Resolving package dependencies...

The following 2 packages are going to be upgraded:
lab-conffile
  1.0-1 -> 1.1-1
  noarch
  Patchdesk lab
  
lab-hello   
  1.0-1 -> 1.1-1
  noarch
  Patchdesk lab
  

The following package is going to be REMOVED:
old-thing
  0.9-1
  noarch
  @System
  

2 packages to upgrade, 1 to remove.
Overall download size: 12.2 KiB. Already cached: 0 B. No additional space will be used or freed after the operation.
Continue? [y/n/v/...? shows all options] (y): y
`;
    expect(parseZypperDryRun(stdout)).toEqual([
      { name: 'lab-conffile', from: '1.0-1', to: '1.1-1', kind: 'upgrade' },
      { name: 'lab-hello', from: '1.0-1', to: '1.1-1', kind: 'upgrade' },
      { name: 'old-thing', from: null, to: '', kind: 'remove' },
    ]);
  });
});

const moves = (after: string) => [{ name: 'lab-hello', from: '1.1-1', to: '1.0-1', after, afterStatus: null }];

describe('judgeZypperRun', () => {
  it('catches the silent no-op of a downgrade without --oldpackage (captured: exit 0)', () => {
    const stdout = "Loading repository data...\nReading installed packages...\nThe selected package 'lab-hello-1.0-1.noarch' from repository 'Patchdesk lab' has lower version than the installed one. Use 'zypper install --oldpackage lab-hello-1.0-1.noarch' to force installation of the package.\nResolving package dependencies...\nNothing to do.\n";
    expect(judgeZypperRun('sles-01', { stdout, stderr: '', exitCode: 0 }, moves('1.1-1'), 30)).toMatchObject({
      outcome: 'failed',
      reason: 'not_at_target',
      message: 'zypper exited with 0 on sles-01 but lab-hello is at 1.1-1, not 1.0-1 (zypper skipped an older version: a downgrade needs --oldpackage)',
    });
  });

  it('fails 107 as a failed script, keeps 102 as a reboot signal, and names 104 and 7', () => {
    const up = [{ name: 'lab-postinst-fails', from: '1.0-1', to: '1.1-1', after: '1.1-1', afterStatus: null }];
    const script = judgeZypperRun('sles-01', { stdout: 'warning: %post(lab-postinst-fails-1.1-1.noarch) scriptlet failed, exit status 1\n', stderr: '', exitCode: 107 }, up, 30);
    expect(script).toMatchObject({ outcome: 'failed', reason: 'maintainer_script_failed' });
    expect(judgeZypperRun('sles-01', { stdout: 'Warning: One of the installed patches requires a reboot of your machine.', stderr: '', exitCode: 102 }, up, 30)).toMatchObject({ outcome: 'done', reboot: { required: true } });
    expect(judgeZypperRun('sles-01', { stdout: "No provider of 'lab-hello=9.9-1' found.", stderr: '', exitCode: 104 }, moves('1.1-1'), 30)).toMatchObject({ reason: 'version_unavailable', message: 'lab-hello=9.9-1 is not available from the repositories of sles-01 (zypper exit 104)' });
    expect(judgeZypperRun('sles-01', { stdout: 'System management is locked by the application with pid 12 (zypper).', stderr: '', exitCode: 7 }, moves('1.1-1'), 3)).toMatchObject({ reason: 'lock_held', lockHolder: { pid: 12, process: 'zypper' } });
    expect(judgeZypperRun('sles-01', { stdout: '', stderr: 'Problem occurred during or after installation or removal of packages', exitCode: 8 }, moves('1.1-1'), 3)).toMatchObject({ reason: 'package_manager_error' });
  });

  it('tolerates the rpm note Debian builds print (execution.md §7 pitfall 5)', () => {
    const stdout = 'Additional rpm output:\nrpm: RPM should not be used directly install RPM packages, use Alien instead!\nrpm: However assuming you know what you are doing...\n';
    expect(judgeZypperRun('sles-01', { stdout, stderr: '', exitCode: 0 }, moves('1.0-1'), 3).outcome).toBe('done');
  });
});

describe('parseZypperNeedsRebooting', () => {
  it('reads 102 and 0, and fails closed on anything else', () => {
    expect(parseZypperNeedsRebooting('sles-01', 102).required).toBe(true);
    expect(parseZypperNeedsRebooting('sles-01', 0).required).toBe(false);
    expect(() => parseZypperNeedsRebooting('sles-01', 4)).toThrow(/exited with 4/);
  });
});
