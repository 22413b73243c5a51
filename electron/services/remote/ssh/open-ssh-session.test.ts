import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyFingerprint, labSecrets, labTarget, leakedSecrets, startSshLab, type SshLab } from '../../../test-support/ssh-lab/index';
import { openSshSession, type OpenSshSessionOptions } from './open-ssh-session';
import { SshError } from './ssh-error';
import type { SshTarget } from './ssh-target';

let lab: SshLab;
const strict: OpenSshSessionOptions = { hostKeyPolicy: 'strict' };
const WRONG_PASSWORD = 'wrong-password-value-0193';
const WRONG_PASSPHRASE = 'wrong-passphrase-value-5521';

beforeAll(async () => {
  lab = await startSshLab({ servers: ['main', 'jump', 'rotating'] });
});
afterAll(async () => {
  await lab?.stop();
});

async function failure(target: SshTarget, options: OpenSshSessionOptions = strict): Promise<SshError> {
  const error = await openSshSession(target, options).then(
    async (session) => {
      await session.close();
      throw new Error('connected unexpectedly');
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SshError);
  expect(leakedSecrets(error, [...labSecrets(lab), WRONG_PASSWORD, WRONG_PASSPHRASE])).toEqual([]);
  return error as SshError;
}

async function whoami(target: SshTarget, options: OpenSshSessionOptions = strict): Promise<string> {
  const session = await openSshSession(target, options);
  try {
    return (await session.run('id -un')).stdout.trim();
  } finally {
    await session.close();
  }
}

describe('openSshSession against real sshd', () => {
  it('logs in with a key', async () => {
    expect(await whoami(labTarget(lab, lab.server('main'), lab.users.key))).toBe('pdlab-key');
  });

  it('logs in with a password', async () => {
    expect(await whoami(labTarget(lab, lab.server('main'), lab.users.pass, 'password'))).toBe('pdlab-pass');
  });

  it('logs in with an encrypted key and its passphrase', async () => {
    expect(await whoami(labTarget(lab, lab.server('main'), lab.users.key, 'encrypted-key'))).toBe('pdlab-key');
  });

  it('rejects a wrong passphrase as auth_failed', async () => {
    const target = labTarget(lab, lab.server('main'), lab.users.key, 'encrypted-key');
    const error = await failure({ ...target, auth: { kind: 'key', privateKey: lab.encryptedClientKey.privateKey, passphrase: WRONG_PASSPHRASE } });
    expect(error.code).toBe('auth_failed');
  });

  it('rejects a wrong password as auth_failed naming the host', async () => {
    const error = await failure(labTarget(lab, lab.server('main'), lab.users.pass, 'password', { auth: { kind: 'password', password: WRONG_PASSWORD } }));
    expect(error.code).toBe('auth_failed');
    expect(error.message).toContain(`pdlab-pass@${lab.server('main').host}:${lab.server('main').port}`);
  });

  it('rejects an unauthorized key as auth_failed', async () => {
    expect((await failure(labTarget(lab, lab.server('main'), lab.users.key, 'stranger-key'))).code).toBe('auth_failed');
  });

  it('reports an unknown host key with the fingerprint ssh-keygen prints', async () => {
    const server = lab.server('main');
    const error = await failure(labTarget(lab, server, lab.users.key, 'key', { knownHostKey: undefined }));
    expect(error.code).toBe('host_key_unknown');
    const expected = await keyFingerprint(`${server.hostKey.privateKeyPath}.pub`);
    expect(error.presentedHostKey).toEqual({ algorithm: 'ssh-ed25519', sha256: expected });
    expect(error.message).toContain(expected);
  });

  it('accepts and reports an unknown host key on first use', async () => {
    const server = lab.server('main');
    const session = await openSshSession(labTarget(lab, server, lab.users.key, 'key', { knownHostKey: undefined }), { hostKeyPolicy: 'trust-on-first-use' });
    expect(session.hostKey.sha256).toBe(server.hostKey.sha256);
    await session.close();
  });

  it('refuses a changed host key before sending credentials, with both fingerprints', async () => {
    const server = lab.server('rotating');
    const pinned = labTarget(lab, server, lab.users.pass, 'password');
    expect(await whoami(pinned)).toBe('pdlab-pass');
    const before = server.hostKey.sha256;
    await server.restart({ newHostKey: true });
    expect(server.hostKey.sha256).not.toBe(before);
    for (const policy of ['strict', 'trust-on-first-use'] as const) {
      const error = await failure(pinned, { hostKeyPolicy: policy });
      expect(error.code).toBe('host_key_changed');
      expect(error.expectedHostKey?.sha256).toBe(before);
      expect(error.presentedHostKey?.sha256).toBe(server.hostKey.sha256);
      expect(error.message).toContain(before);
      expect(error.message).toContain(server.hostKey.sha256);
    }
  });

  it('connects through a jump host', async () => {
    const jump = labTarget(lab, lab.server('jump'), lab.users.pass, 'password');
    const target = labTarget(lab, lab.server('main'), lab.users.key, 'key', { jumpHost: jump });
    const session = await openSshSession(target, strict);
    expect(session.jumpHostKeys).toEqual([{ algorithm: 'ssh-ed25519', sha256: lab.server('jump').hostKey.sha256 }]);
    expect(session.hostKey.sha256).toBe(lab.server('main').hostKey.sha256);
    expect((await session.run('id -un')).stdout).toBe('pdlab-key\n');
    await session.close();
  });

  it('names the jump host when it rejects the login', async () => {
    const jump = labTarget(lab, lab.server('jump'), lab.users.pass, 'password', { auth: { kind: 'password', password: WRONG_PASSWORD } });
    const error = await failure(labTarget(lab, lab.server('main'), lab.users.key, 'key', { jumpHost: jump }));
    expect(error.code).toBe('auth_failed');
    expect(error.host).toBe(lab.server('jump').host);
  });

  it('verifies the target host key through the jump host', async () => {
    const jump = labTarget(lab, lab.server('jump'), lab.users.key);
    const target = labTarget(lab, lab.server('main'), lab.users.key, 'key', { jumpHost: jump, knownHostKey: { algorithm: 'ssh-ed25519', sha256: lab.server('jump').hostKey.sha256 } });
    expect((await failure(target)).code).toBe('host_key_changed');
  });

  it('reports a jump host that cannot reach the target as unreachable', async () => {
    const jump = labTarget(lab, lab.server('jump'), lab.users.key);
    const error = await failure(labTarget(lab, lab.server('main'), lab.users.key, 'key', { jumpHost: jump, port: await closedPort() }));
    expect(error.code).toBe('unreachable');
  });

  it('reports a closed port as unreachable', async () => {
    const error = await failure(labTarget(lab, lab.server('main'), lab.users.key, 'key', { port: await closedPort() }));
    expect(error.code).toBe('unreachable');
    expect(error.message).toContain(lab.server('main').host);
  });

  describe('with a server that never speaks', () => {
    let silent: Server;
    let port = 0;
    const sockets = new Set<Socket>();
    beforeAll(async () => {
      silent = createServer((socket) => {
        sockets.add(socket);
        socket.resume();
      });
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      port = (silent.address() as { port: number }).port;
    });
    afterAll(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    });

    it('times out the connect', async () => {
      const error = await failure(labTarget(lab, lab.server('main'), lab.users.key, 'key', { host: '127.0.0.1', port, connectTimeoutMs: 500 }));
      expect(error.code).toBe('timeout');
    });

    it('cancels the connect', async () => {
      const controller = new AbortController();
      // Cancelled once the server holds the connection, well inside the 10 s connect timeout.
      silent.once('connection', () => controller.abort());
      const error = await failure(labTarget(lab, lab.server('main'), lab.users.key, 'key', { host: '127.0.0.1', port }), { ...strict, signal: controller.signal });
      expect(error.code).toBe('cancelled');
    });
  });
});

function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
