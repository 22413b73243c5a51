/**
 * The vault's cryptography: secrets are sealed with AES-256-GCM under a random data key; the
 * data key is wrapped by a key-encryption key that comes either from the master passphrase
 * (scrypt) or from the operating system's keychain (Electron safeStorage, desktop only).
 * Changing the passphrase re-wraps the data key; secrets are never re-encrypted.
 */
import { createCipheriv, createDecipheriv, randomBytes, scrypt as scryptCallback, type ScryptOptions } from 'node:crypto';

/** scrypt cost parameters, stored with the vault so they can be raised later. */
export interface ScryptParams {
  N: number;
  r: number;
  p: number;
  /** base64 */
  salt: string;
}

/**
 * OWASP's minimum for scrypt (N=2^17, r=8, p=1): about 128 MiB and a few hundred milliseconds per
 * unlock. Node refuses more than 32 MiB unless told, so {@link deriveKeyFromPassphrase} raises
 * `maxmem` to what the parameters need.
 */
export const DEFAULT_SCRYPT = { N: 2 ** 17, r: 8, p: 1 } as const;

/** Whether a vault's parameters are weaker than {@link DEFAULT_SCRYPT}: its key is re-wrapped at the next unlock. */
export function isBelowCurrentCost(params: ScryptParams): boolean {
  return params.N * params.r * params.p < DEFAULT_SCRYPT.N * DEFAULT_SCRYPT.r * DEFAULT_SCRYPT.p || params.N < DEFAULT_SCRYPT.N;
}

const VERSION = 'v1';

/** Thrown when a sealed value cannot be opened: wrong key, or the data was changed. */
export class VaultDecryptError extends Error {
  constructor() {
    super('the vault data could not be decrypted: wrong passphrase, or the data was changed');
    this.name = 'VaultDecryptError';
  }
}

/** Fresh scrypt parameters with a random salt. */
export function newScryptParams(): ScryptParams {
  return { ...DEFAULT_SCRYPT, salt: randomBytes(16).toString('base64') };
}

/** Derives the 32-byte key-encryption key from a passphrase. */
export function deriveKeyFromPassphrase(passphrase: string, params: ScryptParams): Promise<Buffer> {
  // scrypt's working memory is 128·N·r bytes; twice that leaves room for Node's own buffers.
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 128 * params.N * params.r * 2 };
  return new Promise((resolve, reject) => {
    scryptCallback(passphrase.normalize('NFC'), Buffer.from(params.salt, 'base64'), 32, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** A random 32-byte data key. */
export function newDataKey(): Buffer {
  return randomBytes(32);
}

/**
 * Seals bytes under a 32-byte key: `v1.<iv>.<tag>.<ciphertext>` in base64. `context` is bound as
 * additional data, so a sealed value moved to another row or purpose does not open.
 */
export function seal(key: Buffer, plaintext: Buffer, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return [VERSION, iv.toString('base64'), cipher.getAuthTag().toString('base64'), ciphertext.toString('base64')].join('.');
}

/** Opens a value made by {@link seal} with the same key and context. */
export function open(key: Buffer, sealed: string, context: string): Buffer {
  const [version, iv, tag, ciphertext] = sealed.split('.');
  if (version !== VERSION || !iv || !tag || ciphertext === undefined) throw new VaultDecryptError();
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64')), decipher.final()]);
  } catch {
    throw new VaultDecryptError();
  }
}
