/** Reads an SSH private key far enough to validate it and name its public key's fingerprint. */
import { createHash } from 'node:crypto';
import ssh2 from 'ssh2';
import { AppError } from '../../platform/app-error';

/**
 * The OpenSSH-style fingerprint (`SHA256:...`) of the key's public half. Throws a bad_request
 * error that names the problem (never the key) when it cannot be read with the passphrase given.
 */
export function sshKeyFingerprint(privateKey: string, passphrase: string | undefined): string {
  const parsed = ssh2.utils.parseKey(privateKey, passphrase);
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!key || key instanceof Error) {
    const reason = key instanceof Error && /passphrase|encrypt/i.test(key.message) ? 'it is encrypted: give its passphrase (or the passphrase given is wrong)' : 'it is not an SSH private key Patchdesk can read (OpenSSH or PEM format)';
    throw new AppError('bad_request', `the private key was not accepted: ${reason}`, [{ path: 'secrets.privateKey', message: reason }]);
  }
  const digest = createHash('sha256').update(key.getPublicSSH()).digest('base64').replace(/=+$/, '');
  return `SHA256:${digest}`;
}
