import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../platform/clock';
import { RemoteError, type RemoteOutput } from '../executor/remote-error';
import type { RemoteExecutor, RemoteTarget } from '../executor/remote-executor';
import { rebootHost, REBOOT_COMMAND } from './reboot-host';

const target: RemoteTarget = { protocol: 'ssh', name: 'web-01', ssh: { host: '127.0.0.1', port: 22, username: 'root', auth: { kind: 'password', password: 'x' }, connectTimeoutMs: 1, commandTimeoutMs: 1 } };
const OLD = '11111111-1111-4111-8111-111111111111';
const NEW = '22222222-2222-4222-8222-222222222222';

/** An executor that answers each command from a script of answers, in order. */
function scriptedExecutor(answers: ((command: string) => RemoteOutput | RemoteError)[]): RemoteExecutor & { commands: string[]; closes: number } {
  const commands: string[] = [];
  const executor = {
    commands,
    closes: 0,
    async run(_target: RemoteTarget, command: string) {
      commands.push(command);
      const answer = answers.shift();
      if (!answer) throw new Error(`unexpected command ${command}`);
      const result = answer(command);
      if (result instanceof RemoteError) throw result;
      return result;
    },
    async close() {
      executor.closes++;
    },
  };
  return executor;
}

const bootId = (id: string) => () => ({ stdout: `${id}\n`, stderr: '', exitCode: 0 });
const lost = () => new RemoteError('connection_lost', 'web-01', 'the connection was lost');
const refused = () => new RemoteError('unreachable', 'web-01', 'connection refused');

describe('rebootHost', () => {
  it('counts a dropped connection as the reboot happening and waits for a new boot id, then readiness', async () => {
    const clock = fixedClock(new Date('2026-12-07T10:00:00Z'));
    const executor = scriptedExecutor([bootId(OLD), lost, refused, bootId(OLD), bootId(NEW), () => ({ stdout: 'root\n', stderr: '', exitCode: 0 })]);
    const sleeps: number[] = [];
    const result = await rebootHost({ executor, target, sudo: false }, { timeoutMs: 600_000, clock, sleep: async (ms) => { sleeps.push(ms); clock.advance(ms); }, readinessCommand: 'whoami' });
    expect(result).toEqual({ bootIdBefore: OLD, bootIdAfter: NEW, downForMs: 3000 });
    expect(executor.commands[1]).toBe(REBOOT_COMMAND);
    expect(executor.commands.at(-1)).toBe('whoami');
    expect(sleeps).toEqual([1000, 2000]);
  });

  it('fails with a timeout naming the wait when the boot id never changes', async () => {
    const clock = fixedClock(new Date('2026-12-07T10:00:00Z'));
    const answers = [bootId(OLD), () => ({ stdout: '', stderr: '', exitCode: 0 }), ...Array.from({ length: 50 }, () => bootId(OLD))];
    const executor = scriptedExecutor(answers);
    await expect(rebootHost({ executor, target, sudo: false }, { timeoutMs: 60_000, clock, sleep: async (ms) => clock.advance(ms) })).rejects.toMatchObject({ code: 'timeout', message: 'web-01 did not come back with a new boot id within 60 s of the reboot' });
  });

  it('stops at once on a changed host key instead of waiting it out', async () => {
    const clock = fixedClock(new Date('2026-12-07T10:00:00Z'));
    const executor = scriptedExecutor([bootId(OLD), lost, () => new RemoteError('host_key_changed', 'web-01', 'the host key changed')]);
    await expect(rebootHost({ executor, target, sudo: false }, { timeoutMs: 600_000, clock, sleep: async (ms) => clock.advance(ms) })).rejects.toMatchObject({ code: 'host_key_changed' });
  });
});
