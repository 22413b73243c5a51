/** Key pairs and fingerprints made with the real `ssh-keygen`, so tests compare against OpenSSH itself. */
import { readFile } from 'node:fs/promises';
import { runTool } from './run-tool';

/** A key pair on disk plus its contents. */
export interface LabKeyPair {
  privateKeyPath: string;
  /** OpenSSH private key text. */
  privateKey: string;
  /** The `.pub` line: `ssh-ed25519 AAAA... comment`. */
  publicKey: string;
  /** Set when the private key is encrypted. */
  passphrase?: string;
  /** `SHA256:...` exactly as `ssh-keygen -lf` prints it. */
  sha256: string;
  /** The key type as it appears in the `.pub` line, e.g. `ssh-ed25519`. */
  algorithm: string;
}

/** Generates a key pair at `path` (and `path.pub`). */
export async function generateKeyPair(path: string, options: { type?: 'ed25519' | 'rsa' | 'ecdsa'; passphrase?: string; comment?: string } = {}): Promise<LabKeyPair> {
  const type = options.type ?? 'ed25519';
  const sizeArgs = type === 'rsa' ? ['-b', '2048'] : [];
  await runTool('ssh-keygen', ['-q', '-t', type, ...sizeArgs, '-N', options.passphrase ?? '', '-C', options.comment ?? 'pdlab', '-f', path]);
  const [privateKey, publicKey, sha256] = await Promise.all([readFile(path, 'utf8'), readFile(`${path}.pub`, 'utf8'), keyFingerprint(`${path}.pub`)]);
  const algorithm = publicKey.split(' ')[0] ?? '';
  return { privateKeyPath: path, privateKey, publicKey: publicKey.trim(), sha256, algorithm, ...(options.passphrase ? { passphrase: options.passphrase } : {}) };
}

/** The `SHA256:...` fingerprint `ssh-keygen -lf` reports for a public key file. */
export async function keyFingerprint(publicKeyPath: string): Promise<string> {
  const { stdout } = await runTool('ssh-keygen', ['-l', '-E', 'sha256', '-f', publicKeyPath]);
  const match = /SHA256:[A-Za-z0-9+/]+/.exec(stdout);
  if (!match) throw new Error(`ssh-keygen printed no SHA256 fingerprint for ${publicKeyPath}: ${stdout.trim()}`);
  return match[0];
}
