/**
 * A Linux host's boot identity (`/proc/sys/kernel/random/boot_id`, new at every boot): a reboot
 * is complete when it changed, not when the host merely answers again (it may not have gone
 * down yet).
 */
import { RemoteError } from '../executor/remote-error';
import { runOn, type OperationContext } from './operation-context';

const BOOT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The host's current boot id; `unparseable` when it prints anything else (an empty answer included). */
export async function readBootId(context: OperationContext, timeoutMs = 30_000): Promise<string> {
  const output = await runOn(context, 'cat /proc/sys/kernel/random/boot_id', { timeoutMs });
  const id = output.stdout.trim();
  if (!BOOT_ID.test(id)) throw new RemoteError('unparseable', context.target.name, `${context.target.name} gave no boot id Patchdesk can read (${JSON.stringify(id.slice(0, 60))})`, output);
  return id;
}
