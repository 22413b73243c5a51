/**
 * Reboots a Linux host and waits until it is back: read the boot id, ask for the reboot, then
 * poll with backoff until the boot id differs and a readiness command passes, within a deadline.
 * A connection that drops while the reboot is being asked for counts as asked (the host went
 * down); a host that is not back by the deadline fails with `timeout`, naming how long it had.
 */
import type { Clock } from '../../../platform/clock';
import { isRemoteError, RemoteError } from '../executor/remote-error';
import { readBootId } from './boot-identity';
import { runOn, type OperationContext } from './operation-context';

/** How a reboot is paced; tests pass a clock and a sleep they control. */
export interface RebootOptions {
  /** The whole wait for the host to come back (600 s is Ansible's default). */
  timeoutMs: number;
  clock: Pick<Clock, 'now'>;
  sleep: (ms: number) => Promise<void>;
  /** Run after the boot id changed; must exit 0 for the host to count as ready. */
  readinessCommand?: string;
}

/** What the reboot did. */
export interface RebootResult {
  bootIdBefore: string;
  bootIdAfter: string;
  /** Milliseconds from asking for the reboot to the readiness check passing. */
  downForMs: number;
}

// Ansible's pacing: 2^n seconds, capped (its cap is 12 s; a lab host is back in seconds).
const backoffMs = (attempt: number) => Math.min(12_000, 1000 * 2 ** Math.min(attempt, 4));

/** The shutdown request: `shutdown -r now`, else `reboot` (Alpine has only the latter). */
export const REBOOT_COMMAND = 'if command -v shutdown >/dev/null 2>&1; then shutdown -r now "Reboot requested by Patchdesk"; else reboot; fi';

/** Reboots the host and resolves once it is back with a new boot id and ready. */
export async function rebootHost(context: OperationContext, options: RebootOptions): Promise<RebootResult> {
  const host = context.target.name;
  const bootIdBefore = await readBootId(context);
  const askedAt = options.clock.now().getTime();
  try {
    await runOn(context, REBOOT_COMMAND, { timeoutMs: 30_000, expectedExitCodes: [0] });
  } catch (error) {
    // The host going down under the request is what a reboot looks like from here.
    if (!isRemoteError(error, 'connection_lost', 'timeout')) throw error;
  }
  await context.executor.close(context.target);

  for (let attempt = 0; ; attempt++) {
    if (context.signal?.aborted) throw new RemoteError('cancelled', host, `waiting for ${host} to come back was cancelled`);
    const waited = options.clock.now().getTime() - askedAt;
    if (waited >= options.timeoutMs) throw new RemoteError('timeout', host, `${host} did not come back with a new boot id within ${Math.round(options.timeoutMs / 1000)} s of the reboot`);
    try {
      const bootIdAfter = await readBootId(context, 10_000);
      if (bootIdAfter !== bootIdBefore) {
        await runOn(context, options.readinessCommand ?? 'true', { timeoutMs: 30_000 });
        return { bootIdBefore, bootIdAfter, downForMs: options.clock.now().getTime() - askedAt };
      }
    } catch (error) {
      // Down, refusing, or half up: all mean "not back yet". Anything else is a real failure.
      if (!isRemoteError(error, 'unreachable', 'connection_lost', 'timeout', 'unparseable', 'nonzero_exit')) throw error;
      await context.executor.close(context.target);
    }
    await options.sleep(backoffMs(attempt));
  }
}
