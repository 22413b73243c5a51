/** `patchdesk vault init|status`: the master passphrase that protects stored credentials. */
import type { CliContext } from '../cli-context';
import { usageError } from '../cli-error';
import type { SecretReader } from '../secret-input';

export const VAULT_USAGE = 'patchdesk vault init      (asks for a new master passphrase twice, or reads two lines from stdin)\npatchdesk vault status';

/** Runs a `vault` subcommand. */
export async function runVaultCommand(context: CliContext, args: string[], secrets: SecretReader): Promise<void> {
  const [action] = args;
  if (action === 'status') {
    const status = await context.call('vault:status', {});
    context.out(status.initialized ? `Vault: protected by ${status.protection === 'os-keychain' ? 'the OS keychain' : 'a master passphrase'}.` : 'No vault yet: create one with "patchdesk vault init".');
    return;
  }
  if (action !== 'init') throw usageError(`Usage:\n${VAULT_USAGE}`);
  const first = await secrets.read('New master passphrase (12 characters or more): ');
  const second = await secrets.read('Repeat it: ');
  if (first !== second) throw usageError('the two passphrases differ; nothing was created');
  await context.call('vault:setup', { passphrase: first });
  context.out('Vault created. Keep the passphrase safe: it cannot be recovered, and without it the stored credentials cannot be used.');
}
