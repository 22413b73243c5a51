import { describe, expect, it } from 'vitest';
import { pacmanFullUpgradeCommand, pacmanRollbackCommand } from './pacman-command';
import { parsePacmanKernelProbe } from './pacman-reboot-required';
import { judgePacmanRun, partialUpgradeProblem, scriptletFailures } from './pacman-transaction';
import { parsePacmanPending, parsePacmanQuery } from './pacman-versions';

describe('pacman commands', () => {
  it('upgrades only in full, after a bounded wait for db.lck', () => {
    expect(pacmanFullUpgradeCommand(30)).toBe(
      '(end=$(( $(date +%s) + 30 )); while [ -e /var/lib/pacman/db.lck ]; do if [ "$(date +%s)" -ge "$end" ]; then echo "patchdesk: /var/lib/pacman/db.lck is still there after 30 s" >&2; exit 75; fi; sleep 1; done; LC_ALL=C pacman -Syu --noconfirm </dev/null)',
    );
  });

  it('rolls back from the cache only, checking each file first', () => {
    const command = pacmanRollbackCommand([{ name: 'lab-hello', version: '1.0-1' }], 5);
    expect(command).toContain('set -- /var/cache/pacman/pkg/lab-hello-1.0-1-*.pkg.tar.*;');
    expect(command).toContain('pacman -U --noconfirm $files');
    expect(() => pacmanRollbackCommand([{ name: 'lab-hello', version: '1.0;id' }], 5)).toThrow(/not a valid version/);
  });
});

describe('pacman parsers (captured)', () => {
  it('reads -Q and -Qu', () => {
    expect(parsePacmanQuery('arch-01', 'lab-hello 1.1-1\nlab-postinst-fails 1.1-1\n')).toEqual(new Map([['lab-hello', '1.1-1'], ['lab-postinst-fails', '1.1-1']]));
    expect(parsePacmanPending('arch-01', 'lab-breaks-check 1.0-1 -> 1.1-1\nlab-hello 1.0-1 -> 1.1-1\nlinux 6.1-1 -> 6.2-1 [ignored]\n')).toEqual([
      { name: 'lab-breaks-check', from: '1.0-1', to: '1.1-1' },
      { name: 'lab-hello', from: '1.0-1', to: '1.1-1' },
    ]);
    expect(() => parsePacmanQuery('arch-01', 'error: package nosuch was not found\n')).toThrow(/cannot read/);
  });
});

describe('partialUpgradeProblem', () => {
  const pending = [
    { name: 'lab-hello', from: '1.0-1', to: '1.1-1' },
    { name: 'lab-conffile', from: '1.0-1', to: '1.1-1' },
  ];
  it('accepts exactly the pending set and refuses anything partial or moved', () => {
    expect(partialUpgradeProblem([{ name: 'lab-conffile', version: '1.1-1' }, { name: 'lab-hello', version: '1.1-1' }], pending)).toBeNull();
    expect(partialUpgradeProblem([{ name: 'lab-hello', version: '1.1-1' }], pending)).toBe('lab-conffile 1.1-1 is pending but not approved');
    expect(partialUpgradeProblem([{ name: 'lab-hello', version: '1.2-1' }, { name: 'lab-conffile', version: '1.1-1' }], pending)).toBe('lab-hello would go to 1.1-1, not the approved 1.2-1');
  });
});

describe('judgePacmanRun', () => {
  const up = [{ name: 'lab-postinst-fails', from: '1.0-1', to: '1.1-1', after: '1.1-1', afterStatus: null }];
  it('fails a run whose install scriptlet failed although pacman exited 0 (captured)', () => {
    const stdout = ':: Processing package changes...\nupgrading lab-conffile...\nwarning: /etc/lab-conffile.conf installed as /etc/lab-conffile.conf.pacnew\nupgrading lab-postinst-fails...\nlab-postinst-fails: configuration failed on purpose\nerror: command failed to execute correctly\n';
    expect(scriptletFailures(stdout)).toEqual(['lab-postinst-fails']);
    expect(judgePacmanRun('arch-01', { stdout, stderr: '', exitCode: 0 }, up, 30)).toMatchObject({ outcome: 'failed', reason: 'maintainer_script_failed' });
  });

  it('names the lock, a version no longer cached, and keeps a .pacnew as a warning', () => {
    expect(judgePacmanRun('arch-01', { stdout: ':: Synchronizing package databases...\n', stderr: 'error: failed to synchronize all databases (unable to lock database)\n', exitCode: 1 }, up, 0)).toMatchObject({ reason: 'lock_held' });
    expect(judgePacmanRun('arch-01', { stdout: '', stderr: 'patchdesk: lab-hello 1.0-1 is not in /var/cache/pacman/pkg\n', exitCode: 3 }, up, 0)).toMatchObject({ reason: 'version_unavailable' });
    expect(judgePacmanRun('arch-01', { stdout: 'warning: /etc/lab-conffile.conf installed as /etc/lab-conffile.conf.pacnew\n', stderr: '', exitCode: 0 }, up, 0)).toMatchObject({ outcome: 'done', warnings: ['a locally modified configuration file was kept; the packaged one was saved as .pacnew'] });
  });
});

describe('parsePacmanKernelProbe', () => {
  it('says not measured when there is nothing to measure', () => {
    expect(parsePacmanKernelProbe('no-modules\n').required).toBeNull();
    expect(parsePacmanKernelProbe('running-missing\n')).toMatchObject({ required: true, packages: ['linux'] });
    expect(parsePacmanKernelProbe('running-present\n').required).toBe(false);
  });
});
