import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labTarget, startSshLab, type SshLab } from '../../../test-support/ssh-lab/index';
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
    const outcomes = await runOnHosts(targets, async (session) => {
      active++;
      peak = Math.max(peak, active);
      try {
        const delay = session.target.host === targets[0]?.host ? 1.5 : 0.2;
        return (await session.run(`sleep ${delay}; echo ${session.target.port}`)).stdout.trim();
      } finally {
        active--;
      }
    }, { concurrency: 4, hostKeyPolicy: 'strict', onResult: (outcome) => streamed.push(outcome.index) });
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
    setTimeout(() => controller.abort(), 800);
    const outcomes = await runOnHosts(targets, async (session) => (await session.run('sleep 0.3')).exitCode, { concurrency: 2, hostKeyPolicy: 'strict', signal: controller.signal });
    const cancelled = outcomes.filter((outcome) => !outcome.ok && isSshError(outcome.error, 'cancelled'));
    expect(outcomes.filter((outcome) => outcome.ok).length).toBeGreaterThan(0);
    expect(cancelled.length).toBeGreaterThan(0);
    expect(cancelled.length + outcomes.filter((outcome) => outcome.ok).length).toBe(10);
  });
});
