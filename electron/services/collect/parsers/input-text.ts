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
