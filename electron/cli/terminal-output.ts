/**
 * The CLI's line writers for stdout and stderr. A reader that went away
 * (`patchdesk evidence ... | head -1`) ends the output, not the process: EPIPE is expected there,
 * so the command finishes its work quietly instead of crashing.
 */
import type { Writable } from 'node:stream';

/** Line writers for the CLI's two output streams. */
export interface TerminalIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** Writers over the given streams (the process's own by default). */
export function createTerminalIo(stdout: Writable = process.stdout, stderr: Writable = process.stderr): TerminalIo {
  return { out: lineWriter(stdout), err: lineWriter(stderr) };
}

/**
 * Keeps a closed pipe on a stream from becoming an uncaught error. Other write errors are not
 * expected on a terminal or pipe and still surface.
 */
export function tolerateClosedPipe(stream: Writable, onClosed: () => void = () => {}): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    onClosed();
  });
}

function lineWriter(stream: Writable): (line: string) => void {
  let closed = false;
  tolerateClosedPipe(stream, () => (closed = true));
  return (line) => {
    if (closed || stream.destroyed) return;
    stream.write(`${line}\n`);
  };
}
