import { compareDigitRuns, sign } from './digit-run';

/** apk's suffix ranks: pre-release suffixes sort below the bare version, post-release above. */
const SUFFIX_RANK: Record<string, number> = { alpha: 0, beta: 1, pre: 2, rc: 3, cvs: 5, svn: 6, git: 7, hg: 8, p: 9 };
const NO_SUFFIX = 4;

interface ApkVersion {
  numbers: string[];
  letter: string;
  suffixes: Array<{ rank: number; number: string }>;
  revision: string;
  commit: string;
}

const APK_VERSION = /^(\d+(?:\.\d+)*)([a-z]?)((?:_[a-z]+\d*)*)(?:~([0-9a-f]+))?(?:-r(\d+))?$/;

function parseApkVersion(v: string): ApkVersion | null {
  const m = APK_VERSION.exec(v.trim());
  if (!m) return null;
  const suffixes: ApkVersion['suffixes'] = [];
  for (const part of (m[3] ?? '').split('_').slice(1)) {
    const sm = /^([a-z]+)(\d*)$/.exec(part);
    const rank = sm ? SUFFIX_RANK[sm[1] ?? ''] : undefined;
    if (!sm || rank === undefined) return null;
    suffixes.push({ rank, number: sm[2] || '0' });
  }
  return {
    numbers: (m[1] ?? '').split('.'),
    letter: m[2] ?? '',
    suffixes,
    commit: m[4] ?? '',
    revision: m[5] ?? '0',
  };
}

/** Gentoo/apk rule: after the first component, a leading zero makes the comparison textual. */
function compareComponent(a: string, b: string, first: boolean): number {
  if (!first && (a.startsWith('0') || b.startsWith('0'))) {
    const x = a.replace(/0+$/, '');
    const y = b.replace(/0+$/, '');
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return compareDigitRuns(a, b);
}

/**
 * Compares two Alpine package versions (`1.36.1-r29`, `1.0_rc1-r0`, `2.4a_p1-r2`), best effort
 * per apk's rules: numeric components, an optional letter, suffixes (`_alpha` < `_beta` < `_pre`
 * < `_rc` < none < `_cvs` < `_svn` < `_git` < `_hg` < `_p`), then the `-rN` revision.
 * Versions apk would call invalid are compared as plain text so the order stays total.
 */
export function compareApkVersions(a: string, b: string): -1 | 0 | 1 {
  const x = parseApkVersion(a);
  const y = parseApkVersion(b);
  if (!x || !y) return a < b ? -1 : a > b ? 1 : 0;
  const n = Math.min(x.numbers.length, y.numbers.length);
  for (let k = 0; k < n; k++) {
    const diff = compareComponent(x.numbers[k] ?? '0', y.numbers[k] ?? '0', k === 0);
    if (diff !== 0) return sign(diff);
  }
  if (x.numbers.length !== y.numbers.length) return x.numbers.length < y.numbers.length ? -1 : 1;
  if (x.letter !== y.letter) return x.letter < y.letter ? -1 : 1;
  const s = Math.max(x.suffixes.length, y.suffixes.length);
  for (let k = 0; k < s; k++) {
    const sx = x.suffixes[k];
    const sy = y.suffixes[k];
    const rx = sx?.rank ?? NO_SUFFIX;
    const ry = sy?.rank ?? NO_SUFFIX;
    if (rx !== ry) return rx < ry ? -1 : 1;
    const diff = compareDigitRuns(sx?.number ?? '0', sy?.number ?? '0');
    if (diff !== 0) return sign(diff);
  }
  if (x.commit !== y.commit) return x.commit < y.commit ? -1 : 1;
  return sign(compareDigitRuns(x.revision, y.revision));
}
