import { describe, expect, it } from 'vitest';
import { parseDnfHistoryInfo } from './dnf-history';

// Captured in the package lab (dnf 4.14.0): an upgrade whose %post failed. dnf exited 0.
const SCRIPTLET_FAILED = `Transaction ID : 4
Begin time     : Mon Dec  7 17:57:07 2026
Begin rpmdb    : 3f70c5aa6b7ec130d19294bf255bfc2e8f5fdad4076ad14f70439e96a6b58d6f
End time       : Mon Dec  7 17:57:07 2026 (0 seconds)
End rpmdb      : da8e319099fca336a309e914840c5f2a4ecee23d9dfd596cedc974d680fcf7d9
User           : root <root>
Return-Code    : Success
Releasever     : 9
Command Line   : -y upgrade lab-postinst-fails-1.1-1
Comment        : 
Packages Altered:
    Upgrade  lab-postinst-fails-1.1-1.noarch @lab
    Upgraded lab-postinst-fails-1.0-1.noarch @@System
Scriptlet output:
   1 lab-postinst-fails: configuration failed on purpose
   2 warning: %post(lab-postinst-fails-1.1-1.noarch) scriptlet failed, exit status 1
`;

const CLEAN = `Transaction ID : 3
Begin time     : Mon Dec  7 17:57:03 2026
Return-Code    : Success
Releasever     : 9
Command Line   : -y upgrade --advisory=PDLAB-2026:0001
Comment        : 
Packages Altered:
    Upgrade  lab-hello-1.1-1.noarch @lab
    Upgraded lab-hello-1.0-1.noarch @@System
`;

describe('parseDnfHistoryInfo', () => {
  it('keeps the scriptlet failure that the exit code and Return-Code hide', () => {
    const record = parseDnfHistoryInfo('rocky-01', SCRIPTLET_FAILED);
    expect(record).toMatchObject({ id: 4, returnCode: 'Success', commandLine: '-y upgrade lab-postinst-fails-1.1-1', scriptletFailed: true });
    expect(record?.altered).toEqual([
      { action: 'Upgrade', nevra: 'lab-postinst-fails-1.1-1.noarch', repo: '@lab' },
      { action: 'Upgraded', nevra: 'lab-postinst-fails-1.0-1.noarch', repo: '@@System' },
    ]);
    expect(record?.scriptletOutput[1]).toBe('warning: %post(lab-postinst-fails-1.1-1.noarch) scriptlet failed, exit status 1');
  });

  it('reads a clean transaction, and a host with no transaction yet', () => {
    expect(parseDnfHistoryInfo('rocky-01', CLEAN)).toMatchObject({ id: 3, scriptletFailed: false, scriptletOutput: [] });
    expect(parseDnfHistoryInfo('rocky-01', '')).toBeNull();
    expect(() => parseDnfHistoryInfo('rocky-01', 'Traceback (most recent call last):')).toThrow(/no transaction id/);
  });
});
