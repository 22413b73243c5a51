import { describe, expect, it } from 'vitest';
import { parseDnfHistoryInfo } from './dnf-history';
import { judgeDnfRun } from './dnf-transaction';
import { parseDnfNeedsRestarting } from './dnf-reboot-required';

const move = (after: string | null) => [{ name: 'lab-postinst-fails', from: '1.0-1', to: '1.1-1', after, afterStatus: null }];
const record = (scriptlet: string) => parseDnfHistoryInfo('rocky-01', `Transaction ID : 4\nReturn-Code    : Success\nCommand Line   : -y upgrade\nPackages Altered:\n    Upgrade  lab-postinst-fails-1.1-1.noarch @lab\n${scriptlet}`);

describe('judgeDnfRun', () => {
  it('fails a run whose %post failed although dnf exited 0 and the version is right', () => {
    const output = { stdout: 'Error in POSTIN scriptlet in rpm package lab-postinst-fails\nComplete!\n', stderr: 'warning: %post(lab-postinst-fails-1.1-1.noarch) scriptlet failed, exit status 1\n', exitCode: 0 };
    const result = judgeDnfRun({ host: 'rocky-01', output, record: record('Scriptlet output:\n   1 warning: %post(lab-postinst-fails-1.1-1.noarch) scriptlet failed, exit status 1\n'), moves: move('1.1-1'), lockTimeoutSeconds: 30 });
    expect(result).toMatchObject({ outcome: 'failed', reason: 'maintainer_script_failed' });
    if (result.outcome === 'failed') expect(result.message).toBe('the %post scriptlet of lab-postinst-fails-1.1-1.noarch failed on rocky-01 (dnf exited 0; history transaction 4 is flagged EE); the package is installed but its script did not finish');
  });

  it('trusts exit 0 only with a clean record and rpm at the target', () => {
    const output = { stdout: 'Complete!\n', stderr: '', exitCode: 0 };
    expect(judgeDnfRun({ host: 'rocky-01', output, record: record(''), moves: move('1.1-1'), lockTimeoutSeconds: 30 }).outcome).toBe('done');
    expect(judgeDnfRun({ host: 'rocky-01', output, record: null, moves: move('1.0-1'), lockTimeoutSeconds: 30 })).toMatchObject({ outcome: 'failed', reason: 'not_at_target', message: 'dnf reported success on rocky-01 but lab-postinst-fails is at 1.0-1, not 1.1-1' });
  });

  it('names a held lock, a version the repositories lost and an undo without old packages', () => {
    expect(judgeDnfRun({ host: 'rocky-01', output: { stdout: '', stderr: 'Error: [Errno 11] rpmdb already locked by 77', exitCode: 200 }, record: null, moves: move('1.0-1'), lockTimeoutSeconds: 2, lockHolder: { pid: 77, process: 'python3' } })).toMatchObject({ reason: 'lock_held', lockHolder: { pid: 77, process: 'python3' } });
    expect(judgeDnfRun({ host: 'rocky-01', output: { stdout: '', stderr: 'No match for argument: lab-hello-9.9-1\nError: No packages marked for upgrade.', exitCode: 1 }, record: null, moves: move('1.0-1'), lockTimeoutSeconds: 2 })).toMatchObject({ reason: 'version_unavailable' });
    expect(judgeDnfRun({ host: 'rocky-01', output: { stdout: '', stderr: 'Error: Cannot find rpm nevra "pd-app-1.0-1.noarch".', exitCode: 1 }, record: null, moves: move('1.1-1'), lockTimeoutSeconds: 2 })).toMatchObject({ reason: 'version_unavailable', message: 'pd-app-1.0-1.noarch is not available from the repositories of rocky-01' });
  });
});

describe('parseDnfNeedsRestarting', () => {
  it('reads exit 1 with the packages named, and exit 0 (captured)', () => {
    const required = 'Core libraries or services have been updated since boot-up:\n  * dbus\n\nReboot is required to fully utilize these updates.\nMore information: https://access.redhat.com/solutions/27943\n';
    expect(parseDnfNeedsRestarting('rocky-01', required, 1)).toEqual({ required: true, packages: ['dbus'], source: 'dnf needs-restarting -r' });
    expect(parseDnfNeedsRestarting('rocky-01', 'No core libraries or services have been updated since boot-up.\nReboot should not be necessary.\n', 0).required).toBe(false);
    expect(() => parseDnfNeedsRestarting('rocky-01', '', 2)).toThrow(/exited with 2/);
  });
});
