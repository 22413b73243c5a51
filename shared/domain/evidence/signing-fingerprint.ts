/**
 * The fingerprint of an evidence signing key as people read, pin and trust it: `SHA256:` and the
 * unpadded base64 of the SHA-256 of the raw Ed25519 public key, 43 characters, exactly as
 * `patchdesk evidence key` prints it. Parsed in one place so the CLI, the contract and the
 * verifier accept and refuse the same text.
 */

/** The prefix every fingerprint carries. */
export const FINGERPRINT_PREFIX = 'SHA256:';

/** 32 bytes of SHA-256 as unpadded base64. */
const BODY_LENGTH = 43;
const BASE64 = /^[A-Za-z0-9+/]+$/;
/** The last of 43 characters carries 4 bits of the digest, so its 2 low bits are zero. */
const LAST_CHARACTER = /[AEIMQUYcgkosw048]$/;

/** A parsed fingerprint, or why the text is not one (naming the text). */
export type FingerprintParse = { ok: true; fingerprint: string } | { ok: false; message: string };

/**
 * Reads a fingerprint as typed or pasted: surrounding spaces, a lower-case `sha256:` prefix, a
 * missing prefix and base64 padding are forgiven; anything else is refused with a message that
 * quotes the text and says what a fingerprint looks like.
 */
export function parseSigningFingerprint(text: string): FingerprintParse {
  const trimmed = text.trim();
  const body = (/^sha256:/i.test(trimmed) ? trimmed.slice(FINGERPRINT_PREFIX.length) : trimmed).replace(/=$/, '');
  const refuse = (why: string): FingerprintParse => ({
    ok: false,
    message: `"${shown(text)}" is not a signing key fingerprint: ${why}; a fingerprint is ${FINGERPRINT_PREFIX} followed by ${BODY_LENGTH} base64 characters, as "patchdesk evidence key" prints it`,
  });
  if (trimmed === '') return { ok: false, message: `the fingerprint is empty; a fingerprint is ${FINGERPRINT_PREFIX} followed by ${BODY_LENGTH} base64 characters, as "patchdesk evidence key" prints it` };
  if (!BASE64.test(body)) return refuse('it contains characters that are not base64 (A-Z, a-z, 0-9, + and /)');
  if (body.length !== BODY_LENGTH) return refuse(`it has ${body.length} characters after ${FINGERPRINT_PREFIX}, not ${BODY_LENGTH}`);
  if (!LAST_CHARACTER.test(body)) return refuse('its last character cannot end a SHA-256 digest (a character was mistyped)');
  return { ok: true, fingerprint: `${FINGERPRINT_PREFIX}${body}` };
}

/** The text as one short printable line for a message. */
function shown(text: string): string {
  const line = text.trim().replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  return line.length > 80 ? `${line.slice(0, 77)}...` : line;
}
