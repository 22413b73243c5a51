import type { ChannelName } from '../../../../shared/contract';
import { useApiMutation } from '../../api/use-api-mutation';
import { useApiQuery } from '../../api/use-api-query';

const VAULT_READS: ChannelName[] = ['vault:status', 'credentials:list'];
const CREDENTIAL_READS: ChannelName[] = ['credentials:list', 'credentials:uses', 'status:fleet'];

/** Whether the vault exists and is unlocked. */
export function useVaultStatus() {
  return useApiQuery('vault:status', {});
}

/** Creates the vault with a master passphrase (first time only). */
export function useSetupVault() {
  return useApiMutation('vault:setup', VAULT_READS);
}

/** Unlocks the vault with the master passphrase. */
export function useUnlockVault() {
  return useApiMutation('vault:unlock', VAULT_READS);
}

/** Locks the vault: secrets stay sealed until the next unlock. */
export function useLockVault() {
  return useApiMutation('vault:lock', VAULT_READS);
}

/** Credentials usable on the site (its own and the every-site ones), without secrets. */
export function useCredentials(siteId: number) {
  return useApiQuery('credentials:list', { siteId });
}

/** Stores a new credential. */
export function useCreateCredential() {
  return useApiMutation('credentials:create', CREDENTIAL_READS);
}

/** Retires a credential; its secrets are erased, its record of use stays. */
export function useRetireCredential() {
  return useApiMutation('credentials:retire', CREDENTIAL_READS);
}

/** Adds assets and tags a credential is used for. */
export function useBindCredential() {
  return useApiMutation('credentials:bind', CREDENTIAL_READS);
}

/** Stops using a credential on assets and tags. */
export function useUnbindCredential() {
  return useApiMutation('credentials:unbind', CREDENTIAL_READS);
}

/** When, where and for what a credential was used. */
export function useCredentialUses(id: number | null) {
  return useApiQuery('credentials:uses', id === null ? null : { id });
}
