/** A package name split into rpm's name, epoch, version, release and architecture. */
export interface Nevra {
  name: string;
  /** 0 when the text has no epoch. */
  epoch: number;
  version: string;
  release: string;
  /** Absent when the text ends at the release (`NEVR`). */
  arch?: string;
}

const RPM_ARCH =
  /^(?:noarch|src|nosrc|x86_64|x86_64_v[2-4]|i[3-6]86|athlon|aarch64|arm64|armv\w+|ppc|ppc64|ppc64le|ppc64p7|s390|s390x|ia64|riscv64|loongarch64|mips\w*|sparc\w*|alpha\w*)$/;

/** True when `s` is an rpm architecture name (`x86_64`, `noarch`, `aarch64`, ...). */
export function isRpmArch(s: string): boolean {
  return RPM_ARCH.test(s);
}

/**
 * Parses `name-[epoch:]version-release[.arch]` from the right: names may contain hyphens and
 * dots, versions and releases cannot contain hyphens. Also accepts the old `epoch:name-...` form.
 * Returns null when the text has no version and release.
 */
export function parseNevra(text: string): Nevra | null {
  let s = text.trim();
  if (s === '' || /\s/.test(s)) return null;
  if (s.endsWith('.rpm')) s = s.slice(0, -4);
  let arch: string | undefined;
  const dot = s.lastIndexOf('.');
  if (dot > 0 && isRpmArch(s.slice(dot + 1))) {
    arch = s.slice(dot + 1);
    s = s.slice(0, dot);
  }
  const relDash = s.lastIndexOf('-');
  if (relDash <= 0) return null;
  const release = s.slice(relDash + 1);
  const nv = s.slice(0, relDash);
  const verDash = nv.lastIndexOf('-');
  if (verDash <= 0) return null;
  let name = nv.slice(0, verDash);
  let version = nv.slice(verDash + 1);
  let epoch = 0;
  const verEpoch = /^(\d+):(.+)$/.exec(version);
  if (verEpoch) {
    epoch = Number(verEpoch[1]);
    version = verEpoch[2] ?? '';
  } else {
    const nameEpoch = /^(\d+):(.+)$/.exec(name);
    if (nameEpoch) {
      epoch = Number(nameEpoch[1]);
      name = nameEpoch[2] ?? '';
    }
  }
  if (name === '' || version === '' || release === '' || version.includes(':') || release.includes(':')) return null;
  return arch === undefined ? { name, epoch, version, release } : { name, epoch, version, release, arch };
}
