/**
 * Opens an SSH session to a target, through its jump hosts if it has any, and keeps the connection
 * for as many commands as the caller runs before `close()`.
 */
import type { Duplex } from 'node:stream';
import { connectHop, type ConnectedHop } from './connect-hop';
import type { HostKeyInfo, HostKeyPolicy } from './host-key';
import { runCommand, type CommandResult, type RunOptions } from './run-command';
import { redactSecrets, targetSecrets } from './secret-redaction';
import { SshError } from './ssh-error';
import { describeTarget, targetProblem, type SshTarget } from './ssh-target';

/** How to open a session. */
export interface OpenSshSessionOptions {
  /** `strict` refuses hosts without a pinned key (`host_key_unknown`); `trust-on-first-use` accepts and reports them. */
  hostKeyPolicy: HostKeyPolicy;
  /** Aborting cancels the connect, any running command, and closes the session. */
  signal?: AbortSignal;
}

/** An open connection that runs commands. */
export interface SshSession {
  readonly target: SshTarget;
  /** The key the target presented; pin it after a trust-on-first-use connect. */
  readonly hostKey: HostKeyInfo;
  /** The keys the jump hosts presented, outermost first. */
  readonly jumpHostKeys: readonly HostKeyInfo[];
  /** False once the connection was lost, cancelled or closed: a command run now would never start. */
  readonly open: boolean;
  /** Runs `command` under `sh -c` in the C locale; rejects only with {@link SshError}. */
  run(command: string, options?: RunOptions): Promise<CommandResult>;
  /** Closes the connection and its jump connections; running commands reject with `cancelled`. */
  close(): Promise<void>;
}

/** Connects and authenticates every hop to `target`; rejects with {@link SshError}, or RangeError for an unusable target. */
export async function openSshSession(target: SshTarget, options: OpenSshSessionOptions): Promise<SshSession> {
  for (let hop: SshTarget | undefined = target; hop; hop = hop.jumpHost) {
    const problem = targetProblem(hop);
    if (problem) throw new RangeError(`cannot use ${hop.host || 'target'}: ${problem}`);
  }
  const hops = await connectChain(target, options);
  return new Session(target, hops, options.signal);
}

async function connectChain(target: SshTarget, options: OpenSshSessionOptions): Promise<ConnectedHop[]> {
  if (!target.jumpHost) return [await connectHop(target, options)];
  const outer = await connectChain(target.jumpHost, options);
  try {
    const via = outer[outer.length - 1] as ConnectedHop;
    const sock = await forward(via, target.jumpHost, target, options.signal);
    return [...outer, await connectHop(target, { ...options, sock })];
  } catch (error) {
    for (const hop of outer) hop.client.destroy();
    throw error;
  }
}

function forward(via: ConnectedHop, jump: SshTarget, target: SshTarget, signal: AbortSignal | undefined): Promise<Duplex> {
  const where = describeTarget(target);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new SshError('timeout', target.host, `jump host ${jump.host} did not open a tunnel to ${where} within ${target.connectTimeoutMs} ms`)), target.connectTimeoutMs);
    const onAbort = () => reject(new SshError('cancelled', target.host, `connecting to ${where} was cancelled`));
    signal?.addEventListener('abort', onAbort, { once: true });
    via.client.forwardOut('127.0.0.1', 0, target.host, target.port, (error, stream) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (error) reject(new SshError('unreachable', target.host, `jump host ${jump.host} could not reach ${where}: ${error.message.slice(0, 200)}`));
      else resolve(stream);
    });
  });
}

class Session implements SshSession {
  readonly hostKey: HostKeyInfo;
  readonly jumpHostKeys: readonly HostKeyInfo[];
  private readonly listeners = new Set<(error: SshError) => void>();
  private ended: SshError | undefined;
  private readonly where: string;

  constructor(
    readonly target: SshTarget,
    private readonly hops: readonly ConnectedHop[],
    private readonly signal: AbortSignal | undefined,
  ) {
    const last = hops[hops.length - 1] as ConnectedHop;
    this.hostKey = last.hostKey;
    this.jumpHostKeys = hops.slice(0, -1).map((hop) => hop.hostKey);
    this.where = describeTarget(target);
    for (const hop of hops) hop.client.once('close', () => this.end(new SshError('connection_lost', target.host, `the connection to ${this.where} was lost`)));
    signal?.addEventListener('abort', this.onAbort, { once: true });
    if (signal?.aborted) this.onAbort();
  }

  get open(): boolean {
    return this.ended === undefined;
  }

  run(command: string, options?: RunOptions): Promise<CommandResult> {
    if (this.ended) return Promise.reject(new SshError(this.ended.code, this.target.host, this.ended.message));
    const client = (this.hops[this.hops.length - 1] as ConnectedHop).client;
    return runCommand({ client, target: this.target, onSessionEnd: (listener) => this.subscribe(listener) }, command, options);
  }

  async close(): Promise<void> {
    this.end(new SshError('cancelled', this.target.host, `the session to ${this.where} was closed`));
  }

  private readonly onAbort = () => {
    this.end(new SshError('cancelled', this.target.host, `the session to ${this.where} was cancelled`));
  };

  private subscribe(listener: (error: SshError) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private end(reason: SshError): void {
    if (this.ended) return;
    this.ended = new SshError(reason.code, reason.host, redactSecrets(reason.message, targetSecrets(this.target)));
    this.signal?.removeEventListener('abort', this.onAbort);
    for (const listener of [...this.listeners]) listener(this.ended);
    this.listeners.clear();
    for (const hop of [...this.hops].reverse()) {
      hop.client.end();
      // end() waits for the server; a dead peer would keep the socket for a keepalive period otherwise.
      setTimeout(() => hop.client.destroy(), 1000).unref();
    }
  }
}
