/**
 * The one error type the SSH executor throws. Messages are built from fixed text, user and host
 * names, fingerprints and server diagnostics, never from passwords, passphrases or keys, so they
 * are safe to log and show.
 */
import type { HostKeyInfo } from './host-key';

/** Why an SSH operation failed. */
export type SshErrorCode =
  | 'auth_failed'
  | 'host_key_changed'
  | 'host_key_unknown'
  | 'timeout'
  | 'unreachable'
  | 'sudo_failed'
  | 'sudo_requires_tty'
  | 'output_limit'
  | 'connection_lost'
  | 'cancelled';

/** Extra facts some failures carry. */
export interface SshErrorDetails {
  /** The key the server presented (`host_key_unknown`, `host_key_changed`), for pinning or display. */
  presentedHostKey?: HostKeyInfo;
  /** The pinned key it should have presented (`host_key_changed`). */
  expectedHostKey?: HostKeyInfo;
}

/** A failed SSH operation; `host` names the hop that failed (a jump host or the target). */
export class SshError extends Error {
  declare readonly presentedHostKey?: HostKeyInfo;
  declare readonly expectedHostKey?: HostKeyInfo;

  constructor(
    readonly code: SshErrorCode,
    readonly host: string,
    message: string,
    details: SshErrorDetails = {},
  ) {
    super(message);
    this.name = 'SshError';
    if (details.presentedHostKey) this.presentedHostKey = details.presentedHostKey;
    if (details.expectedHostKey) this.expectedHostKey = details.expectedHostKey;
  }
}

/** Whether `error` is an {@link SshError}, optionally with the given code. */
export function isSshError(error: unknown, code?: SshErrorCode): error is SshError {
  return error instanceof SshError && (code === undefined || error.code === code);
}
