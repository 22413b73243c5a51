import { describe, expect, it } from 'vitest';
import { familyFor } from './package-family';
import { scriptedApkFleet, scriptedApkHost } from './testing/scripted-apk-hosts';

const apk = () => {
  const family = familyFor('apk');
  if (!family) throw new Error('no apk family');
  return family;
};
const options = { lockTimeoutSeconds: 30, timeoutMs: 60_000 };

describe('the apk family on scripted Alpine hosts', () => {
  it('previews candidates and pins, refuses removals and an admin pin, and skips names not installed', async () => {
    const hosts = [scriptedApkHost('alpine-1', ['lab-hello', 'busybox']), scriptedApkHost('alpine-2', ['lab-hello'], { purges: ['libcrypto1.1'] }), scriptedApkHost('alpine-3', ['lab-hello'])];
    hosts[1]?.installed.set('libcrypto1.1', { version: '1.1.1w-r1', flags: '' });
    hosts[2]?.world.splice(1, 1, 'lab-hello=1.0-r0');
    const fleet = scriptedApkFleet(hosts);
    const first = await apk().preview(fleet.context('alpine-1'), [{ name: 'lab-hello' }, { name: 'nginx' }]);
    expect(first.changes).toEqual([{ name: 'lab-hello', from: '1.0-r0', to: '1.1-r0', kind: 'upgrade', requested: true }]);
    expect(hosts[0]?.commands.at(-1)).toContain('-s upgrade lab-hello </dev/null');
    const pinned = await apk().preview(fleet.context('alpine-2'), [{ name: 'lab-hello', version: '1.1-r0' }]);
    expect(hosts[1]?.commands.at(-1)).toContain('-s add -u lab-hello=1.1-r0 </dev/null');
    expect(pinned.removals).toEqual(['libcrypto1.1']);
    const admin = await apk().preview(fleet.context('alpine-3'), [{ name: 'lab-hello', version: '1.1-r0' }]);
    expect(admin.problem).toMatch(/pins lab-hello=1.0-r0 .*does not override/);
  });

  it('installs the pinned version and puts the world back, then rolls back from the cache and removes the pin the rollback made', async () => {
    const host = scriptedApkHost('alpine-1', ['lab-hello', 'libcrypto3']);
    host.world = ['alpine-base', 'lab-hello@lab'];
    host.repository.set('libcrypto3', ['1.1-r0']);
    host.cache.set('libcrypto3', ['1.0-r0']);
    const fleet = scriptedApkFleet([host]);
    const context = fleet.context('alpine-1');
    const sources = await apk().versionSources(context, [{ name: 'lab-hello', version: '1.0-r0' }, { name: 'libcrypto3', version: '1.0-r0' }, { name: 'libcrypto3', version: '0.9-r0' }]);
    expect(sources).toEqual(new Map([['lab-hello=1.0-r0', 'repository'], ['libcrypto3=1.0-r0', 'cache'], ['libcrypto3=0.9-r0', 'none']]));

    const targets = [{ name: 'lab-hello', version: '1.1-r0' }, { name: 'libcrypto3', version: '1.1-r0' }];
    const installed = await apk().install(context, targets, { kind: 'upgrade', ...options });
    expect(installed).toMatchObject({ outcome: 'done', moves: [{ name: 'lab-hello', from: '1.0-r0', after: '1.1-r0' }, { name: 'libcrypto3', from: '1.0-r0', after: '1.1-r0' }] });
    // apk add wrote lab-hello=1.1-r0 and libcrypto3=1.1-r0 into the world; both were put back.
    expect(host.world).toEqual(['alpine-base', 'lab-hello@lab']);
    expect(await apk().install(context, targets, { kind: 'upgrade', ...options })).toMatchObject({ outcome: 'nothing_to_do' });

    const back = await apk().install(context, [{ name: 'lab-hello', version: '1.0-r0' }, { name: 'libcrypto3', version: '1.0-r0' }], { kind: 'downgrade', ...options });
    expect(back).toMatchObject({ outcome: 'done', moves: [{ name: 'lab-hello', after: '1.0-r0' }, { name: 'libcrypto3', after: '1.0-r0' }] });
    expect(host.commands.at(-2)).toContain('-U add lab-hello@lab=1.0-r0 libcrypto3=1.0-r0');
    expect(host.world).toEqual(['alpine-base', 'lab-hello@lab']);
  });

  it('names a pin it could not put back in the host notes', async () => {
    const host = scriptedApkHost('alpine-1', ['lab-hello'], { restoreFails: true });
    const fleet = scriptedApkFleet([host]);
    const result = await apk().install(fleet.context('alpine-1'), [{ name: 'lab-hello', version: '1.1-r0' }], { kind: 'upgrade', ...options });
    expect(result.outcome).toBe('done');
    expect(result.outputTail).toMatch(/^warning: \/etc\/apk\/world still holds "lab-hello=1\.1-r0" for lab-hello instead of "lab-hello": put it back with `apk add lab-hello`/);
  });

  it('a failed package script leaves the package broken in apk database: half-installed, repaired with apk fix, which fails again while the script does', async () => {
    const host = scriptedApkHost('alpine-1', ['lab-postinst-fails'], { scriptFails: new Set(['lab-postinst-fails']) });
    const fleet = scriptedApkFleet([host]);
    const context = fleet.context('alpine-1');
    const result = await apk().install(context, [{ name: 'lab-postinst-fails', version: '1.1-r0' }], { kind: 'upgrade', ...options });
    expect(result).toMatchObject({ outcome: 'failed', reason: 'maintainer_script_failed', moves: [{ after: '1.1-r0' }] });
    expect(await apk().unfinished(context)).toEqual(['lab-postinst-fails']);
    expect(await apk().installedVersions(context, ['lab-postinst-fails', 'nginx'])).toEqual(new Map([['lab-postinst-fails', { version: '1.1-r0', complete: false }]]));
    expect(await apk().recover(context, 60_000)).toContain('Reinstalling lab-postinst-fails (1.1-r0)');
    expect(await apk().unfinished(context)).toEqual(['lab-postinst-fails']);
    host.scriptFails.clear();
    await apk().recover(context, 60_000);
    expect(await apk().unfinished(context)).toEqual([]);
  });

  it('the lock held past --wait, a version gone from the repository, and the reboot after a kernel upgrade', async () => {
    const host = scriptedApkHost('alpine-1', ['lab-hello'], { lockHeld: { pid: 4242, process: 'apk' } });
    const fleet = scriptedApkFleet([host]);
    const context = fleet.context('alpine-1');
    const locked = await apk().install(context, [{ name: 'lab-hello', version: '1.1-r0' }], { kind: 'upgrade', ...options });
    expect(locked).toMatchObject({ outcome: 'failed', reason: 'lock_held' });
    expect(locked.outcome === 'failed' && locked.message).toMatch(/held \/lib\/apk\/db\/lock on alpine-1 for longer than 30 s: apk \(pid 4242\)/);
    host.lockHeld = null;
    expect(await apk().install(context, [{ name: 'lab-hello', version: '1.2-r0' }], { kind: 'upgrade', ...options })).toMatchObject({ outcome: 'failed', reason: 'version_unavailable' });
    expect(host.world).toEqual(['alpine-base', 'lab-hello']);
    expect(await apk().rebootRequired(context)).toEqual({ required: false, packages: [] });
    host.kernel.modules = ['6.6.60-0-lts'];
    expect(await apk().rebootRequired(context)).toEqual({ required: true, packages: ['kernel'] });
  });
});
