// Each Ubuntu and Debian release ships exactly one upstream OpenSSH version, so the version in
// the SSH banner names the release even when the package revision does not.
const UBUNTU_BY_OPENSSH: ReadonlyMap<string, string> = new Map([
  ['6.6', '14.04'],
  ['7.2', '16.04'],
  ['7.6', '18.04'],
  ['8.2', '20.04'],
  ['8.9', '22.04'],
  ['9.3', '23.10'],
  ['9.6', '24.04'],
  ['9.7', '24.10'],
  ['9.9', '25.04'],
]);

const DEBIAN_BY_OPENSSH: ReadonlyMap<string, string> = new Map([
  ['6.7', '8'],
  ['7.4', '9'],
  ['7.9', '10'],
  ['8.4', '11'],
  ['9.2', '12'],
  ['10.0', '13'],
]);

// Build numbers from `Software: Windows Version 6.3 (Build 17763 ...)` in sysDescr. Server and
// client editions share builds, hence the pairs.
const WINDOWS_BY_BUILD: ReadonlyMap<number, string> = new Map([
  [7601, 'Windows Server 2008 R2 / Windows 7'],
  [9200, 'Windows Server 2012 / Windows 8'],
  [9600, 'Windows Server 2012 R2 / Windows 8.1'],
  [14393, 'Windows Server 2016 / Windows 10 1607'],
  [17763, 'Windows Server 2019 / Windows 10 1809'],
  [19044, 'Windows 10 21H2'],
  [19045, 'Windows 10 22H2'],
  [20348, 'Windows Server 2022'],
  [22621, 'Windows 11 22H2'],
  [22631, 'Windows 11 23H2'],
  [26100, 'Windows Server 2025 / Windows 11 24H2'],
]);

const IIS_BY_VERSION: ReadonlyMap<string, string> = new Map([
  ['7.5', 'Windows Server 2008 R2'],
  ['8.0', 'Windows Server 2012'],
  ['8.5', 'Windows Server 2012 R2'],
  ['10.0', 'Windows Server 2016 or later'],
]);

/** "Ubuntu 22.04" from the OpenSSH version of an Ubuntu SSH banner (`8.9`), or plain "Ubuntu". */
export function ubuntuRelease(opensshVersion: string): string {
  const release = UBUNTU_BY_OPENSSH.get(opensshVersion);
  return release === undefined ? 'Ubuntu' : `Ubuntu ${release}`;
}

/**
 * "Debian 12" from a Debian SSH banner: the `+debNNuM` security-update suffix when present,
 * else the OpenSSH version; plain "Debian" when neither tells.
 */
export function debianRelease(opensshVersion: string, debSuffix: string | undefined): string {
  const release = debSuffix ?? DEBIAN_BY_OPENSSH.get(opensshVersion);
  return release === undefined ? 'Debian' : `Debian ${release}`;
}

/** The Windows release of a build number, or "Windows (build N)". */
export function windowsRelease(build: number): string {
  return WINDOWS_BY_BUILD.get(build) ?? `Windows (build ${build})`;
}

/** The Windows Server release that ships an IIS version, or "Windows Server". */
export function iisRelease(iisVersion: string): string {
  return IIS_BY_VERSION.get(iisVersion) ?? 'Windows Server';
}
