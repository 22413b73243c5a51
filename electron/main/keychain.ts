/**
 * The OS keychain for the desktop app's vault key, through Electron's safeStorage. On Linux,
 * safeStorage falls back to a hard-coded key ("basic_text") when no secret service is running;
 * that protects nothing, so it is refused and the master passphrase applies instead.
 */
import { safeStorage } from 'electron';
import type { KeychainProtector } from '../services/credentials/credential-vault.service';

/** A protector backed by the OS keychain, or undefined when none is secure here. */
export function secureKeychain(platform: NodeJS.Platform = process.platform): KeychainProtector | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  if (platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return undefined;
  return {
    wrap: (dataKey) => safeStorage.encryptString(dataKey.toString('base64')).toString('base64'),
    unwrap: (wrapped) => Buffer.from(safeStorage.decryptString(Buffer.from(wrapped, 'base64')), 'base64'),
  };
}
