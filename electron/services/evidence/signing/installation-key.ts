/**
 * The installation's Ed25519 evidence signing key: created on first use, kept in the data folder
 * as a PKCS#8 PEM file readable only by its owner, and never replaced silently. Auditors pin the
 * key's fingerprint, so a damaged key file is an error to fix (restore it), not a reason to make
 * a new key. The private key never leaves this module: only signatures and public data do.
 */
import { createPrivateKey, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppError } from '../../../platform/app-error';
import { PRIVATE_DIR_MODE } from '../../../platform/private-files';
import { describePublicKey, type PublicKeyInfo } from './ed25519';

/** The key file's name inside the data folder. */
export const SIGNING_KEY_FILE = 'evidence-signing-key.pem';

/** What signs a pack: the public half to print and embed, and a way to sign bytes. */
export interface EvidenceSigner extends PublicKeyInfo {
  /** The 64-byte Ed25519 signature of exactly `data`. */
  sign(data: Uint8Array): Uint8Array;
}

/** A signer over an Ed25519 private key object (the installation's, or a test's). */
export function signerFromPrivateKey(privateKey: KeyObject): EvidenceSigner {
  if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'ed25519') throw new Error('an evidence signer needs an Ed25519 private key');
  return { ...describePublicKey(privateKey), sign: (data) => new Uint8Array(sign(null, data, privateKey)) };
}

/** The installation's signing key, loaded (or created) on first use. */
export class InstallationSigningKey {
  /** Where the key lives. */
  readonly path: string;
  #privateKey: KeyObject | undefined;
  #info: PublicKeyInfo | undefined;

  constructor(dataDir: string) {
    this.path = join(dataDir, SIGNING_KEY_FILE);
  }

  /** Loads the key, creating it when the installation has none yet; `created` says which. */
  ensure(): { created: boolean; info: PublicKeyInfo } {
    if (this.#info) return { created: false, info: this.#info };
    const created = !existsSync(this.path) && this.create();
    return { created, info: this.load() };
  }

  /** The public key and fingerprint, creating the key on first use. */
  publicInfo(): PublicKeyInfo {
    return this.ensure().info;
  }

  /**
   * The public key when the installation already has one, else null: verifying a pack must not
   * create a key as a side effect.
   */
  peekPublicInfo(): PublicKeyInfo | null {
    if (this.#info) return this.#info;
    if (!existsSync(this.path)) return null;
    return this.load();
  }

  /** A signer over this key (created on first use). */
  signer(): EvidenceSigner {
    this.publicInfo();
    return signerFromPrivateKey(this.#privateKey as KeyObject);
  }

  /** Only the public half ever serialises. */
  toJSON(): { path: string; fingerprint: string | undefined } {
    return { path: this.path, fingerprint: this.#info?.fingerprint };
  }

  private load(): PublicKeyInfo {
    let pem: string;
    try {
      pem = readFileSync(this.path, 'utf8');
    } catch (error) {
      throw new AppError('unavailable', `cannot read the evidence signing key ${this.path}: ${plainReason(error)}`);
    }
    let key: KeyObject | undefined;
    try {
      key = createPrivateKey(pem);
    } catch {
      key = undefined;
    }
    if (!key || key.asymmetricKeyType !== 'ed25519') {
      // Never echo the file's content: it would be the private key.
      throw new AppError(
        'unavailable',
        `the evidence signing key ${this.path} is damaged (it is not an Ed25519 private key in PEM form). ` +
          'It was not replaced, because auditors pin its fingerprint: restore the file from a backup. ' +
          'Only if the key is lost for good, move the file aside; Patchdesk then creates a new key with a new fingerprint.',
      );
    }
    this.#privateKey = key;
    this.#info = describePublicKey(key);
    return this.#info;
  }

  /** Writes a new key file without ever replacing one; returns false when another process won the race. */
  private create(): boolean {
    const { privateKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const temp = `${this.path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      mkdirSync(dirname(this.path), { recursive: true, mode: PRIVATE_DIR_MODE });
      const fd = openSync(temp, 'wx', 0o600);
      try {
        writeSync(fd, pem);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      return publishWithoutReplacing(temp, this.path);
    } catch (error) {
      throw new AppError('unavailable', `cannot create the evidence signing key ${this.path}: ${plainReason(error)}`);
    } finally {
      removeQuietly(temp);
    }
  }
}

/**
 * Makes `temp` appear as `target` in one step, refusing to overwrite: a hard link fails when the
 * target exists, which `rename` would not. File systems without hard links fall back to rename
 * after a last existence check.
 */
function publishWithoutReplacing(temp: string, target: string): boolean {
  try {
    linkSync(temp, target);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EXDEV') throw error;
    if (existsSync(target)) return false;
    renameSync(temp, target);
    return true;
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone (renamed into place) or never written.
  }
}

/** An fs error in words, without the stack. */
function plainReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOSPC') return 'the disk is full';
  if (code === 'EISDIR') return 'it is a folder, not a file';
  return (error as Error).message ?? String(error);
}
