/**
 * A real Debian 12 host and the vulnerability feeds that speak about its real packages, for the
 * end-to-end mapping test, the Playwright triage run and the benches.
 *
 * The host: `debian-12-vm.collection` is the collector script's output exactly as it ran on the
 * development machine (`LC_ALL=C sh -s < collector`, 2026-12-07): its os-release, its 767
 * `dpkg-query` rows with source package names and versions, and `apt-get -s dist-upgrade` with
 * its 135 real pending upgrades (perl 5.36.0-7+deb12u2 -> +deb12u4, expat 2.5.0-1+deb12u1 ->
 * +deb12u5, ...). Imported as an offline collection file, as `patchdesk import collection` would.
 *
 * The tracker: the real sample's entries (security-tracker.debian.org/tracker/data/json, trimmed)
 * plus entries in the same format for this host's real source packages. Every CVE id and fixed
 * version below is Debian's own, read from the packages' `changelog.Debian.gz`: glibc's installed
 * one (CVE-2023-4911 fixed in 2.36-9+deb12u3), and those of the candidate .debs in the machine's
 * apt cache (perl 5.36.0-7+deb12u4, libexpat1 2.5.0-1+deb12u5). CVE-2023-31486 (HTTP::Tiny does
 * not verify TLS by default) is named by no bookworm perl upload up to +deb12u4: it is the
 * tracker's open, no-DSA record for bookworm.
 *
 * The KEV catalogue is in CISA's format with two entries: CVE-2023-4911 as CISA lists it (added
 * 2023-11-21, due 2023-12-12), and CVE-2025-40909, which CISA does NOT list: it is put there so a
 * known-exploited fix is pending on this host, and its name says so.
 */
import { readFileSync } from 'node:fs';

const TRACKER_SAMPLE = new URL('../services/intel/feeds/parsers/fixtures/debian-security-tracker-json_sample.json', import.meta.url);
const COLLECTION = new URL('../services/intel/mapping/fixtures/debian-12-vm.collection', import.meta.url);

/** The host's name in its collection (`uname -n`). */
export const REAL_HOST_NAME = 'vm';

/** The CVEs of the real host's tracker records, by what the mapping must make of them. */
export const REAL_HOST_CVES = {
  /** perl, fixed in 5.36.0-7+deb12u3: installed +deb12u2, +deb12u4 pending (and in the test KEV catalogue). */
  perlPending: 'CVE-2025-40909',
  /** perl, fixed in 5.36.0-7+deb12u4, the pending version itself. */
  perlPendingToo: 'CVE-2026-7017',
  /** perl, fixed in 5.36.0-7+deb12u2: the installed version, so not affected. */
  perlFixed: 'CVE-2024-56406',
  /** perl, open for bookworm (no DSA): the "no fix yet" list. */
  perlNoFix: 'CVE-2023-31486',
  /** expat, fixed in 2.5.0-1+deb12u4: installed +deb12u1, +deb12u5 pending. */
  expatPending: 'CVE-2024-28757',
  /** glibc, fixed in 2.36-9+deb12u3 (really in CISA KEV): installed +deb12u14, not affected. */
  glibcKev: 'CVE-2023-4911',
} as const;

/** The binary packages of source `perl` with an upgrade pending on the host. */
export const REAL_HOST_PERL_BINARIES = ['libperl5.36', 'perl', 'perl-base', 'perl-modules-5.36'];

/** The collection file's text. */
export function realHostCollection(): string {
  return readFileSync(COLLECTION, 'utf8');
}

type TrackerRelease = { status: 'resolved' | 'open'; repositories: Record<string, string>; fixed_version?: string; urgency: string; nodsa?: string; nodsa_reason?: string };

const resolved = (fixed: string, repositories: Record<string, string>, urgency: string): { releases: Record<string, TrackerRelease> } => ({ releases: { bookworm: { status: 'resolved', repositories, fixed_version: fixed, urgency } } });

/** The tracker JSON: the real sample's entries, then the host's source packages. */
export function realHostTracker(): string {
  const sample = JSON.parse(readFileSync(TRACKER_SAMPLE, 'utf8')) as Record<string, unknown>;
  const perlSuites = { bookworm: '5.36.0-7+deb12u3', 'bookworm-security': '5.36.0-7+deb12u4' };
  const tracker = {
    ...sample,
    perl: {
      [REAL_HOST_CVES.perlNoFix]: { description: 'HTTP::Tiny does not verify TLS certificates by default.', scope: 'remote', releases: { bookworm: { status: 'open', repositories: perlSuites, urgency: 'low', nodsa: 'Minor issue', nodsa_reason: 'ignored' } } },
      [REAL_HOST_CVES.perlFixed]: { description: 'Heap buffer overflow with tr//.', scope: 'local', ...resolved('5.36.0-7+deb12u2', perlSuites, 'not yet assigned') },
      [REAL_HOST_CVES.perlPending]: { description: 'Clone dirhandles without fchdir (thread race on the working directory).', scope: 'local', ...resolved('5.36.0-7+deb12u3', perlSuites, 'not yet assigned') },
      [REAL_HOST_CVES.perlPendingToo]: { description: 'HTTP::Tiny forwards credentials on redirects.', scope: 'remote', ...resolved('5.36.0-7+deb12u4', perlSuites, 'not yet assigned') },
    },
    expat: {
      [REAL_HOST_CVES.expatPending]: { description: 'Billion laughs through isolated external parsers.', scope: 'remote', ...resolved('2.5.0-1+deb12u4', { bookworm: '2.5.0-1+deb12u2', 'bookworm-security': '2.5.0-1+deb12u5' }, 'not yet assigned') },
    },
    glibc: {
      [REAL_HOST_CVES.glibcKev]: { description: 'Buffer overflow in the dynamic loader processing GLIBC_TUNABLES ("Looney Tunables").', scope: 'local', ...resolved('2.36-9+deb12u3', { bookworm: '2.36-9+deb12u14' }, 'high') },
    },
  };
  return JSON.stringify(tracker);
}

/** The KEV catalogue (CISA's format), released on `date` (YYYY-MM-DD). */
export function realHostKev(date: string): string {
  const entry = (cveID: string, fields: Record<string, unknown>) => ({ cveID, requiredAction: 'Apply mitigations per vendor instructions or discontinue use of the product if mitigations are unavailable.', notes: '', cwes: [], ...fields });
  return JSON.stringify({
    title: 'CISA Catalog of Known Exploited Vulnerabilities',
    catalogVersion: date.replace(/-/g, '.'),
    dateReleased: `${date}T14:00:00.0000Z`,
    count: 2,
    vulnerabilities: [
      entry(REAL_HOST_CVES.glibcKev, { vendorProject: 'GNU', product: 'GNU C Library', vulnerabilityName: 'GNU C Library Buffer Overflow Vulnerability', dateAdded: '2023-11-21', shortDescription: 'GNU C Library dynamic loader contains a buffer overflow vulnerability in its processing of GLIBC_TUNABLES.', dueDate: '2023-12-12', knownRansomwareCampaignUse: 'Unknown' }),
      entry(REAL_HOST_CVES.perlPending, { vendorProject: 'Perl', product: 'Perl', vulnerabilityName: 'Perl thread working-directory race (test entry: not in the CISA catalogue)', dateAdded: '2026-11-20', shortDescription: 'Added for the Patchdesk end-to-end test so a known-exploited fix is pending on the real host.', dueDate: '2026-12-11', knownRansomwareCampaignUse: 'Known' }),
    ],
  });
}
