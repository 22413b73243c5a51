/** The last lines of a step's output, bounded, as the step row keeps them. */

/** Lines kept per step. */
export const OUTPUT_TAIL_LINES = 20;
/** Characters kept per line (a minified blob is not a line anyone reads). */
const MAX_LINE_CHARS = 400;

export class OutputTail {
  private lines: string[] = [];
  /** An unfinished last line, completed by the next chunk. */
  private partial = '';

  /** Appends a chunk of output (it may end mid-line). */
  push(text: string): void {
    const parts = (this.partial + text.replace(/\r\n?/g, '\n')).split('\n');
    this.partial = parts.pop() ?? '';
    if (parts.length > 0) this.lines = [...this.lines, ...parts.map(clip)].slice(-OUTPUT_TAIL_LINES);
  }

  /** The kept lines, newline-separated, the unfinished one included. */
  text(): string {
    const all = this.partial === '' ? this.lines : [...this.lines, clip(this.partial)].slice(-OUTPUT_TAIL_LINES);
    return all.join('\n');
  }
}

function clip(line: string): string {
  return line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS - 1)}…` : line;
}
