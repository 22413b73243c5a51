import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labTarget, startSshLab, type SshLab } from '../../../test-support/ssh-lab/index';
import type { SshSession } from './open-ssh-session';
import { runOnHosts, type HostOutcome } from './run-on-hosts';
import { isSshError } from './ssh-error';

let lab: SshLab;

beforeAll(async () => {
  lab = await startSshLab({ servers: 10 });
});
afterAll(async () => {
  await lab?.stop();
});

describe('runOnHosts against 10 real sshd servers', () => {
  it('bounds concurrency and streams results as each host finishes', async () => {
    const targets = lab.servers.map((server) => labTarget(lab, server, lab.users.key));
    let active = 0;
    let peak = 0;
    const streamed: number[] = [];
    // Explicit events instead of sleeps: the first four tasks wait until all four run at once, and
    // the first host finishes only after every other host has been reported.
    let releaseFour = (): void => {};
    const fourRunning = new Promise<void>((resolve) => (releaseFour = resolve));
    let releaseFirst = (): void => {};
    const othersReported = new Promise<void>((resolve) => (releaseFirst = resolve));
    const outcomes = await runOnHosts(targets, async (session) => {
      active++;
      peak = Math.max(peak, active);
      if (active === 4) releaseFour();
      try {
        await fourRunning;
        if (session.target === targets[0]) await othersReported;
        return (await session.run(`echo ${session.target.port}`)).stdout.trim();
      } finally {
        active--;
      }
    }, {
      concurrency: 4,
      hostKeyPolicy: 'strict',
      onResult: (outcome) => {
        streamed.push(outcome.index);
        if (streamed.filter((index) => index !== 0).length === targets.length - 1) releaseFirst();
      },
    });
    expect(peak).toBe(4);
    expect(outcomes.map((outcome) => outcome.ok && outcome.value)).toEqual(targets.map((target) => String(target.port)));
    expect(streamed).toHaveLength(10);
    expect(streamed.at(-1)).toBe(0);
  });

  it('lets each host fail on its own', async () => {
    const targets = lab.servers.map((server) => labTarget(lab, server, lab.users.key));
    targets[2] = labTarget(lab, lab.servers[2]!, lab.users.key, 'stranger-key');
    targets[5] = { ...targets[5]!, knownHostKey: { algorithm: 'ssh-ed25519', sha256: lab.servers[0]!.hostKey.sha256 } };
    targets[7] = { ...targets[7]!, knownHostKey: undefined };
    const outcomes: HostOutcome<number>[] = await runOnHosts(targets, async (session) => (await session.run('exit 3')).exitCode, { concurrency: 10, hostKeyPolicy: 'strict' });
    const codes = outcomes.map((outcome) => (outcome.ok ? outcome.value : isSshError(outcome.error) ? outcome.error.code : 'other'));
    expect(codes).toEqual([3, 3, 'auth_failed', 3, 3, 'host_key_changed', 3, 'host_key_unknown', 3, 3]);
  });

  it('cancels hosts not yet finished', async () => {
    const targets = lab.servers.map((server) => labTarget(lab, server, lab.users.key));
    const controller = new AbortController();
    let finished = 0;
    // Cancelled as the first host finishes: it counts as done, the rest as cancelled.
    const task = async (session: SshSession): Promise<number> => {
      const { exitCode } = await session.run('sleep 0.3');
      if (++finished === 1) controller.abort();
      return exitCode;
    };
    const outcomes = await runOnHosts(targets, task, { concurrency: 2, hostKeyPolicy: 'strict', signal: controller.signal });
    const cancelled = outcomes.filter((outcome) => !outcome.ok && isSshError(outcome.error, 'cancelled'));
    expect(outcomes.filter((outcome) => outcome.ok).length).toBeGreaterThan(0);
    expect(cancelled.length).toBeGreaterThan(0);
    expect(cancelled.length + outcomes.filter((outcome) => outcome.ok).length).toBe(10);
  });
});
