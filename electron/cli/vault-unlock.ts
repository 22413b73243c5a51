/** Unlocks the vault for a CLI command that needs secrets: from PATCHDESK_PASSPHRASE_FILE, else asked for. */
import { readFileSync } from 'node:fs';
import type { CliContext } from './cli-context';
import { CliError, usageError } from './cli-error';
import type { SecretReader } from './secret-input';

/** Makes sure the vault is unlocked, asking for the master passphrase when needed. */
export async function ensureVaultUnlocked(context: CliContext, secrets: SecretReader, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const status = await context.call('vault:status', {});
  if (status.unlocked) return;
  if (!status.initialized) throw usageError('there is no credentials vault yet: create one with "patchdesk vault init"');
  const file = env['PATCHDESK_PASSPHRASE_FILE'];
  let passphrase: string;
  if (file) {
    try {
      passphrase = readFileSync(file, 'utf8').replace(/\r?\n$/, '');
    } catch (error) {
      throw usageError(`PATCHDESK_PASSPHRASE_FILE: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  } else passphrase = await secrets.read('Master passphrase: ');
  const result = await context.invoke('vault:unlock', { passphrase });
  if (!result.ok) throw new CliError(`cannot unlock the vault: ${result.error.message}`, 2);
}
