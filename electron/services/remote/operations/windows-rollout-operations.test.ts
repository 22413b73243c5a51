import { describe, expect, it } from 'vitest';
import { parseUpdatePin, updatePin } from './windows-kb';
import { windowsRebootExpected, windowsRollbackPlan } from './windows-rollout-operations';
import { windowsTargets } from './wua-install';

const ID = '3B8F1C2A-0000-4000-8000-00000000A1B2';

describe('Windows rollout pieces', () => {
  it('plans a rollback by uninstall only where WUA marks the update uninstallable, naming servicing stack updates', () => {
    expect(windowsRollbackPlan('KB5034441', { isUninstallable: true, title: '2026-12 Cumulative Update' })).toEqual({ available: true, source: 'uninstall: wusa /uninstall /kb:5034441' });
    expect(windowsRollbackPlan('KB5034439', { isUninstallable: false, title: '2026-12 Servicing Stack Update for Windows 10' })).toEqual({ available: false, source: 'not possible: Windows marks KB5034439 not uninstallable (a servicing stack update, which Windows never removes)' });
    expect(windowsRollbackPlan('KB890830', { isUninstallable: false, title: 'Windows Malicious Software Removal Tool' }).source).toBe('not possible: Windows marks KB890830 not uninstallable');
  });

  it('expects a reboot when an update always requires one, none when none can ask, and does not know otherwise', () => {
    expect(windowsRebootExpected([0, 1])).toBe(true);
    expect(windowsRebootExpected([0, 0])).toBe(false);
    expect(windowsRebootExpected([0, 2])).toBeNull();
  });

  it('reads pins as update id@revision and pins all targets of a run or none', () => {
    expect(parseUpdatePin(`${ID}@200`)).toEqual({ updateId: ID.toLowerCase(), revision: 200 });
    expect([parseUpdatePin(ID), parseUpdatePin(`${ID}@`), parseUpdatePin(`${ID}@2; rm`)]).toEqual([null, null, null]);
    expect(updatePin(ID, 201)).toBe(`${ID.toLowerCase()}@201`);
    expect(windowsTargets([{ name: 'KB5034441', version: `${ID}@200` }])).toEqual({ kbs: ['5034441'], updateIds: [ID.toLowerCase()], pins: [`${ID.toLowerCase()}@200`] });
    expect(() => windowsTargets([{ name: 'KB5034441', version: `${ID}@200` }, { name: 'KB5034439', version: '' }])).toThrow('either every Windows update of a run is pinned (update id@revision) or none is');
  });
});
