/** Shapes every collector shares: when and how a collection was made, and what it produced. */
import type { CollectionErrorCode, CollectionMethod, HostCollection } from '../../../../shared/contract/patch-status';

/** Facts about the collection run that the host's output cannot tell. */
export interface CollectionContext {
  /** ISO 8601 with offset, e.g. `new Date().toISOString()`. */
  collectedAt: string;
  method: CollectionMethod;
}

/** A host's collection, or the error code and message to record for it. */
export type CollectionOutcome<Code extends CollectionErrorCode = CollectionErrorCode> =
  | { ok: true; value: HostCollection }
  | { ok: false; code: Code; message: string };

/** Converts epoch seconds printed by a host into an ISO timestamp; null for anything implausible. */
export function epochToIso(text: string | undefined): string | null {
  const m = /^\s*(\d{9,11})(?:\.\d+)?\s*$/.exec(text ?? '');
  if (!m) return null;
  const ms = Number(m[1]) * 1000;
  // Before 2000 or more than a year ahead means a broken clock, not a patch date.
  if (ms < Date.UTC(2000, 0, 1) || ms > Date.now() + 366 * 86_400_000) return null;
  return new Date(ms).toISOString();
}

const CODES: ReadonlySet<string> = new Set<CollectionErrorCode>([
  'auth_failed', 'host_key_unknown', 'host_key_changed', 'timeout', 'unreachable', 'connection_lost', 'sudo_failed', 'sudo_requires_tty', 'output_limit', 'cancelled', 'soap_fault', 'untrusted_certificate',
]);

/** Maps an executor error (SshError, WinRmError) to a collection failure; anything else is `internal`. */
export function transportFailure(error: unknown): { ok: false; code: CollectionErrorCode; message: string } {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  const message = error instanceof Error ? error.message : String(error);
  return { ok: false, code: CODES.has(code) ? (code as CollectionErrorCode) : 'internal', message };
}
