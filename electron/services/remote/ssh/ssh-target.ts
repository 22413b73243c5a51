/** Where and how to log in over SSH; one target per hop, so a jump host is a target too. */
import type { HostKeyInfo } from './host-key';

/** How to authenticate; exactly one method, so failures name what was tried. */
export type SshAuth =
  | { kind: 'key'; privateKey: string; passphrase?: string }
  | { kind: 'password'; password: string };

/** One SSH host to run commands on. */
export interface SshTarget {
  host: string;
  port: number;
  username: string;
  auth: SshAuth;
  /** Needed only for `run(..., { sudo: true })` when sudoers asks for a password. */
  sudoPassword?: string;
  /** Reach `host` through this one, as `ssh -J` does. */
  jumpHost?: SshTarget;
  /** TCP connect, key exchange and authentication must finish within this. */
  connectTimeoutMs: number;
  /** Default limit for each command. */
  commandTimeoutMs: number;
  /** The pinned host key; without it the host key policy decides. */
  knownHostKey?: HostKeyInfo;
}

/** `user@host:port`, for messages. */
export function describeTarget(target: Pick<SshTarget, 'host' | 'port' | 'username'>): string {
  const host = target.host.includes(':') ? `[${target.host}]` : target.host;
  return `${target.username}@${host}:${target.port}`;
}

/** What is wrong with a target's fields, or undefined when it can be used. */
export function targetProblem(target: SshTarget): string | undefined {
  if (!target.host.trim()) return 'the host is empty';
  if (!Number.isInteger(target.port) || target.port < 1 || target.port > 65535) return `port ${target.port} is not a TCP port`;
  if (!target.username.trim()) return 'the user name is empty';
  if (!(target.connectTimeoutMs > 0)) return 'the connect timeout must be positive';
  if (!(target.commandTimeoutMs > 0)) return 'the command timeout must be positive';
  if (target.auth.kind === 'key' && !target.auth.privateKey.trim()) return 'the private key is empty';
  return undefined;
}
