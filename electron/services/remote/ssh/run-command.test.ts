import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labSecrets, labTarget, leakedSecrets, startSshLab, type SshLab } from '../../../test-support/ssh-lab/index';
import { openSshSession, type SshSession } from './open-ssh-session';
import { SshError } from './ssh-error';
import type { SshTarget } from './ssh-target';

let lab: SshLab;
const WRONG_SUDO_PASSWORD = 'wrong-sudo-password-7731';

beforeAll(async () => {
  lab = await startSshLab({ servers: ['main', 'doomed'] });
});
afterAll(async () => {
  await lab?.stop();
});

async function withSession<T>(target: SshTarget, use: (session: SshSession) => Promise<T>): Promise<T> {
  const session = await openSshSession(target, { hostKeyPolicy: 'strict' });
  try {
    return await use(session);
  } finally {
    await session.close();
  }
}

async function failure(promise: Promise<unknown>): Promise<SshError> {
  const error = await promise.then(() => new Error('succeeded unexpectedly'), (caught: unknown) => caught);
  expect(error).toBeInstanceOf(SshError);
  expect(leakedSecrets(error, [...labSecrets(lab), WRONG_SUDO_PASSWORD])).toEqual([]);
  return error as SshError;
}

const main = () => labTarget(lab, lab.server('main'), lab.users.key);
const sudoer = (sudoPassword?: string) => labTarget(lab, lab.server('main'), lab.users.sudo, 'password', sudoPassword === undefined ? {} : { sudoPassword });

describe('session.run against real sshd', () => {
  it('returns exit codes and both streams as data', async () => {
    const result = await withSession(main(), (session) => session.run('echo out; echo err >&2; exit 7'));
    expect(result).toMatchObject({ stdout: 'out\n', stderr: 'err\n', exitCode: 7 });
  });

  it('runs in the C locale', async () => {
    const result = await withSession(main(), (session) => session.run('echo "$LC_ALL|$LANG|$LANGUAGE|${LANGUAGE+set}"'));
    expect(result.stdout).toBe('C|C||set\n');
  });

  it('feeds stdin and always sends end-of-file', async () => {
    await withSession(main(), async (session) => {
      expect((await session.run('cat', { stdin: 'line one\nline two\n' })).stdout).toBe('line one\nline two\n');
      expect((await session.run('cat; echo done')).stdout).toBe('done\n');
    });
  });

  it('returns ANSI and binary output untouched', async () => {
    const result = await withSession(main(), (session) => session.run("printf '\\033[31mred\\033[0m\\000\\377'"));
    expect(result.stdout.startsWith('\u001b[31mred\u001b[0m\u0000')).toBe(true);
    expect([...result.stdoutBytes]).toEqual([...Buffer.from('\u001b[31mred\u001b[0m\u0000', 'latin1'), 0xff]);
  });

  it('reports a command killed by a signal', async () => {
    const result = await withSession(main(), (session) => session.run('kill -KILL $$'));
    expect(result).toMatchObject({ exitCode: 137, exitSignal: 'SIGKILL' });
  });

  it('runs commands under sudo with a password on stdin', async () => {
    await withSession(sudoer(lab.users.sudo.password), async (session) => {
      const result = await session.run('id -u; cat; echo warn >&2', { sudo: true, stdin: 'payload\n' });
      expect(result).toMatchObject({ stdout: '0\npayload\n', stderr: 'warn\n', exitCode: 0 });
      expect((await session.run('exit 5', { sudo: true })).exitCode).toBe(5);
    });
  });

  it('maps a wrong sudo password to sudo_failed', async () => {
    const error = await failure(withSession(sudoer(WRONG_SUDO_PASSWORD), (session) => session.run('id -u', { sudo: true })));
    expect(error.code).toBe('sudo_failed');
    expect(error.message).toContain('rejected the sudo password');
  });

  it('maps a missing sudo password to sudo_failed', async () => {
    const error = await failure(withSession(sudoer(), (session) => session.run('id -u', { sudo: true })));
    expect(error.code).toBe('sudo_failed');
  });

  it('maps a user outside sudoers to sudo_failed', async () => {
    const error = await failure(withSession(labTarget(lab, lab.server('main'), lab.users.key, 'key', { sudoPassword: lab.users.key.password }), (session) => session.run('id -u', { sudo: true })));
    expect(error.code).toBe('sudo_failed');
    expect(error.message).toContain('not in the sudoers file');
  });

  it('maps requiretty to sudo_requires_tty', async () => {
    const target = labTarget(lab, lab.server('main'), lab.users.tty, 'password', { sudoPassword: lab.users.tty.password });
    const error = await failure(withSession(target, (session) => session.run('id -u', { sudo: true })));
    expect(error.code).toBe('sudo_requires_tty');
  });

  it('times out a command and keeps the session usable', async () => {
    await withSession(main(), async (session) => {
      const error = await failure(session.run('sleep 30', { timeoutMs: 1000 }));
      expect(error.code).toBe('timeout');
      expect((await session.run('echo still here')).stdout).toBe('still here\n');
    });
  });

  it('caps 50 MB of output at the limit', async () => {
    await withSession(main(), async (session) => {
      const before = process.memoryUsage().rss;
      const error = await failure(session.run('head -c 52428800 /dev/zero', { maxOutputBytes: 1024 * 1024 }));
      expect(error.code).toBe('output_limit');
      expect(process.memoryUsage().rss - before).toBeLessThan(40 * 1024 * 1024);
      expect((await session.run('echo after')).stdout).toBe('after\n');
    });
  });

  it('cancels a running command with its signal', async () => {
    await withSession(main(), async (session) => {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 300);
      expect((await failure(session.run('sleep 30', { signal: controller.signal }))).code).toBe('cancelled');
    });
  });

  it('cancels running commands when the session signal aborts', async () => {
    const controller = new AbortController();
    const session = await openSshSession(main(), { hostKeyPolicy: 'strict', signal: controller.signal });
    setTimeout(() => controller.abort(), 300);
    expect((await failure(session.run('sleep 30'))).code).toBe('cancelled');
    expect((await failure(session.run('true'))).code).toBe('cancelled');
  });

  it('reports connection_lost when the serving sshd process is killed mid-command', async () => {
    await withSession(main(), async (session) => {
      const running = session.run('sleep 30');
      setTimeout(() => lab.server('main').killConnections(), 500);
      const error = await failure(running);
      expect(error.code).toBe('connection_lost');
      expect(error.message).toContain(lab.server('main').host);
      expect((await failure(session.run('true'))).code).toBe('connection_lost');
    });
  });

  it('reports connection_lost when the whole server goes away mid-command', async () => {
    const server = lab.server('doomed');
    await withSession(labTarget(lab, server, lab.users.key), async (session) => {
      const running = session.run('sleep 30');
      setTimeout(() => void server.stop(), 500);
      expect((await failure(running)).code).toBe('connection_lost');
    });
  });

  it('simulates a dist-upgrade exactly as apt does locally', async () => {
    const command = 'LC_ALL=C apt-get -s -qq dist-upgrade';
    const local = execFileSync('sh', ['-c', command], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C', LANG: 'C', LANGUAGE: '' } });
    const remote = await withSession(sudoer(lab.users.sudo.password), (session) => session.run(command, { sudo: true, timeoutMs: 60_000 }));
    expect(remote.exitCode).toBe(0);
    expect(remote.stdout).toBe(local);
  }, 120_000);
});
