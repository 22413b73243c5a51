/** Turns what ssh2 or the socket reported during connect into an {@link SshError} with a safe message. */
import { SshError } from './ssh-error';
import type { SshTarget } from './ssh-target';
import { describeTarget } from './ssh-target';

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EADDRNOTAVAIL', 'EHOSTDOWN']);

/** The SshError for a connect attempt to `target` that failed with `error`. */
export function connectError(target: SshTarget, error: unknown): SshError {
  const where = describeTarget(target);
  const failure = (error ?? {}) as Error & { level?: string; code?: string };
  const message = typeof failure.message === 'string' ? failure.message : String(error);
  if (failure.level === 'client-authentication') {
    const method = target.auth.kind === 'key' ? 'the private key' : 'the password';
    return new SshError('auth_failed', target.host, `${where} rejected ${method}`);
  }
  // ssh2 parses the key before connecting; its reasons name no secret, but the fixed text is certain not to.
  if (/cannot parse privatekey|passphrase|decrypt/i.test(message)) {
    return new SshError('auth_failed', target.host, `the private key for ${where} could not be read: wrong or missing passphrase, or an unsupported key format`);
  }
  if (failure.code && UNREACHABLE_CODES.has(failure.code)) {
    return new SshError('unreachable', target.host, `cannot reach ${where}: ${failure.code}`);
  }
  // node-ssh reports a silent close as ETIMEDOUT, so the close check must come first.
  if (failure.code === 'ECONNRESET' || /No response from server|closed|reset/i.test(message)) {
    return new SshError('connection_lost', target.host, `${where} closed the connection during the SSH handshake`);
  }
  if (failure.level === 'client-timeout' || failure.code === 'ETIMEDOUT') {
    return new SshError('timeout', target.host, `${where} did not complete the SSH handshake in time`);
  }
  return new SshError('connection_lost', target.host, `SSH connection to ${where} failed: ${safeReason(message)}`);
}

// Server and library text is kept short and stripped of anything that looks like key material.
function safeReason(message: string): string {
  return message.replace(/-----BEGIN[\s\S]*?-----END[^\n]*/g, '[key]').slice(0, 200);
}
