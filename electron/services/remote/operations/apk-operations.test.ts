import { describe, expect, it } from 'vitest';
import { apkPinnedAddCommand, apkSimulateCommand, apkVersionSourcesCommand } from './apk-command';
import { isVersionedEntry, parseApkState, worldEntry } from './apk-installed';
import { APK_CACHE_LISTING, APK_LOCKED, APK_POLICY, APK_SCRIPT_FAILED, APK_SIMULATE_UPGRADE, APK_SIMULATE_WITH_PURGE, APK_STATE, APK_UNSATISFIABLE_STDERR } from './apk-outputs.fixtures';
import { apkPlanProblem, parseApkChanges } from './apk-preview';
import { parseApkRebootProbe } from './apk-reboot-required';
import { judgeApkRun, leftPins } from './apk-transaction';
import { parseApkVersionSources } from './apk-version-sources';
import { APK_CACHE_MARKER } from './apk-command';

const moves = (after: string) => [{ name: 'lab-hello', from: '1.0-r0', to: '1.1-r0', after, afterStatus: null }];
const evidence = (output: { stdout: string; stderr: string; exitCode: number }, extra: Partial<Parameters<typeof judgeApkRun>[0]> = {}) => ({
  host: 'alpine-1',
  output,
  moves: moves('1.1-r0'),
  flagsAfter: new Map([['lab-hello', '']]),
  worldBefore: new Map([['lab-hello', 'lab-hello']]),
  worldAfter: new Map([['lab-hello', 'lab-hello']]),
  lockTimeoutSeconds: 30,
  ...extra,
});

describe('apk commands', () => {
  it('simulates with upgrade for candidates and add -u for pins, after a best-effort index refresh', () => {
    expect(apkSimulateCommand([{ name: 'busybox' }])).toBe('LC_ALL=C apk --no-progress --wait 30 update -q >/dev/null 2>&1 </dev/null; LC_ALL=C apk --no-progress -s upgrade busybox </dev/null');
    expect(apkSimulateCommand([{ name: 'busybox', version: '1.36.1-r29' }, { name: 'musl' }])).toContain('apk --no-progress -s add -u busybox=1.36.1-r29 musl </dev/null');
    expect(apkSimulateCommand([{ name: 'lab-hello', version: '1.1-r0' }], new Map([['lab-hello', '@lab']]))).toContain('-s add -u lab-hello@lab=1.1-r0 </dev/null');
    expect(() => apkSimulateCommand([{ name: 'lab-hello', version: '1.1-r0' }], new Map([['lab-hello', '@x;id']]))).toThrow(/not a repository tag/);
  });

  it('installs exact versions with --wait and -U, then puts each world entry back where the add changed it', () => {
    const command = apkPinnedAddCommand([{ name: 'lab-hello', version: '1.1-r0' }, { name: 'libcrypto3', version: '3.3.2-r1' }], new Map([['lab-hello', 'lab-hello@lab'], ['libcrypto3', null]]), 45);
    // The tag stays on the exact version: a package only a tagged repository offers is masked otherwise.
    expect(command).toContain('LC_ALL=C apk --no-progress --wait 45 -U add lab-hello@lab=1.1-r0 libcrypto3=3.3.2-r1 </dev/null; pd_rc=$?');
    expect(command).toContain('if [ "$(pd_world lab-hello)" != "lab-hello@lab" ]; then LC_ALL=C apk --no-progress --wait 45 add lab-hello@lab </dev/null; fi');
    expect(command).toContain('if [ "$(pd_world libcrypto3)" != "" ]; then LC_ALL=C apk --no-progress --wait 45 del libcrypto3 </dev/null; fi');
    expect(command.endsWith('exit $pd_rc')).toBe(true);
  });

  it("refuses to build over an admin's versioned pin or a name that could carry shell syntax", () => {
    expect(() => apkPinnedAddCommand([{ name: 'musl', version: '1.2.5-r1' }], new Map([['musl', 'musl=1.2.5-r0']]), 5)).toThrow(/versioned/);
    expect(() => apkPinnedAddCommand([{ name: 'musl', version: '1;reboot' }], new Map(), 5)).toThrow(/not a valid version/);
    expect(() => apkVersionSourcesCommand(['$(id)'])).toThrow(/not a valid package name/);
  });
});

describe('apk parsers (handmade from the apk-tools 2.14 source)', () => {
  it('reads the simulated changes, purges included', () => {
    expect(parseApkChanges(APK_SIMULATE_UPGRADE)).toEqual([
      { name: 'busybox', from: '1.36.1-r28', to: '1.36.1-r29', kind: 'upgrade' },
      { name: 'ssl_client', from: '1.36.1-r28', to: '1.36.1-r29', kind: 'upgrade' },
    ]);
    expect(parseApkChanges(APK_SIMULATE_WITH_PURGE)).toEqual([
      { name: 'libcrypto3', from: null, to: '3.3.2-r1', kind: 'new' },
      { name: 'openssl', from: '3.3.2-r0', to: '3.3.2-r1', kind: 'upgrade' },
      { name: 'libcrypto1.1', from: '1.1.1w-r1', to: '', kind: 'remove' },
    ]);
    expect(apkPlanProblem(APK_UNSATISFIABLE_STDERR)).toBe('unable to select packages: lab-hello-1.1-r0: breaks: world[lab-hello=9.9-r0]');
  });

  it('reads versions, broken flags and the world', () => {
    const state = parseApkState('alpine-1', APK_STATE);
    expect(state.installed.get('lab-postinst-fails')).toEqual({ version: '1.1-r0', flags: 's' });
    expect(state.installed.get('busybox')).toEqual({ version: '1.36.1-r28', flags: '' });
    expect(worldEntry(state.world, 'lab-postinst-fails')).toBe('lab-postinst-fails@lab');
    expect(worldEntry(state.world, 'musl')).toBe('musl=1.2.5-r0');
    expect(worldEntry(state.world, 'ssl_client')).toBeNull();
    expect(isVersionedEntry('musl=1.2.5-r0')).toBe(true);
    expect(isVersionedEntry('lab-postinst-fails@lab')).toBe(false);
    expect(isVersionedEntry('busybox@edge>=1.36')).toBe(true);
    expect(() => parseApkState('alpine-1', 'P:busybox\n')).toThrow(/could not be read/);
  });

  it('finds rollback versions in a repository or in /etc/apk/cache', () => {
    const sources = parseApkVersionSources(`${APK_POLICY}${APK_CACHE_MARKER}\n${APK_CACHE_LISTING}`, [
      { name: 'busybox', version: '1.36.1-r28' },
      { name: 'lab-hello', version: '1.0-r0' },
      { name: 'busybox', version: '1.36.1-r27' },
      { name: 'busybox-extras', version: '1.36.1-r28' },
    ]);
    expect(sources).toEqual(
      new Map([
        ['busybox=1.36.1-r28', 'cache'],
        ['lab-hello=1.0-r0', 'repository'],
        ['busybox=1.36.1-r27', 'none'],
        ['busybox-extras=1.36.1-r28', 'cache'],
      ]),
    );
  });

  it('reads a reboot as the collector does: a newer modules folder than the running kernel, or not measured without one', () => {
    const probe = (running: string, modules: string[]) => `@@pd-reboot@@ kernel-release\n${running}\n@@pd-reboot@@ kernels\n${modules.map((release) => `modules ${release}`).join('\n')}\n@@pd-reboot@@ reboot-files\n`;
    expect(parseApkRebootProbe(probe('6.6.58-0-lts', ['6.6.60-0-lts']))).toMatchObject({ required: true, packages: ['kernel'] });
    expect(parseApkRebootProbe(probe('6.6.58-0-lts', ['6.6.58-0-lts']))).toMatchObject({ required: false });
    expect(parseApkRebootProbe(probe('6.6.58-0-lts', []))).toMatchObject({ required: null });
  });
});

describe('judging an apk run', () => {
  it('done when apk exits 0, its database has no broken flag and the versions are the targets', () => {
    expect(judgeApkRun(evidence({ stdout: '(1/1) Upgrading lab-hello (1.0-r0 -> 1.1-r0)\nOK: 8 MiB in 15 packages\n', stderr: '', exitCode: 0 }))).toMatchObject({ outcome: 'done' });
  });

  it('a failed script: exit 1 and the broken flag, though the version moved', () => {
    const result = judgeApkRun(evidence(APK_SCRIPT_FAILED, { flagsAfter: new Map([['lab-hello', 's']]) }));
    expect(result).toMatchObject({ outcome: 'failed', reason: 'maintainer_script_failed' });
    expect(result.outcome === 'failed' && result.message).toMatch(/lab-hello \(a package script failed\)/);
  });

  it('the lock held past --wait, and a version nobody offers', () => {
    expect(judgeApkRun(evidence(APK_LOCKED, { moves: moves('1.0-r0') }))).toMatchObject({ outcome: 'failed', reason: 'lock_held' });
    expect(judgeApkRun(evidence({ stdout: '', stderr: APK_UNSATISFIABLE_STDERR, exitCode: 1 }, { moves: moves('1.0-r0') }))).toMatchObject({ outcome: 'failed', reason: 'version_unavailable' });
  });

  it('exit 0 but not at the target, and a world pin left behind named with the command that removes it', () => {
    expect(judgeApkRun(evidence({ stdout: 'OK: 8 MiB in 15 packages\n', stderr: '', exitCode: 0 }, { moves: moves('1.0-r0') }))).toMatchObject({ outcome: 'failed', reason: 'not_at_target' });
    const left = judgeApkRun(evidence({ stdout: 'OK\n', stderr: '', exitCode: 0 }, { worldAfter: new Map([['lab-hello', 'lab-hello=1.1-r0']]) }));
    expect(left).toMatchObject({ outcome: 'done', warnings: ['/etc/apk/world still holds "lab-hello=1.1-r0" for lab-hello instead of "lab-hello": put it back with `apk add lab-hello`'] });
    expect(leftPins(new Map([['libcrypto3', null]]), new Map([['libcrypto3', 'libcrypto3=3.3.2-r0']]))).toEqual(['/etc/apk/world still holds "libcrypto3=3.3.2-r0" for libcrypto3 instead of "(nothing)": put it back with `apk del libcrypto3`']);
  });
});
