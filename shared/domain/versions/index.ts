/** Version comparison with each distribution's own rules, and rpm NEVRA parsing. */
export { compareDebianVersions, parseDebianVersion, type DebianVersion } from './debian-version';
export { compareRpmVersions, rpmvercmp, parseRpmEvr, formatRpmEvr, type RpmEvr } from './rpm-version';
export { compareApkVersions } from './apk-version';
export { parseNevra, isRpmArch, type Nevra } from './nevra';
