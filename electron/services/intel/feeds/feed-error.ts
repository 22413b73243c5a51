/**
 * Why a feed file was refused. The message names the file and the reason in words ("is
 * truncated", "is not a CISA KEV catalogue: ..."); an import that throws this writes nothing.
 */
export class FeedFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FeedFormatError';
  }
}

/** A value as short, one-line text for messages (feeds are untrusted input). */
export function shown(value: unknown, max = 60): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  const line = text.replace(/[\u0000-\u001f\u007f]/g, ' ');
  return line.length > max ? `${line.slice(0, max)}...` : line;
}

/** True for a plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The CVE id pattern of the KEV schema and NVD: `CVE-YYYY-NNNN...`. */
export const CVE_ID_PATTERN = /^CVE-\d{4}-\d{4,19}$/;

/** A string field, trimmed (feeds carry trailing spaces), or null when absent or not a string. */
export function text(value: unknown): string | null {
  return typeof value === 'string' ? value.trim() : null;
}
