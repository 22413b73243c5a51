/**
 * A CSV tokenizer for files people really export: RFC 4180 plus the mess spreadsheets and
 * hand edits leave behind. It only splits text into records; meaning is the importer's job.
 */

/** A field delimiter the importer understands. */
export type CsvDelimiter = ',' | ';' | '\t';

/** One record, with the 1-based physical line it starts on. */
export interface CsvRow {
  line: number;
  cells: string[];
}

/** Something wrong with one record, with the physical line to look at. */
export interface CsvProblem {
  line: number;
  message: string;
}

/**
 * The 1-based physical line of the first NUL character, or null when there is none. A NUL never
 * belongs in a CSV text file: it means binary data or UTF-16 read without its byte-order mark.
 */
export function nulByteLine(text: string): number | null {
  const at = text.indexOf('\u0000');
  if (at < 0) return null;
  let line = 1;
  for (let index = 0; index < at; index++) {
    const code = text.charCodeAt(index);
    // CRLF counts once, a lone CR (old Mac files) as a line end of its own.
    if (code === LF || (code === CR && text.charCodeAt(index + 1) !== LF)) line++;
  }
  return line;
}

/** The outcome of {@link parseCsv}. */
export interface CsvParseResult {
  rows: CsvRow[];
  problems: CsvProblem[];
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const BOM = '\uFEFF';
const REPLACEMENT_CHAR = '\uFFFD';

/**
 * Splits CSV text into records.
 *
 * A record with a problem (broken quoting, bytes that were not UTF-8) is left out of `rows` and
 * listed in `problems`, so no caller imports a half-understood row by accident. Records whose
 * cells are all blank (empty lines, the `,,,` rows spreadsheets leave behind) are skipped.
 * Problem messages start with `line N:` so they can be shown as they are.
 */
export function parseCsv(text: string, options: { delimiter?: CsvDelimiter } = {}): CsvParseResult {
  const delimiter = (options.delimiter ?? ',').charCodeAt(0);
  const source = text.startsWith(BOM) ? text.slice(1) : text;
  const length = source.length;
  const mayHaveBadBytes = source.includes(REPLACEMENT_CHAR);
  const rows: CsvRow[] = [];
  const problems: CsvProblem[] = [];

  let index = 0;
  let line = 1;

  records: while (index < length) {
    const recordLine = line;
    const cells: string[] = [];
    let problem: CsvProblem | null = null;

    for (;;) {
      let value: string;
      // Blanks before an opening quote are tolerated: hand-written files often say `a, "b"`.
      let lookahead = index;
      while (lookahead < length && source.charCodeAt(lookahead) === SPACE) lookahead++;

      if (lookahead < length && source.charCodeAt(lookahead) === QUOTE) {
        const quoteIndex = lookahead;
        const quoteLine = line;
        index = quoteIndex + 1;
        let segmentStart = index;
        value = '';
        let closed = false;
        while (index < length) {
          const code = source.charCodeAt(index);
          if (code === QUOTE) {
            if (source.charCodeAt(index + 1) === QUOTE) {
              value += source.slice(segmentStart, index + 1);
              index += 2;
              segmentStart = index;
              continue;
            }
            value += source.slice(segmentStart, index);
            index++;
            closed = true;
            break;
          }
          if (code === LF || (code === CR && source.charCodeAt(index + 1) !== LF)) line++;
          index++;
        }

        if (!closed) {
          problems.push({
            line: quoteLine,
            message: `line ${quoteLine}: a quote opened in column ${cells.length + 1} is never closed; the row is skipped and reading goes on with the next line`,
          });
          // Resume on the line after the opening quote, so one stray quote costs one record
          // rather than the rest of the file.
          index = quoteIndex;
          while (index < length && !isLineBreak(source.charCodeAt(index))) index++;
          index = skipLineBreak(source, index);
          line = quoteLine + 1;
          continue records;
        }

        let after = index;
        while (after < length && source.charCodeAt(after) === SPACE) after++;
        if (after < length && !isFieldEnd(source.charCodeAt(after), delimiter)) {
          problem ??= {
            line,
            message: `line ${line}: text after the closing quote in column ${cells.length + 1}; quote the whole field and double any quote inside it`,
          };
          const junkStart = index;
          while (index < length && !isFieldEnd(source.charCodeAt(index), delimiter)) index++;
          value += source.slice(junkStart, index);
        } else {
          index = after;
        }
      } else {
        const start = index;
        while (index < length) {
          const code = source.charCodeAt(index);
          if (code === delimiter || code === LF || code === CR) break;
          if (code === QUOTE && problem === null) {
            problem = {
              line,
              message: `line ${line}: stray quote inside unquoted column ${cells.length + 1}; quote the whole field and double the quote inside it`,
            };
          }
          index++;
        }
        value = source.slice(start, index);
      }

      cells.push(value);

      if (index >= length) break;
      const terminator = source.charCodeAt(index);
      if (terminator === delimiter) {
        index++;
        continue;
      }
      index = skipLineBreak(source, index);
      line++;
      break;
    }

    if (problem !== null) {
      problems.push(problem);
      continue;
    }
    if (isBlankRecord(cells)) continue;
    if (mayHaveBadBytes && cells.some((cell) => cell.includes(REPLACEMENT_CHAR))) {
      problems.push({
        line: recordLine,
        message: `line ${recordLine}: contains bytes that are not valid UTF-8; save the file as UTF-8`,
      });
      continue;
    }
    rows.push({ line: recordLine, cells });
  }

  return { rows, problems };
}

/**
 * Decodes a CSV file's bytes to text. Honours UTF-8 and UTF-16 byte order marks; anything else
 * is read as UTF-8 without failing, so bad bytes surface as U+FFFD and {@link parseCsv} can name
 * the lines that hold them.
 */
export function decodeCsvFile(bytes: Uint8Array): { text: string; encoding: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    // Swapped by hand: a UTF-16BE decoder is only there when Node carries full ICU data.
    const body = bytes.subarray(2);
    const swapped = new Uint8Array(body.length - (body.length % 2));
    for (let i = 0; i + 1 < body.length; i += 2) {
      swapped[i] = body[i + 1]!;
      swapped[i + 1] = body[i]!;
    }
    const text = new TextDecoder('utf-16le').decode(swapped);
    return { text: body.length % 2 === 1 ? `${text}${REPLACEMENT_CHAR}` : text, encoding: 'utf-16be' };
  }
  return { text: new TextDecoder('utf-8', { fatal: false }).decode(bytes), encoding: 'utf-8' };
}

function isLineBreak(code: number): boolean {
  return code === LF || code === CR;
}

function isFieldEnd(code: number, delimiter: number): boolean {
  return code === delimiter || code === LF || code === CR;
}

function skipLineBreak(source: string, index: number): number {
  const code = source.charCodeAt(index);
  if (code === CR) return source.charCodeAt(index + 1) === LF ? index + 2 : index + 1;
  if (code === LF) return index + 1;
  return index;
}

function isBlankRecord(cells: readonly string[]): boolean {
  return cells.every((cell) => cell.trim() === '');
}
