/**
 * The messages between a folder's core and its local clients (the CLI): newline-delimited JSON
 * over a Unix socket or Windows named pipe. The channels and their schemas are the contract's; this
 * only frames them. The core greets each client with its owner record; a client calls channels
 * (answered by id, in any order) and may subscribe to the event bus. Each call names the actor of
 * the command that makes it (see request-context.ts: a label, not an authentication).
 */
import { z } from 'zod';
import type { ApiResult } from '../../shared/contract/common';
import { ACTOR_MAX_LENGTH, normalizeActor } from '../platform/request-context';
import type { OwnerRecord } from './folder-lock';

/** Longest message accepted (a line): file contents travel base64 in a few channels, as over HTTP. */
export const MAX_MESSAGE_BYTES = 300 * 1024 * 1024;

/**
 * Who a call acts for: the calling command's resolveActor(), already cleaned by its rule (a name
 * that is not is refused, never recorded differently from what the command says).
 */
export const WireActor = z
  .string()
  .min(1)
  .max(ACTOR_MAX_LENGTH)
  .refine((value) => normalizeActor(value) === value, `must be trimmed, without control characters, 1 to ${ACTOR_MAX_LENGTH} characters`);

/** What a client may send. */
export const ClientMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('invoke'), id: z.number().int().nonnegative(), channel: z.string().max(200), actor: WireActor, request: z.unknown() }),
  z.object({ type: z.literal('subscribe') }),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;

/** What the core sends. A `result` with id null answers a message that could not be read (then the core hangs up). */
export type ServerMessage =
  | { type: 'hello'; owner: OwnerRecord }
  | { type: 'result'; id: number | null; result: ApiResult<unknown> }
  | { type: 'event'; event: string; payload: unknown };

/**
 * Splits a byte stream into lines. Calls `onLine` per complete line and `onOverflow` once when
 * a line grows past `maxBytes` (the caller then drops the connection).
 */
export function lineReader(onLine: (line: string) => void, onOverflow: () => void, maxBytes = MAX_MESSAGE_BYTES): (chunk: Buffer) => void {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let overflowed = false;
  return (chunk) => {
    if (overflowed) return;
    let start = 0;
    for (let newline = chunk.indexOf(10); newline >= 0; newline = chunk.indexOf(10, start)) {
      pending.push(chunk.subarray(start, newline));
      const line = Buffer.concat(pending).toString('utf8');
      pending = [];
      pendingBytes = 0;
      start = newline + 1;
      onLine(line);
    }
    if (start < chunk.length) {
      pending.push(chunk.subarray(start));
      pendingBytes += chunk.length - start;
      if (pendingBytes > maxBytes) {
        overflowed = true;
        pending = [];
        onOverflow();
      }
    }
  };
}
