/**
 * Reads the release list apt prints inside an `Inst`/`Conf` group or after a suite:
 * `Label:Version/Archive`, `Label:Archive` or a bare archive, joined by `", "`.
 */

/** One origin of a candidate version. */
export interface AptRelease {
  label: string;
  archive: string;
}

/** Splits one release entry; labels may contain spaces but never a colon. */
export function parseAptRelease(entry: string): AptRelease {
  const e = entry.trim();
  const colon = e.indexOf(':');
  const label = colon >= 0 ? e.slice(0, colon) : '';
  const rest = colon >= 0 ? e.slice(colon + 1) : e;
  const slash = rest.lastIndexOf('/');
  return { label, archive: slash >= 0 ? rest.slice(slash + 1) : rest };
}

/**
 * True when a release marks a security update. Old Debian published security updates in a plain
 * `stable` archive, so the label counts as well as a `-security` archive.
 */
export function isSecurityRelease(r: AptRelease): boolean {
  return r.label === 'Debian-Security' || r.archive.endsWith('-security');
}
