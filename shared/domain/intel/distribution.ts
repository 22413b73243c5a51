/**
 * Which distribution release a collected host runs, as the vulnerability feeds name it (the
 * Debian tracker by codename, OSV ecosystems by version), and which version ordering its packages
 * follow. An OS this does not know gets null: its packages are "not mapped" and say why.
 */
import type { VersionFamily } from './package-mapping';

/** Debian's release numbers and the codenames the security tracker files them under. */
export const DEBIAN_CODENAMES: Readonly<Record<string, string>> = {
  '9': 'stretch',
  '10': 'buster',
  '11': 'bullseye',
  '12': 'bookworm',
  '13': 'trixie',
  '14': 'forky',
};

/** Ubuntu's release numbers and codenames (the feeds name releases by codename where they know it). */
export const UBUNTU_CODENAMES: Readonly<Record<string, string>> = {
  '16.04': 'xenial',
  '18.04': 'bionic',
  '20.04': 'focal',
  '22.04': 'jammy',
  '24.04': 'noble',
  '24.10': 'oracular',
  '25.04': 'plucky',
  '25.10': 'questing',
};

/** A host's distribution release. */
export interface DistributionRelease {
  /** `debian`, `ubuntu`, `rhel`, `rocky`, `almalinux`, ... (os-release ID). */
  distribution: string;
  /** Debian and Ubuntu: codename (`bookworm`, `jammy`; Ubuntu's number when unknown); RPM and Alpine families: major version (`9`). */
  release: string;
  family: VersionFamily;
  /** How the feeds and the UI name it: "Debian bookworm", "Ubuntu 22.04". */
  label: string;
}

const RPM_IDS = new Set(['rhel', 'centos', 'rocky', 'almalinux', 'ol', 'fedora', 'amzn', 'sles', 'opensuse-leap', 'opensuse-tumbleweed']);

/** The release of a collected OS (`os.id`, `os.version`, `os.name` as the collection stores them); null when unknown. */
export function distributionReleaseOf(os: { id: string; version: string; name: string }): DistributionRelease | null {
  const id = os.id.toLowerCase();
  if (id === 'debian') {
    const codename = /\(([a-z]+)\)/.exec(os.name)?.[1] ?? DEBIAN_CODENAMES[os.version.split('.')[0] ?? ''];
    return codename ? { distribution: 'debian', release: codename, family: 'dpkg', label: `Debian ${codename}` } : null;
  }
  if (id === 'ubuntu') return os.version ? { distribution: 'ubuntu', release: UBUNTU_CODENAMES[os.version] ?? os.version, family: 'dpkg', label: `Ubuntu ${os.version}` } : null;
  if (RPM_IDS.has(id)) return os.version ? { distribution: id, release: os.version.split('.')[0] ?? os.version, family: 'rpm', label: os.name || id } : null;
  if (id === 'alpine') return os.version ? { distribution: id, release: os.version, family: 'apk', label: `Alpine ${os.version}` } : null;
  return null;
}
