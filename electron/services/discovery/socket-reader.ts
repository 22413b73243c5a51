import type { Duplex } from 'node:stream';
import { startDeadline } from './deadline';

/** Limits for reading from an untrusted peer. */
export interface ReadLimits {
  /** Stop reading after this many bytes, whatever the peer keeps sending. */
  maxBytes: number;
  timeoutMs: number;
  /** True once enough has arrived (a full line, a full header block). */
  isComplete: (received: Buffer) => boolean;
}

/**
 * Reads from a stream until the data is complete, the byte cap is reached, the peer closes or
 * errs, or the time is up, and resolves with whatever arrived. Never rejects: a silent or
 * hostile host yields a short or empty buffer, not an error.
 */
export function readUntil(stream: Duplex, limits: ReadLimits): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;

    const settle = (): void => {
      if (settled) return;
      settled = true;
      deadline.clear();
      stream.off('data', onData);
      stream.off('end', settle);
      stream.off('close', settle);
      stream.off('error', settle);
      stream.pause();
      resolve(Buffer.concat(chunks, size));
    };

    const onData = (chunk: Buffer): void => {
      const room = limits.maxBytes - size;
      const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
      chunks.push(kept);
      size += kept.length;
      if (size >= limits.maxBytes || limits.isComplete(Buffer.concat(chunks, size))) settle();
    };

    const deadline = startDeadline(limits.timeoutMs, settle);
    stream.on('data', onData);
    stream.once('end', settle);
    stream.once('close', settle);
    stream.once('error', settle);
    if (stream.destroyed) settle();
  });
}

/** Completion test for an HTTP response head: true once the blank line after the headers has arrived. */
export function hasHeaderEnd(received: Buffer): boolean {
  return received.includes('\r\n\r\n') || received.includes('\n\n');
}
