import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyAptReleaseDates, parseAptReleaseDates } from './apt-release-dates.parser';
import { parseAptSimulate } from './apt-simulate.parser';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

function releases() {
  const r = parseAptReleaseDates({ stdout: fixture('handmade_debian-12.apt-release-dates.stdout'), exitCode: 0 });
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe('apt Release dates', () => {
  it('reads each file, leaving an unreadable Date undated with a warning', () => {
    const { releases: files, warnings } = releases();
    expect(files.map((f) => [f.suite, f.codename, f.date])).toEqual([
      ['stable', 'bookworm', '2025-03-15T09:37:50.000Z'],
      ['stable-updates', 'bookworm-updates', '2025-03-24T20:16:28.000Z'],
      ['stable-security', 'bookworm-security', '2025-03-25T18:02:11.000Z'],
      ['cloud-sdk-bookworm', 'cloud-sdk-bookworm', null],
      ['google-compute-engine-bookworm-stable', 'google-compute-engine-bookworm-stable', '2025-03-26T00:05:00.000Z'],
    ]);
    expect(warnings).toEqual(['packages.cloud.google.com_apt_dists_cloud-sdk-bookworm_InRelease: unreadable Date "2025-03-25"; its fixes count from first seen']);
  });

  it('dates the real Debian 12 upgrades by the Release file of their archive, as repository dates', () => {
    const simulated = parseAptSimulate({ stdout: fixture('osconfig_debian-12.apt-get-just-print-full-upgrade.stdout'), exitCode: 0 });
    if (!simulated.ok) throw new Error(simulated.error);
    const dated = applyAptReleaseDates(simulated.value.updates, releases().releases);
    const byName = (name: string) => dated.find((u) => u.name === name);
    expect(byName('tzdata')).toMatchObject({ repository: 'stable-updates', publishedAt: '2025-03-24T20:16:28.000Z', publishedBasis: 'repository_date' });
    expect(byName('google-guest-agent')).toMatchObject({ publishedAt: '2025-03-26T00:05:00.000Z', publishedBasis: 'repository_date' });
    // Its archive's Release file has no readable date: no date at all, not a guess.
    expect(byName('google-cloud-cli')).not.toHaveProperty('publishedAt');
    // New packages are not missing fixes and stay undated.
    expect(dated.filter((u) => u.kind === 'new').every((u) => u.publishedAt === undefined)).toBe(true);
  });

  it('takes the later date when two files share an archive name, and the earlier across archives', () => {
    const files = [
      { file: 'a', label: 'Debian', suite: 'stable', codename: 'bookworm', date: '2025-01-01T00:00:00.000Z' },
      { file: 'b', label: 'Other', suite: 'stable', codename: 'other', date: '2025-02-01T00:00:00.000Z' },
      { file: 'c', label: 'Debian-Security', suite: 'stable-security', codename: 'bookworm-security', date: '2025-01-15T00:00:00.000Z' },
    ];
    const base = { name: 'p', installedVersion: '1', availableVersion: '2', security: true, cves: [], advisories: [], kind: 'upgrade' as const };
    expect(applyAptReleaseDates([{ ...base, repository: 'stable' }], files)[0]?.publishedAt).toBe('2025-02-01T00:00:00.000Z');
    expect(applyAptReleaseDates([{ ...base, repository: 'stable, stable-security' }], files)[0]?.publishedAt).toBe('2025-01-15T00:00:00.000Z');
    expect(applyAptReleaseDates([{ ...base, repository: 'unknown-suite' }], files)[0]).not.toHaveProperty('publishedAt');
  });
});
