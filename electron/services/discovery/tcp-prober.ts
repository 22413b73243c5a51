import { Socket } from 'node:net';
import { startDeadline } from './deadline';

/** What one TCP connect probe found: `open` (connected), `closed` (refused) or `filtered` (no answer, or unreachable). */
export type PortState = 'open' | 'closed' | 'filtered';

/** A probe in flight; cancelling it frees its socket and timer and suppresses its callback. */
export interface Cancellable {
  cancel(): void;
}

/**
 * How a probe ended: a port state, or `no-resources` when the local system ran out of file
 * descriptors or ephemeral ports, which says nothing about the target and calls for a retry.
 */
export type ProbeOutcome = PortState | 'no-resources';

/**
 * Called once when a probe ends. For an open port the connected socket is handed over and the
 * callee must close it (see {@link closeHard}); otherwise the socket is already gone.
 */
export type ProbeDone = (outcome: ProbeOutcome, socket: Socket | null) => void;

const LOCAL_EXHAUSTION = new Set(['EMFILE', 'ENFILE', 'EADDRNOTAVAIL', 'ENOBUFS', 'EAGAIN']);

function outcomeOf(error: NodeJS.ErrnoException): ProbeOutcome {
  if (error.code === 'ECONNREFUSED') return 'closed';
  return error.code !== undefined && LOCAL_EXHAUSTION.has(error.code) ? 'no-resources' : 'filtered';
}

function ignoreError(): void {}

/**
 * Starts one TCP connect probe with its own timeout. Callback-based rather than a promise: the
 * scanner runs hundreds of thousands of these and the probe is the hot path.
 */
export function startTcpProbe(address: string, port: number, timeoutMs: number, done: ProbeDone): Cancellable {
  const socket = new Socket();
  let finished = false;

  const finish = (state: ProbeOutcome): void => {
    finished = true;
    deadline.clear();
    if (state === 'open') {
      done(state, socket);
    } else {
      socket.destroy();
      done(state, null);
    }
  };

  // Destroying a connecting socket closes its fd: the kernel forgets the SYN, no TIME_WAIT is left.
  const deadline = startDeadline(timeoutMs, () => {
    if (!finished) finish('filtered');
  });

  // The listener stays for the socket's whole life so a late reset on a handed-over socket cannot crash the process.
  socket.on('error', (error: NodeJS.ErrnoException) => {
    if (!finished) finish(outcomeOf(error));
  });
  socket.once('connect', () => {
    if (!finished) finish('open');
  });
  socket.connect(port, address);

  return {
    cancel(): void {
      if (finished) return;
      finished = true;
      deadline.clear();
      socket.destroy();
    },
  };
}

/**
 * Closes a connected socket with a reset instead of a FIN handshake, so neither side keeps the
 * connection in TIME_WAIT: a large scan would otherwise exhaust the ephemeral ports on loopback.
 */
export function closeHard(socket: Socket): void {
  if (socket.destroyed) return;
  socket.on('error', ignoreError);
  if (socket.connecting || socket.pending) socket.destroy();
  else socket.resetAndDestroy();
}
