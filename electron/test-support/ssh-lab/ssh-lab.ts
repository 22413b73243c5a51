/**
 * A throwaway set of real OpenSSH servers on loopback for tests and benchmarks: one temp dir holding
 * host keys, client keys, a shared sshd_config and authorized_keys, and N `sshd -D` processes.
 */
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPair, type LabKeyPair } from './lab-keys';
import { ensureLabUsers, type LabUsers } from './lab-users';
import { renderSshdConfig } from './sshd-config';
import { startSshdServer, type LabSshServer } from './sshd-server';

/** How many servers to start and how. */
export interface SshLabOptions {
  /** A count (named `server-0`, `server-1`, ...) or explicit names; 1 by default. */
  servers?: number | readonly string[];
  /** Every server presents one host key instead of its own; makes 100 servers start much faster. */
  sharedHostKey?: boolean;
  /** `PasswordAuthentication`; on by default. */
  passwordAuthentication?: boolean;
  /** Servers started at once; 16 by default. */
  startConcurrency?: number;
  /** Environment every session gets (sshd `SetEnv`). */
  sessionEnv?: Readonly<Record<string, string>>;
}

/** A running lab. */
export interface SshLab {
  /** The temp dir holding every lab file; removed by `stop()`. */
  readonly dir: string;
  readonly users: LabUsers;
  /** Authorized for every lab user. */
  readonly clientKey: LabKeyPair;
  /** Authorized for every lab user; encrypted with `passphrase`. */
  readonly encryptedClientKey: LabKeyPair & { passphrase: string };
  /** Authorized for nobody. */
  readonly strangerKey: LabKeyPair;
  readonly servers: readonly LabSshServer[];
  /** The server with this name; throws if there is none. */
  server(name: string): LabSshServer;
  /** Starts one more server with its own host key. */
  addServer(name: string): Promise<LabSshServer>;
  /** Stops every server and removes the temp dir. */
  stop(): Promise<void>;
}

const ENCRYPTED_KEY_PASSPHRASE = 'pdlab key passphrase 3e1f';
const running = new Set<SshLab>();

/** Creates the lab users, keys and config, then starts the servers; resolves once all accept connections. */
export async function startSshLab(options: SshLabOptions = {}): Promise<SshLab> {
  const users = await ensureLabUsers();
  // sshd refuses to start without its privilege-separation directory.
  await mkdir('/run/sshd', { recursive: true, mode: 0o755 });
  const dir = await mkdtemp(join(tmpdir(), 'pdlab-ssh-'));
  // sshd reads AuthorizedKeysFile as the logging-in user, who must be able to reach it.
  await chmod(dir, 0o755);
  try {
    const [clientKey, encryptedClientKey, strangerKey] = await Promise.all([
      generateKeyPair(join(dir, 'client_ed25519'), { comment: 'pdlab-client' }),
      generateKeyPair(join(dir, 'client_encrypted_ed25519'), { comment: 'pdlab-client-encrypted', passphrase: ENCRYPTED_KEY_PASSPHRASE }),
      generateKeyPair(join(dir, 'stranger_ed25519'), { comment: 'pdlab-stranger' }),
    ]);
    const authorizedKeysFile = join(dir, 'authorized_keys');
    await writeFile(authorizedKeysFile, `${clientKey.publicKey}\n${encryptedClientKey.publicKey}\n`, { mode: 0o644 });
    const configPath = join(dir, 'sshd_config');
    const allowUsers = Object.values(users).map((user) => user.username);
    await writeFile(configPath, renderSshdConfig({ authorizedKeysFile, allowUsers, passwordAuthentication: options.passwordAuthentication ?? true, ...(options.sessionEnv ? { sessionEnv: options.sessionEnv } : {}) }));
    await mkdir(join(dir, 'host-keys'));

    const names = typeof options.servers === 'object' ? [...options.servers] : Array.from({ length: options.servers ?? 1 }, (_, index) => `server-${index}`);
    const sharedKey = options.sharedHostKey ? await generateKeyPair(join(dir, 'host-keys', 'shared'), { comment: 'pdlab-shared' }) : undefined;
    const start = (name: string, hostKey?: LabKeyPair) => startSshdServer({ name, configPath, hostKeyPath: join(dir, 'host-keys', name) }, hostKey);
    const servers = await startAll(names, (name) => start(name, sharedKey), options.startConcurrency ?? 16);

    const lab: SshLab = {
      dir,
      users,
      clientKey,
      encryptedClientKey: { ...encryptedClientKey, passphrase: ENCRYPTED_KEY_PASSPHRASE },
      strangerKey,
      servers,
      server(name) {
        const found = servers.find((server) => server.name === name);
        if (!found) throw new Error(`no lab server named ${name}`);
        return found;
      },
      async addServer(name) {
        const server = await start(name);
        servers.push(server);
        return server;
      },
      async stop() {
        running.delete(lab);
        await Promise.all(servers.map((server) => server.stop()));
        await rm(dir, { recursive: true, force: true });
      },
    };
    running.add(lab);
    return lab;
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

async function startAll(names: readonly string[], start: (name: string) => Promise<LabSshServer>, concurrency: number): Promise<LabSshServer[]> {
  const servers: LabSshServer[] = [];
  let next = 0;
  let failure: unknown;
  const worker = async () => {
    while (next < names.length && failure === undefined) {
      const name = names[next++] as string;
      try {
        servers.push(await start(name));
      } catch (error) {
        failure ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, names.length)) }, worker));
  if (failure !== undefined) {
    await Promise.all(servers.map((server) => server.stop()));
    throw failure;
  }
  return names.map((name) => servers.find((server) => server.name === name) as LabSshServer);
}

// A crashed or forgetful test run must not leave root-owned sshd processes listening.
process.once('exit', () => {
  for (const lab of running) for (const server of lab.servers) {
    try {
      server.killConnections();
      process.kill(server.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
});
