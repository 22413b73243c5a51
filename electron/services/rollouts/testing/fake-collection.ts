/**
 * The collection a scripted host would report: a Debian 12 host over SSH with what it has
 * installed, and by default each package's 1.1 pending. Rollout tests store it as the host's
 * last collection so a plan has pending updates to pick from.
 */
import type { HostCollection } from '../../../../shared/contract/patch-status';

/** What differs between the tests: the pending list, or which packages' 1.1 is a security fix. */
export interface FakeCollectionOptions {
  hostname?: string;
  /** The pending updates as given; otherwise 1.1 of every installed package. */
  pending?: HostCollection['pending'];
  /** Which default pending updates are security fixes (all by default). */
  security?: (name: string) => boolean;
  /** The advisories a default pending update names (none by default). */
  advisories?: (name: string) => string[];
}

/** What the collection reports of a host: its name and installed versions (a `FakeHost` fits). */
export interface CollectedHost {
  name: string;
  installed: ReadonlyMap<string, string>;
}

/** A host named `name` with each of `packages` installed at 1.0, as the scripted e2e hosts start. */
export function hostAt10(name: string, packages: readonly string[]): CollectedHost {
  return { name, installed: new Map(packages.map((pkg) => [pkg, '1.0'])) };
}

/** A collection of `host` taken at `at`. */
export function fakeDebianCollection(host: CollectedHost, at: string, options: FakeCollectionOptions = {}): HostCollection {
  const security = options.security ?? (() => true);
  const advisories = options.advisories ?? (() => []);
  return {
    collectedAt: at,
    method: 'ssh',
    platform: 'linux',
    hostname: options.hostname ?? host.name,
    os: { id: 'debian', name: 'Debian GNU/Linux 12 (bookworm)', version: '12', build: '6.1.0-28-amd64' },
    packageManager: 'apt',
    uptimeSeconds: 100,
    rebootRequired: false,
    rebootReason: '',
    lastPatchedAt: null,
    installedCount: host.installed.size,
    installed: [...host.installed].map(([name, version]) => ({ name, version, arch: 'all', status: 'ii' })),
    pending:
      options.pending ??
      [...host.installed].map(([name, version]) => ({ name, installedVersion: version, availableVersion: '1.1', repository: 'lab', security: security(name), cves: [], advisories: advisories(name), kind: 'upgrade' as const })),
    installedKbs: [],
    device: null,
    warnings: [],
  };
}
