/**
 * One lab host: an overlay root (base + family layer + its own upper dir) with /proc, PTYs, the
 * lab repository, its own boot id and host keys, and its own sshd on 127.x:22 for root with the
 * lab's key.
 */
import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { keyFingerprint } from '../ssh-lab/lab-keys';
import { acceptsConnections } from '../ssh-lab/loopback';
import { runTool } from '../ssh-lab/run-tool';
import { inRoot } from './apt-layer';
import type { LabFamily } from './lab-families';
import { mount } from './mounts';

/** A host of the lab, as `lab up --json` prints it. */
export interface LabHost {
  name: string;
  address: string;
  port: number;
  family: LabFamily;
  user: 'root';
  keyFile: string;
  /** The host's folder on this machine (root/, upper/, boot_id). */
  dir: string;
  /** Its ed25519 host key as `ssh-keygen -lf` prints it, for pinning. */
  hostKey: { algorithm: 'ssh-ed25519'; sha256: string };
}

/** What starting one host needs. */
export interface StartHostOptions {
  name: string;
  address: string;
  dir: string;
  /** Lower layers, top first (family layer, then base). */
  lowerDirs: string[];
  family: LabFamily;
  /** The lab repository of its family: `source` on this machine, bound read-only at `target` in the root. */
  repo: { source: string; target: string };
  publicKey: string;
  keyFile: string;
}

const SSHD_CONFIG = (address: string) => `ListenAddress ${address}\nPermitRootLogin prohibit-password\nPasswordAuthentication no\nKbdInteractiveAuthentication no\nUseDNS no\nMaxStartups 100:30:200\nMaxSessions 50\n`;

/** Mounts and starts one host; resolves once its sshd accepts connections. */
export async function startLabHost(options: StartHostOptions): Promise<LabHost> {
  const { dir, address } = options;
  const root = join(dir, 'root');
  for (const sub of ['upper', 'work', 'root']) mkdirSync(join(dir, sub), { recursive: true });
  await mount('-t', 'overlay', 'overlay', '-o', `lowerdir=${options.lowerDirs.join(':')},upperdir=${join(dir, 'upper')},workdir=${join(dir, 'work')}`, root);
  await mount('-t', 'proc', 'proc', join(root, 'proc'));
  mkdirSync(join(root, 'dev/pts'), { recursive: true });
  await mount('-t', 'devpts', 'devpts', join(root, 'dev/pts'), '-o', 'newinstance,ptmxmode=0666,mode=620,gid=5');
  if (!existsSync(join(root, 'dev/ptmx'))) writeFileSync(join(root, 'dev/ptmx'), '');
  await mount('--bind', join(root, 'dev/pts/ptmx'), join(root, 'dev/ptmx'));
  // Its own boot id, changed by the supervisor on a simulated reboot (written in place: the
  // bind mount pins the file, not the name).
  writeFileSync(join(dir, 'boot_id'), `${randomUUID()}\n`);
  await mount('--bind', '-o', 'ro', join(dir, 'boot_id'), join(root, 'proc/sys/kernel/random/boot_id'));
  mkdirSync(join(root, options.repo.target), { recursive: true });
  await mount('--bind', '-o', 'ro', options.repo.source, join(root, options.repo.target));

  // Clones of one root would share host keys; each host gets its own.
  for (const entry of readdirSync(join(root, 'etc/ssh'))) if (entry.startsWith('ssh_host_')) rmSync(join(root, 'etc/ssh', entry));
  await inRoot(root, 'ssh-keygen -A >/dev/null');
  mkdirSync(join(root, 'root/.ssh'), { recursive: true, mode: 0o700 });
  writeFileSync(join(root, 'root/.ssh/authorized_keys'), options.publicKey, { mode: 0o600 });
  chmodSync(join(root, 'root/.ssh'), 0o700);
  mkdirSync(join(root, 'etc/ssh/sshd_config.d'), { recursive: true });
  writeFileSync(join(root, 'etc/ssh/sshd_config.d/lab.conf'), SSHD_CONFIG(address));
  writeFileSync(join(root, 'etc/hostname'), `${options.name}\n`);
  mkdirSync(join(root, 'run/sshd'), { recursive: true });
  rmSync(join(root, 'run/sshd.pid'), { force: true });
  await startSshd(root, options.name);
  // sshd forks into the background before it binds its socket, and writes its pid file only once
  // the socket is bound: that file, not the parent's exit, says it is listening.
  if (!(await waitForFile(join(root, 'run/sshd.pid'), 60_000)) || !(await acceptsConnections(address, 22))) {
    throw new Error(`the lab host ${options.name}'s sshd does not accept connections on ${address}:22 (see ${join(root, 'var/log/sshd.log')})`);
  }
  const hostKey = { algorithm: 'ssh-ed25519' as const, sha256: await keyFingerprint(join(root, 'etc/ssh/ssh_host_ed25519_key.pub')) };
  return { name: options.name, address, port: 22, family: options.family, user: 'root', keyFile: options.keyFile, dir, hostKey };
}

/**
 * Starts the host's sshd in its own UTS namespace, so `hostname` on the host says its lab name.
 * The reboot supervisor starts it the same way.
 */
async function startSshd(root: string, name: string): Promise<void> {
  await runTool('unshare', ['--uts', 'chroot', root, '/bin/sh', '-c', `hostname ${name} && exec /usr/sbin/sshd -E /var/log/sshd.log`]);
}

/** Resolves true once `file` exists, false when it still does not after `limitMs`. */
async function waitForFile(file: string, limitMs: number): Promise<boolean> {
  for (let waited = 0; waited < limitMs; waited += 50) {
    if (existsSync(file)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return existsSync(file);
}

/** Stops a host's sshd (its mounts go with the lab's teardown). */
export function stopLabHost(dir: string): void {
  const pidFile = join(dir, 'root/run/sshd.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  if (Number.isInteger(pid) && pid > 1) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}
