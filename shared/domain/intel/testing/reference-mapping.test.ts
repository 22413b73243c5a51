import { describe, expect, it } from 'vitest';
import { mapAssetCves, memoizedCompare, type AffectedRecord, type MappingInstalled, type MappingPending, type VersionFamily } from '../package-mapping';
import { referenceAssetCves } from './reference-mapping';

/** A small deterministic PRNG (mulberry32): the same cases on every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VERSIONS: Record<VersionFamily, string[]> = {
  dpkg: ['1.0-1', '1.0-1+b1', '1.0-1+deb12u1', '1:0.9-1', '1.0~rc1-1', '1.0-1+deb12u1+b2', '2.0-1', '0', '1.0'],
  rpm: ['1.0-1.el9', '1.0-2.el9', '1:0.9-1.el9', '1.0-1.el9_3.1', '1.0~rc1-1.el9', '2.0-1.el9'],
  apk: ['1.0-r0', '1.0-r1', '1.0_rc1-r0', '1.1-r0', '2.0-r0'],
};

function randomCase(next: () => number, family: VersionFamily) {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const versions = VERSIONS[family];
  const sources = ['a', 'b', 'c', 'd', 'e'];
  const records = new Map<string, AffectedRecord[]>();
  for (const name of sources) {
    const list: AffectedRecord[] = [];
    for (let i = 0; i < Math.floor(next() * 5); i++) {
      const status = pick(['fixed', 'fixed', 'open', 'not_affected', 'undetermined'] as const);
      list.push({ source: pick(['debian-tracker', 'osv'] as const), feedId: pick([1, 2, null]), package: name, cveId: pick([`CVE-2024-${1000 + i}`, `CVE-2024-${1000 + i}`, 'TEMP-0000000-ABCDEF', null]), advisoryId: pick([null, 'DSA-5000-1']), status, fixedVersion: status === 'fixed' ? pick([...versions, '0']) : null, urgency: pick(['high', 'unimportant', null]) });
    }
    records.set(name, list);
  }
  const installed: MappingInstalled[] = [];
  for (let i = 0; i < 1 + Math.floor(next() * 6); i++) {
    const source = pick(sources);
    const version = pick(versions);
    installed.push({ name: `${source}-bin${Math.floor(next() * 2)}`, arch: pick(['amd64', 'i386', 'all']), version, ...(next() < 0.7 ? { sourceName: source, sourceVersion: next() < 0.5 ? version : pick(versions) } : {}) });
  }
  // A package manager offers one candidate per package and architecture.
  const offered = new Set<string>();
  const pending: MappingPending[] = installed
    .filter((item) => next() < 0.5 && !offered.has(`${item.name}|${item.arch}`) && Boolean(offered.add(`${item.name}|${item.arch}`)))
    .map((item, index) => ({ id: index + 1, name: item.name, arch: item.arch, installedVersion: item.version, availableVersion: pick(versions), cves: next() < 0.3 ? [pick(['cve-2024-1000', 'CVE-2024-1001', 'not-a-cve'])] : [], advisories: next() < 0.3 ? ['RHSA-2024:1'] : [] }));
  return { installed, pending, affectedFor: (name: string) => records.get(name) ?? [] };
}

describe('mapAssetCves against the reference rule', () => {
  it('gives the same links on 3,000 random assets, with and without the memoized version order shared across assets', () => {
    const next = random(20261207);
    for (const family of ['dpkg', 'rpm', 'apk'] as const) {
      const shared = memoizedCompare(family);
      for (let run = 0; run < 1_000; run++) {
        const { installed, pending, affectedFor } = randomCase(next, family);
        const want = referenceAssetCves(family, installed, pending, affectedFor);
        expect(mapAssetCves(family, installed, pending, affectedFor), `${family} #${run}`).toEqual(want);
        expect(mapAssetCves(family, installed, pending, affectedFor, shared), `${family} #${run} (memoized)`).toEqual(want);
      }
    }
  });
});
