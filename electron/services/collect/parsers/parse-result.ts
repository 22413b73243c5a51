import type { ParseResult } from './types';

/** Wraps a parsed value. */
export function ok<T>(value: T): ParseResult<T> {
  return { ok: true, value };
}

/** Reports output that cannot be trusted for this host. */
export function fail<T = never>(error: string): ParseResult<T> {
  return { ok: false, error };
}

/** The first error line (`E:`, `Error:`, `ERROR:`) in a stream, for error messages. */
export function firstErrorLine(text: string | undefined): string | null {
  if (!text) return null;
  const m = /^(?:E:|Error:|ERROR:|error:|Fehler:).*$/m.exec(text);
  return m ? m[0].trim().slice(0, 200) : null;
}

/** A short description of the exit code and stderr, for error messages. */
export function describeFailure(exitCode: number | undefined, stderr: string | undefined): string {
  const parts: string[] = [];
  if (exitCode !== undefined) parts.push(`exit code ${exitCode}`);
  const err = firstErrorLine(stderr) ?? stderr?.trim().split('\n')[0]?.slice(0, 200);
  if (err) parts.push(err);
  return parts.join(': ');
}
