/** Collections for package-history tests, the writer script and the bench: a Debian host with the given packages. */
import type { HostCollection } from '../../../shared/contract/patch-status';

/** One installed package: name, version, then arch (amd64) and dpkg status (installed) when they differ. */
export type FixturePackage = [name: string, version: string, arch?: string, status?: string];

/** A successful collection of a Debian 12 host at `at` that reports exactly `packages`. */
export function debianCollection(at: string, packages: readonly FixturePackage[]): HostCollection {
  return {
    collectedAt: at,
    method: 'ssh',
    platform: 'linux',
    hostname: 'web01',
    os: { id: 'debian', name: 'Debian GNU/Linux', version: '12', build: '6.1.0-26-amd64' },
    packageManager: 'apt',
    uptimeSeconds: 100,
    rebootRequired: false,
    rebootReason: '',
    lastPatchedAt: null,
    installedCount: packages.length,
    installed: packages.map(([name, version, arch = 'amd64', status = 'installed']) => ({ name, version, arch, status })),
    pending: [],
    installedKbs: [],
    device: null,
    warnings: [],
  };
}

/** Round `round` of a host with `base` unchanged packages and one, `tool`, upgraded every round. */
export function upgradingHost(base: number, round: number): FixturePackage[] {
  return [...Array.from({ length: base }, (_, index): FixturePackage => [`pkg${String(index).padStart(4, '0')}`, `1.${index % 7}-1`]), ['tool', `2.${round}-1`]];
}
