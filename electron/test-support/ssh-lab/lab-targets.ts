/** SSH executor targets pointing at lab servers, and a check that errors carry no lab secret. */
import type { SshTarget } from '../../services/remote/ssh/ssh-target';
import type { SshLab } from './ssh-lab';
import type { LabSshServer } from './sshd-server';
import type { LabUser } from './lab-users';

/** Which lab credential a target logs in with. */
export type LabAuth = 'key' | 'encrypted-key' | 'password' | 'stranger-key';

/** A target for `user` on `server`, pinned to the server's current host key unless overridden. */
export function labTarget(lab: SshLab, server: LabSshServer, user: LabUser, auth: LabAuth = 'key', overrides: Partial<SshTarget> = {}): SshTarget {
  const authFor: Record<LabAuth, SshTarget['auth']> = {
    key: { kind: 'key', privateKey: lab.clientKey.privateKey },
    'encrypted-key': { kind: 'key', privateKey: lab.encryptedClientKey.privateKey, passphrase: lab.encryptedClientKey.passphrase },
    password: { kind: 'password', password: user.password },
    'stranger-key': { kind: 'key', privateKey: lab.strangerKey.privateKey },
  };
  return {
    host: server.host,
    port: server.port,
    username: user.username,
    auth: authFor[auth],
    connectTimeoutMs: 10_000,
    commandTimeoutMs: 20_000,
    knownHostKey: { algorithm: server.hostKey.algorithm, sha256: server.hostKey.sha256 },
    ...overrides,
  };
}

/** Every credential in the lab, including user passwords. */
export function labSecrets(lab: SshLab): string[] {
  return [
    lab.clientKey.privateKey,
    lab.encryptedClientKey.privateKey,
    lab.encryptedClientKey.passphrase,
    lab.strangerKey.privateKey,
    ...Object.values(lab.users).map((user) => user.password),
  ];
}

/** The secrets (or distinctive lines of private keys) that appear anywhere in `error`'s text. */
export function leakedSecrets(error: unknown, secrets: readonly string[]): string[] {
  const text = error instanceof Error ? `${String(error)}\n${error.stack ?? ''}\n${JSON.stringify(error)}` : String(error);
  const needles = secrets.flatMap((secret) => secret.split('\n').filter((line) => line.length >= 8 && !line.startsWith('-----')));
  return needles.filter((needle) => text.includes(needle));
}
