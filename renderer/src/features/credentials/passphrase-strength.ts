/** The shortest master passphrase the host accepts (shared/contract Passphrase). */
export const MIN_PASSPHRASE_LENGTH = 12;

/** A strength verdict for the hint under the passphrase field. */
export interface PassphraseStrength {
  level: 'too-short' | 'weak' | 'fair' | 'strong';
  /** 0..4, for the meter. */
  score: number;
  text: string;
}

const COMMON = ['password', 'passw0rd', 'patchdesk', 'qwerty', 'letmein', 'welcome', 'admin', '123456', 'abc123', 'iloveyou', 'changeme'];

/**
 * A rough guess of how hard the passphrase is to guess, meant to nudge towards long phrases,
 * not to be a proof: length counts most, character variety a little, and repeats, runs and
 * well-known words count against it.
 */
export function passphraseStrength(passphrase: string): PassphraseStrength {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) {
    const missing = MIN_PASSPHRASE_LENGTH - passphrase.length;
    return { level: 'too-short', score: 0, text: passphrase.length === 0 ? `At least ${MIN_PASSPHRASE_LENGTH} characters.` : `${missing} more character${missing === 1 ? '' : 's'} needed.` };
  }
  const lower = passphrase.toLowerCase();
  let pool = 0;
  if (/[a-z]/.test(passphrase)) pool += 26;
  if (/[A-Z]/.test(passphrase)) pool += 26;
  if (/\d/.test(passphrase)) pool += 10;
  if (/[^a-zA-Z\d]/.test(passphrase)) pool += 20;
  const distinct = new Set(passphrase).size;
  // Repeated characters add little: "aaaaaaaaaaaa" is long but trivial.
  const effectiveLength = Math.min(passphrase.length, distinct * 2);
  let bits = effectiveLength * Math.log2(Math.max(pool, 2));
  if (COMMON.some((word) => lower.includes(word))) bits -= 28;
  if (/(.)\1{3,}/.test(passphrase) || /(0123|1234|2345|3456|4567|5678|6789|abcd|bcde|cdef)/.test(lower)) bits -= 12;
  if (bits < 50) return { level: 'weak', score: 1, text: 'Weak: easy to guess. Use several unrelated words.' };
  if (bits < 75) return { level: 'fair', score: 2, text: 'Fair. A few more words would make it strong.' };
  return { level: 'strong', score: bits < 100 ? 3 : 4, text: 'Strong.' };
}
