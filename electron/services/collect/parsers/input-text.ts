/**
 * Turns captured output into clean lines. Output arrives from hosts we do not control, so it may
 * carry terminal escapes, NUL or other control bytes, CRLF or bare CR line ends and a BOM; every
 * step here is a single linear pass so multi-megabyte captures stay cheap.
 */

// CSI sequences, OSC sequences (ended by BEL or ST) and the remaining two-byte escapes.
const ANSI = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]?/g;
// C0 controls except tab and newline, DEL, and C1 controls; CR is handled before this runs.
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/g;

/** Strips escapes and control bytes, normalises line ends and drops a leading BOM. */
export function cleanText(text: string): string {
  return text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .replace(ANSI, '')
    .replace(CONTROL, '');
}

// Characters no text format we read is made of: C0 controls other than tab, line ends and ESC
// (colour), DEL, C1 controls, and U+FFFD, which the UTF-8 decoder puts where bytes were invalid.
const NON_TEXT = /[\x00-\x08\x0b\x0c\x0e-\x1a\x1c-\x1f\x7f-\x9f\ufffd]/g;
// A stray control byte or a translated banner in a legacy encoding stays well below this share.
const BINARY_SHARE = 0.05;

/**
 * Why a capture is binary data rather than a command's text output, or null when it reads as
 * text. Parsers refuse such input outright: rows picked out of garbage are not a package list.
 */
export function binaryDataProblem(text: string): string | null {
  let count = 0;
  for (const _match of text.matchAll(NON_TEXT)) count++;
  if (count < 8 || count / text.length <= BINARY_SHARE) return null;
  return `it is binary data, not text (${Math.round((100 * count) / text.length)}% of its characters are control bytes or invalid UTF-8)`;
}

/** Clean lines without their line ends; a final empty line from a trailing newline is dropped. */
export function cleanLines(text: string): string[] {
  const lines = cleanText(text).split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * Lines longer than this are not from any format we read; refusing them keeps the
 * backtracking in the per-line patterns bounded.
 */
export const MAX_LINE_LENGTH = 16_384;

/** Shortens a line for an error or warning message. */
export function excerpt(line: string, max = 120): string {
  const t = line.trim();
  return t.length > max ? `${t.slice(0, max)}…` : t;
}

/** Caps how many warnings one parse emits, so hostile input cannot flood the UI. */
export class WarningSink {
  readonly warnings: string[] = [];
  private dropped = 0;

  constructor(private readonly limit = 20) {}

  /** Records a warning, or counts it once the limit is reached. */
  add(message: string): void {
    if (this.warnings.length < this.limit) this.warnings.push(message);
    else this.dropped++;
  }

  /** The warnings, with a closing note when some were dropped. */
  list(): string[] {
    return this.dropped > 0 ? [...this.warnings, `${this.dropped} more warnings not shown`] : [...this.warnings];
  }
}
