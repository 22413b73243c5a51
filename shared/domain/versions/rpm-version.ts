import { compareDigitRuns, isAsciiDigit, isAsciiLetter, sign } from './digit-run';

/** An rpm epoch-version-release triple. */
export interface RpmEvr {
  /** 0 when the text has no epoch, as rpm assumes. */
  epoch: number;
  version: string;
  /** Empty when the text has no release. */
  release: string;
}

/** Splits `[epoch:]version[-release]`; the release starts after the last hyphen. */
export function parseRpmEvr(evr: string): RpmEvr {
  const v = evr.trim();
  let epoch = 0;
  let rest = v;
  const colon = v.indexOf(':');
  if (colon >= 0 && /^\d*$/.test(v.slice(0, colon))) {
    epoch = colon === 0 ? 0 : Number(v.slice(0, colon));
    rest = v.slice(colon + 1);
  }
  const hyphen = rest.lastIndexOf('-');
  if (hyphen < 0) return { epoch, version: rest, release: '' };
  return { epoch, version: rest.slice(0, hyphen), release: rest.slice(hyphen + 1) };
}

/** Formats an EVR the way yum and dnf print it: the epoch only when it is not 0. */
export function formatRpmEvr(evr: RpmEvr): string {
  const base = evr.release === '' ? evr.version : `${evr.version}-${evr.release}`;
  return evr.epoch === 0 ? base : `${evr.epoch}:${base}`;
}

const isAlnum = (c: number): boolean => isAsciiDigit(c) || isAsciiLetter(c);
const TILDE = 126;
const CARET = 94;

/**
 * Compares two version (or release) strings with rpm's `rpmvercmp` segment rules: digit runs
 * compare numerically and beat letter runs, `~` sorts before everything (pre-releases), `^`
 * sorts after the bare version but before any further segment (post-release snapshots).
 */
export function rpmvercmp(a: string, b: string): -1 | 0 | 1 {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while (i < a.length && !isAlnum(a.charCodeAt(i)) && a.charCodeAt(i) !== TILDE && a.charCodeAt(i) !== CARET) i++;
    while (j < b.length && !isAlnum(b.charCodeAt(j)) && b.charCodeAt(j) !== TILDE && b.charCodeAt(j) !== CARET) j++;
    const ca = i < a.length ? a.charCodeAt(i) : undefined;
    const cb = j < b.length ? b.charCodeAt(j) : undefined;
    if (ca === TILDE || cb === TILDE) {
      if (ca !== TILDE) return 1;
      if (cb !== TILDE) return -1;
      i++;
      j++;
      continue;
    }
    if (ca === CARET || cb === CARET) {
      if (ca === undefined) return -1;
      if (cb === undefined) return 1;
      if (ca !== CARET) return 1;
      if (cb !== CARET) return -1;
      i++;
      j++;
      continue;
    }
    if (ca === undefined || cb === undefined) break;
    const numeric = isAsciiDigit(ca);
    const test = numeric ? isAsciiDigit : isAsciiLetter;
    const si = i;
    while (i < a.length && test(a.charCodeAt(i))) i++;
    const sj = j;
    while (j < b.length && test(b.charCodeAt(j))) j++;
    const sa = a.slice(si, i);
    const sb = b.slice(sj, j);
    // Segments of different types: rpm treats the numeric one as newer.
    if (sb === '') return numeric ? 1 : -1;
    const diff = numeric ? compareDigitRuns(sa, sb) : sa < sb ? -1 : sa > sb ? 1 : 0;
    if (diff !== 0) return sign(diff);
  }
  const restA = i < a.length;
  const restB = j < b.length;
  if (!restA && !restB) return 0;
  return restA ? 1 : -1;
}

/**
 * Compares two rpm EVR strings (`[epoch:]version[-release]`): epoch numerically (missing = 0),
 * then version and release with {@link rpmvercmp}. A missing release sorts before any release.
 */
export function compareRpmVersions(a: string, b: string): -1 | 0 | 1 {
  const x = parseRpmEvr(a);
  const y = parseRpmEvr(b);
  if (x.epoch !== y.epoch) return x.epoch < y.epoch ? -1 : 1;
  return rpmvercmp(x.version, y.version) || rpmvercmp(x.release, y.release);
}
