/**
 * Compares two runs of ASCII digits as unbounded integers.
 *
 * Version components such as dates (`20250327`) or build numbers can exceed 2^53, so they are
 * compared as text after dropping leading zeros instead of being converted to numbers.
 */
export function compareDigitRuns(a: string, b: string): number {
  const x = stripLeadingZeros(a);
  const y = stripLeadingZeros(b);
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  if (x === y) return 0;
  return x < y ? -1 : 1;
}

function stripLeadingZeros(s: string): string {
  let i = 0;
  while (i < s.length - 1 && s.charCodeAt(i) === 48) i++;
  return s === '' ? '0' : s.slice(i);
}

/** True for the ASCII digits `0`-`9` only (Unicode digits never occur in package versions). */
export function isAsciiDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** True for the ASCII letters only, matching the C-locale `isalpha` the package managers use. */
export function isAsciiLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** Normalises a comparison result to -1, 0 or 1. */
export function sign(n: number): -1 | 0 | 1 {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}
