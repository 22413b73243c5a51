import { describe, expect, it } from 'vitest';
import { dnfCommand, dnfHistoryUndoCommand, dnfLockHolderPid } from './dnf-command';

describe('dnfCommand', () => {
  it('pins NEVRAs, refreshes metadata, never prompts and bounds the lock wait', () => {
    const command = dnfCommand('upgrade', [{ name: 'lab-hello', version: '1.1-1' }, { name: 'openssl', version: '1:3.0.7-27.el9' }], { lockTimeoutSeconds: 30 });
    expect(command).toBe(
      '(end=$(( $(date +%s) + 30 )); while :; do LC_ALL=C dnf --refresh --setopt=exit_on_lock=True -y upgrade lab-hello-1.1-1 openssl-1:3.0.7-27.el9 </dev/null; rc=$?; if [ "$rc" -ne 200 ] || [ "$(date +%s)" -ge "$end" ]; then exit "$rc"; fi; sleep 1; done)',
    );
  });

  it('limits an upgrade to advisories, previews with --assumeno, and rolls back with downgrade or history undo', () => {
    expect(dnfCommand('upgrade', [{ name: 'lab-hello' }], { lockTimeoutSeconds: 0, advisories: ['PDLAB-2026:0001'] })).toContain('-y upgrade --advisory=PDLAB-2026:0001 lab-hello </dev/null');
    expect(dnfCommand('preview-upgrade', [{ name: 'lab-hello', version: '1.1-1' }], { lockTimeoutSeconds: 0 })).toBe('LC_ALL=C dnf --refresh --setopt=exit_on_lock=True --assumeno upgrade lab-hello-1.1-1 </dev/null');
    expect(dnfCommand('downgrade', [{ name: 'lab-hello', version: '1.0-1' }], { lockTimeoutSeconds: 5 })).toContain('-y downgrade lab-hello-1.0-1 </dev/null');
    expect(dnfHistoryUndoCommand(3, 5)).toContain('-y history undo 3 </dev/null');
  });

  it('refuses shell syntax in names, versions and advisories, and a bad transaction id', () => {
    expect(() => dnfCommand('upgrade', [{ name: 'x;id' }], { lockTimeoutSeconds: 1 })).toThrow(/not a valid package name/);
    expect(() => dnfCommand('upgrade', [{ name: 'x' }], { lockTimeoutSeconds: 1, advisories: ['A$(id)'] })).toThrow(/not a valid advisory id/);
    expect(() => dnfHistoryUndoCommand(0, 1)).toThrow(/not a dnf transaction id/);
  });

  it('reads the pid of the process holding the lock', () => {
    expect(dnfLockHolderPid('Error: [Errno 11] rpmdb already locked by 4242')).toBe(4242);
    expect(dnfLockHolderPid('Complete!')).toBeNull();
  });
});
