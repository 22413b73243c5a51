import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseSigningFingerprint } from './signing-fingerprint';

const real = `SHA256:${createHash('sha256').update('a key').digest('base64').replace(/=+$/, '')}`;

describe('parseSigningFingerprint', () => {
  it('accepts a fingerprint as printed, and as typed or pasted', () => {
    expect(parseSigningFingerprint(real)).toEqual({ ok: true, fingerprint: real });
    expect(parseSigningFingerprint(`  ${real.replace('SHA256:', 'sha256:')}= `)).toEqual({ ok: true, fingerprint: real });
    expect(parseSigningFingerprint(real.slice('SHA256:'.length))).toEqual({ ok: true, fingerprint: real });
  });

  it('refuses anything else with a message quoting the value', () => {
    const message = (text: string) => {
      const parsed = parseSigningFingerprint(text);
      return parsed.ok ? 'accepted' : parsed.message;
    };
    expect(message('SHA256:abc')).toBe('"SHA256:abc" is not a signing key fingerprint: it has 3 characters after SHA256:, not 43; a fingerprint is SHA256: followed by 43 base64 characters, as "patchdesk evidence key" prints it');
    expect(message(`${real}x`)).toContain('it has 44 characters after SHA256:, not 43');
    expect(message('MD5:00:11:22')).toContain('"MD5:00:11:22" is not a signing key fingerprint: it contains characters that are not base64');
    expect(message(`${real.slice(0, -1)}B`)).toContain('its last character cannot end a SHA-256 digest');
    expect(message('   ')).toMatch(/^the fingerprint is empty/);
    expect(message('SHA256:\u001b[31mred')).toContain('"SHA256:?[31mred"');
  });
});
