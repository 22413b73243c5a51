/**
 * Who a request acts for and through which interface, carried through everything the request
 * does and starts (AsyncLocalStorage follows its promises, timers and microtasks). The folder's
 * owner serves its own interface (desktop window, browser host, or a CLI that owns the folder)
 * under its own actor; a CLI command that forwards to the owner's socket sends its own actor, and
 * the owner runs that request inside {@link runAsRequest}, so the audit log, job rows and
 * approvals name the person who asked, not the owner's user.
 *
 * The actor is a label, not an authentication: the socket only admits this OS user (0600 in a 0700
 * folder), and the same user could set `PATCHDESK_ACTOR` to anything on their own commands. It
 * says who asked on a shared account, as `PATCHDESK_ACTOR` always has.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** The longest actor name kept (longer names are cut here, or refused on the socket). */
export const ACTOR_MAX_LENGTH = 100;

/** The interface a change came through: the desktop app, the browser host, or the CLI (owning the folder or forwarding to its owner). */
export type RequestVia = 'desktop' | 'browser' | 'cli';

/** Who acts, and through which interface (null: not known, as for a job stored before it was recorded). */
export interface RequestContext {
  readonly actor: string;
  readonly via: RequestVia | null;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Runs `work` (and everything it starts, jobs included) as `context`. */
export function runAsRequest<T>(context: RequestContext, work: () => T): T {
  return storage.run(context, work);
}

/** The context of the request running now, if any. */
export function currentRequest(): RequestContext | undefined {
  return storage.getStore();
}

/** The actor of the request running now, else `fallback` (the core's own actor, for its own interface and its own work). */
export function actingActor(fallback: string): string {
  return storage.getStore()?.actor ?? fallback;
}

/**
 * An actor name as it is recorded: trimmed, without control characters (they would garble a
 * terminal or a CSV line), at most {@link ACTOR_MAX_LENGTH} characters; null when nothing is left.
 */
export function normalizeActor(raw: string | undefined): string | null {
  const cleaned = (raw ?? '').replace(/[\u0000-\u001f\u007f-\u009f]/g, '').trim().slice(0, ACTOR_MAX_LENGTH).trim();
  return cleaned === '' ? null : cleaned;
}
