/**
 * The OS keychain for the desktop app's vault key, through Electron's safeStorage. On Linux,
 * safeStorage falls back to a hard-coded key ("basic_text") when no secret service is running;
 * that protects nothing, so it is refused and the master passphrase applies instead. The core
 * process asks for it through the main process (safeStorage works only here).
 */
import { safeStorage } from 'electron';
import type { MainKeychain } from '../core-process/core-process-client';

/** A protector backed by the OS keychain, or undefined when none is secure here. */
export function secureKeychain(platform: NodeJS.Platform = process.platform): MainKeychain | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  if (platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return undefined;
  return {
    wrap: (dataKey) => safeStorage.encryptString(dataKey.toString('base64')).toString('base64'),
    unwrap: (wrapped) => Buffer.from(safeStorage.decryptString(Buffer.from(wrapped, 'base64')), 'base64'),
  };
}
