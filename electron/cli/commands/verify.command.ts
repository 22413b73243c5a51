/**
 * `patchdesk verify --log`: walks the hash-chained audit log and names the first row that was
 * changed or deleted. (Verifying an evidence pack comes with the pack itself.)
 */
import { parseArgs } from 'node:util';
import type { CliContext } from '../cli-context';
import { CliError, usageError } from '../cli-error';

export const VERIFY_USAGE = 'patchdesk verify --log';

/** Exit 0 when the chain is intact; 1 naming the broken row otherwise. */
export async function runVerifyCommand(context: CliContext, args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { log: { type: 'boolean' } } });
  if (!values.log) throw usageError(`Usage: ${VERIFY_USAGE} (evidence packs are not built yet)`);
  const broken = context.core.audit.verifyChain();
  if (broken) throw new CliError(`the audit log is NOT intact: row ${broken.brokenAtId}: ${broken.reason}`, 1);
  const count = context.core.db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM audit_log').get()?.n ?? 0;
  context.out(`The audit log is intact: ${count} entries, every hash chained to the one before.`);
}
