import { describe, expect, it } from 'vitest';
import type { Asset } from '../../../shared/contract/assets';
import type { PackageSpec } from '../remote/operations/package-spec';
import type { OperationContext } from '../remote/operations/operation-context';
import type { HostAccess } from './host-access';
import type { PackageFamilyOperations } from './package-family';
import { PREVIEW_CONCURRENCY, previewHosts, type PreviewHostInput } from './rollout-preview';

/** A host whose simulation answers only when the test releases it, so the order is set by explicit events. */
interface ScriptedHost {
  name: string;
  /** The version it would get without a pin. */
  candidate: string;
}

function setup(scripted: readonly ScriptedHost[]) {
  const calls: string[] = [];
  const releases = new Map<string, () => void>();
  const gates = new Map<string, Promise<void>>();
  for (const host of scripted) gates.set(host.name, new Promise<void>((resolve) => releases.set(host.name, resolve)));
  const family = {
    family: 'apt',
    async preview(context: OperationContext, specs: readonly PackageSpec[]) {
      const name = (context as unknown as { host: string }).host;
      calls.push(`${name} ${specs.map((spec) => `${spec.name}=${spec.version ?? '*'}`).join(' ')}`);
      await gates.get(name);
      const host = scripted.find((candidate) => candidate.name === name);
      return { changes: specs.map((spec) => ({ name: spec.name, from: '1.0', to: spec.version ?? host?.candidate ?? '', kind: 'upgrade' as const, requested: true })), removals: host?.candidate === '' ? ['libgone'] : [] };
    },
    async versionSources() {
      return new Map<string, 'repository'>();
    },
  } as unknown as PackageFamilyOperations;
  const access: HostAccess = {
    open: (asset) => ({ ok: true, context: { host: asset.hostname } as unknown as OperationContext }),
    collect: async () => ({ ok: false, message: 'not used' }),
  };
  const inputs: PreviewHostInput[] = scripted.map((host, index) => ({ hostId: index + 1, asset: { hostname: host.name } as Asset, windowRing: null, packageManager: 'apt', pending: [], rebootPendingNow: false }));
  const run = previewHosts({ access, family: () => family, windows: [], timeZone: 'UTC', nowMs: 0 }, { selection: { kind: 'packages', packages: ['lab-hello'] }, rebootPolicy: 'never' }, inputs);
  return { calls, release: (name: string) => releases.get(name)?.(), run };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('previewHosts', () => {
  it('pins what the first host gets and previews the other hosts at once with that pin, results in host order', async () => {
    const hosts = [{ name: 'a', candidate: '1.1' }, { name: 'b', candidate: '1.2' }, { name: 'c', candidate: '1.2' }];
    const { calls, release, run } = setup(hosts);
    await tick();
    expect(calls).toEqual(['a lab-hello=*']);
    release('a');
    await tick();
    await tick();
    expect(calls).toEqual(['a lab-hello=*', 'b lab-hello=1.1', 'c lab-hello=1.1']);
    // The later host answers first; the results still come in host order.
    release('c');
    release('b');
    const results = await run;
    expect(results.map((result) => `${result.hostId} ${result.packages.map((item) => `${item.name} ${item.toVersion}`).join(' ')}`)).toEqual(['1 lab-hello 1.1', '2 lab-hello 1.1', '3 lab-hello 1.1']);
  });

  it('previews a host again with the pin an earlier host set after it started', async () => {
    // The first host's preview is refused (a removal), so it pins nothing and the next two start unpinned.
    const hosts = [{ name: 'a', candidate: '' }, { name: 'b', candidate: '1.1' }, { name: 'c', candidate: '1.2' }];
    const { calls, release, run } = setup(hosts);
    release('a');
    await tick();
    await tick();
    release('c');
    release('b');
    const results = await run;
    expect(calls.filter((call) => call.startsWith('c'))).toEqual(['c lab-hello=*', 'c lab-hello=1.1']);
    expect(results.map((result) => result.packages.map((item) => item.toVersion).join(' '))).toEqual(['', '1.1', '1.1']);
  });

  it('asks for rollback sources only where the simulation\'s own call did not answer', async () => {
    const asked: string[][] = [];
    const family = {
      family: 'apt',
      async preview() {
        const changes = [
          { name: 'lab-hello', from: '1.0', to: '1.1', kind: 'upgrade' as const, requested: true },
          { name: 'libdep', from: '2.0', to: '2.1', kind: 'upgrade' as const, requested: false },
        ];
        return { changes, removals: [], rollbackSources: new Map([['lab-hello=1.0', 'cache' as const]]) };
      },
      async versionSources(_context: OperationContext, wanted: readonly { name: string; version: string }[]) {
        asked.push(wanted.map((item) => `${item.name}=${item.version}`));
        return new Map(wanted.map((item) => [`${item.name}=${item.version}`, 'repository' as const]));
      },
    } as unknown as PackageFamilyOperations;
    const access: HostAccess = { open: (asset) => ({ ok: true, context: { host: asset.hostname } as unknown as OperationContext }), collect: async () => ({ ok: false, message: 'not used' }) };
    const [result] = await previewHosts({ access, family: () => family, windows: [], timeZone: 'UTC', nowMs: 0 }, { selection: { kind: 'packages', packages: ['lab-hello'] }, rebootPolicy: 'never' }, [{ hostId: 1, asset: { hostname: 'a' } as Asset, windowRing: null, packageManager: 'apt', pending: [], rebootPendingNow: false }]);
    expect(asked).toEqual([['libdep=2.0']]);
    expect(result?.packages.map((item) => `${item.name} ${item.rollbackSource} ${String(item.rollbackAvailable)}`)).toEqual(['lab-hello cache true', 'libdep repository true']);
  });

  it('starts the next host as soon as any running host ends, not only the oldest', async () => {
    const hosts = Array.from({ length: PREVIEW_CONCURRENCY + 2 }, (_, index) => ({ name: `h${index}`, candidate: '1.1' }));
    const { calls, release, run } = setup(hosts);
    release('h0');
    await tick();
    await tick();
    // h0 done: the next PREVIEW_CONCURRENCY hosts run; h1 stays slow.
    expect(calls).toHaveLength(1 + PREVIEW_CONCURRENCY);
    release('h2');
    await tick();
    await tick();
    expect(calls.at(-1)).toBe(`h${PREVIEW_CONCURRENCY + 1} lab-hello=1.1`);
    for (const host of hosts) release(host.name);
    const results = await run;
    expect(results.map((result) => result.hostId)).toEqual(hosts.map((_, index) => index + 1));
  });
});
