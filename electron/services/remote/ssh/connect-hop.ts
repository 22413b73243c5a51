/**
 * Opens one authenticated SSH connection (one hop), verifying the host key before any credential
 * is sent. Runs over a TCP socket, or over `sock` when the hop is reached through a jump host.
 */
import type { Duplex } from 'node:stream';
import { NodeSSH, type Config } from 'node-ssh';
import type { Client, ServerHostKeyAlgorithm } from 'ssh2';
import { connectError } from './connect-error';
import { describeHostKey, hostKeyAlgorithms, sameFingerprint, type HostKeyInfo, type HostKeyPolicy } from './host-key';
import { SshError } from './ssh-error';
import { describeTarget, type SshTarget } from './ssh-target';

/** An authenticated connection and the host key it was verified with. */
export interface ConnectedHop {
  client: Client;
  hostKey: HostKeyInfo;
}

/** How to connect one hop. */
export interface ConnectHopOptions {
  hostKeyPolicy: HostKeyPolicy;
  signal?: AbortSignal;
  /** A stream already connected to the hop's SSH port, e.g. from a jump host's `forwardOut`. */
  sock?: Duplex;
}

/** Connects and authenticates to `target` within its connect timeout; rejects with {@link SshError}. */
export function connectHop(target: SshTarget, options: ConnectHopOptions): Promise<ConnectedHop> {
  const where = describeTarget(target);
  if (options.signal?.aborted) return Promise.reject(new SshError('cancelled', target.host, `connecting to ${where} was cancelled`));
  let hostKeyFailure: SshError | undefined;
  let presented: HostKeyInfo | undefined;

  const hostVerifier = (keyBlob: Buffer): boolean => {
    presented = describeHostKey(keyBlob);
    const pinned = target.knownHostKey;
    if (pinned && !sameFingerprint(pinned.sha256, presented.sha256)) {
      hostKeyFailure = new SshError('host_key_changed', target.host, `the host key of ${where} has changed: expected ${pinned.algorithm} ${pinned.sha256}, presented ${presented.algorithm} ${presented.sha256}; nothing was sent`, { presentedHostKey: presented, expectedHostKey: pinned });
      return false;
    }
    if (!pinned && options.hostKeyPolicy === 'strict') {
      hostKeyFailure = new SshError('host_key_unknown', target.host, `the host key of ${where} is not known yet: ${presented.algorithm} ${presented.sha256}; confirm and pin it to connect`, { presentedHostKey: presented });
      return false;
    }
    return true;
  };

  const ssh = new NodeSSH();
  const config: Config = {
    ...(options.sock ? { sock: options.sock } : { host: target.host, port: target.port }),
    username: target.username,
    ...(target.auth.kind === 'key'
      ? { privateKey: target.auth.privateKey, ...(target.auth.passphrase !== undefined ? { passphrase: target.auth.passphrase } : {}) }
      : { password: target.auth.password }),
    tryKeyboard: false,
    hostVerifier,
    algorithms: { serverHostKey: hostKeyAlgorithms(target.knownHostKey?.algorithm) as ServerHostKeyAlgorithm[] },
    // Our own timer covers TCP connect, handshake and auth together; ssh2's would race it.
    readyTimeout: 0,
    keepaliveInterval: 15_000,
    keepaliveCountMax: 3,
  };

  return new Promise<ConnectedHop>((resolve, reject) => {
    let settled = false;
    const finish = (error: SshError | undefined) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if (!error && presented) {
        const client = ssh.connection as Client;
        // node-ssh drops its error listener once ready; the session watches 'close' instead.
        client.on('error', () => undefined);
        // Again here, in case the early hook above could not be attached.
        client.setNoDelay(true);
        resolve({ client, hostKey: presented });
        return;
      }
      destroy(ssh);
      options.sock?.destroy();
      reject(error ?? new SshError('connection_lost', target.host, `${where} presented no host key`));
    };
    const onAbort = () => finish(new SshError('cancelled', target.host, `connecting to ${where} was cancelled`));
    const timer = setTimeout(() => finish(hostKeyFailure ?? new SshError('timeout', target.host, `connecting to ${where} timed out after ${target.connectTimeoutMs} ms`)), target.connectTimeoutMs);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    ssh.connect(config).then(
      () => finish(undefined),
      (error: unknown) => finish(hostKeyFailure ?? connectError(target, error)),
    );
    disableNagle(ssh);
  });
}

/**
 * Turns Nagle's algorithm off on the hop's TCP socket as soon as it connects. SSH is a
 * request/response protocol of small packets: with Nagle on, each exchange waits for the peer's
 * delayed ACK (about 40 ms on Linux), which made every command on an open connection take ~90 ms
 * and a handshake ~265 ms on loopback; with it off, 4 ms and ~95 ms (`bench/rollouts/`).
 * node-ssh creates its ssh2 client synchronously when no key file path is given (we always pass
 * the key itself), so the client exists by the time `connect` returns.
 */
function disableNagle(ssh: NodeSSH): void {
  const client = ssh.connection as Client | null;
  client?.once('connect', () => client.setNoDelay(true));
}

function destroy(ssh: NodeSSH): void {
  const client = ssh.connection as Client | null;
  if (!client) return;
  // Later errors from a connection we gave up on must not become unhandled 'error' events.
  client.on('error', () => undefined);
  client.destroy();
}
