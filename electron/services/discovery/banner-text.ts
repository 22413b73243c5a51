/** Longest banner text kept per port: enough for any honest SSH line or Server header. */
export const MAX_BANNER_LENGTH = 256;

// ANSI/VT escape sequences: CSI (ESC [ ... final), OSC (ESC ] ... BEL or ESC \), and two-byte escapes.
const ANSI_SEQUENCE = /\u001b\[[0-?]*[ -/]*[@-~]|\u009b[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-Z\\-_]/g;
// C0/C1 controls, DEL, the replacement character left by invalid UTF-8, and bidi overrides that
// could make a hostile banner render as something else in the UI.
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\ufffd\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]+/g;

/**
 * Turns bytes or text received from an untrusted host into a single safe display line:
 * escape sequences and control characters removed, whitespace collapsed, length capped.
 */
export function sanitizeBanner(raw: string | Buffer, maxLength: number = MAX_BANNER_LENGTH): string {
  const text = typeof raw === 'string' ? raw : raw.toString('utf8');
  // Cap before the regexes run so a megabyte of junk costs no more than a normal banner.
  const bounded = text.length > maxLength * 4 ? text.slice(0, maxLength * 4) : text;
  const cleaned = bounded.replace(ANSI_SEQUENCE, '').replace(UNSAFE_CHARACTERS, ' ').replace(/\s+/g, ' ').trim();
  if (cleaned.length <= maxLength) return cleaned;
  return `${cleaned.slice(0, maxLength - 1).trimEnd()}…`;
}
