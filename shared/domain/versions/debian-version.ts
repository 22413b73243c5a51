import { compareDigitRuns, isAsciiDigit, isAsciiLetter, sign } from './digit-run';

/** A Debian version split the way dpkg splits it. */
export interface DebianVersion {
  epoch: number;
  upstream: string;
  /** Empty when the version has no `-`; dpkg then compares it like `0`. */
  revision: string;
}

/**
 * Splits `[epoch:]upstream[-revision]` as dpkg does: the epoch ends at the first colon, the
 * revision starts after the last hyphen.
 */
export function parseDebianVersion(version: string): DebianVersion {
  const v = version.trim();
  let epoch = 0;
  let rest = v;
  const colon = v.indexOf(':');
  if (colon > 0 && /^\d+$/.test(v.slice(0, colon))) {
    epoch = Number(v.slice(0, colon));
    rest = v.slice(colon + 1);
  }
  const hyphen = rest.lastIndexOf('-');
  if (hyphen < 0) return { epoch, upstream: rest, revision: '' };
  return { epoch, upstream: rest.slice(0, hyphen), revision: rest.slice(hyphen + 1) };
}

/**
 * Compares two Debian package versions with dpkg's ordering: epoch, then upstream, then revision.
 * `~` sorts before everything (even the end of the string), letters sort before other symbols.
 * Returns -1, 0 or 1.
 */
export function compareDebianVersions(a: string, b: string): -1 | 0 | 1 {
  const x = parseDebianVersion(a);
  const y = parseDebianVersion(b);
  if (x.epoch !== y.epoch) return x.epoch < y.epoch ? -1 : 1;
  return sign(compareDebianPart(x.upstream, y.upstream) || compareDebianPart(x.revision, y.revision));
}

/** dpkg's character weight; the end of the string weighs 0 so that only `~` sorts below it. */
function order(code: number | undefined): number {
  if (code === undefined) return 0;
  if (code === 126) return -1;
  if (isAsciiDigit(code)) return 0;
  if (isAsciiLetter(code)) return code;
  return code + 256;
}

function compareDebianPart(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while ((i < a.length && !isAsciiDigit(a.charCodeAt(i))) || (j < b.length && !isAsciiDigit(b.charCodeAt(j)))) {
      const ca = i < a.length && !isAsciiDigit(a.charCodeAt(i)) ? a.charCodeAt(i) : undefined;
      const cb = j < b.length && !isAsciiDigit(b.charCodeAt(j)) ? b.charCodeAt(j) : undefined;
      const diff = order(ca) - order(cb);
      if (diff !== 0) return diff;
      if (ca !== undefined) i++;
      if (cb !== undefined) j++;
    }
    const si = i;
    while (i < a.length && isAsciiDigit(a.charCodeAt(i))) i++;
    const sj = j;
    while (j < b.length && isAsciiDigit(b.charCodeAt(j))) j++;
    const diff = compareDigitRuns(a.slice(si, i), b.slice(sj, j));
    if (diff !== 0) return diff;
  }
  return 0;
}
