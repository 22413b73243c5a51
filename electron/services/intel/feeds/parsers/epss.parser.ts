/**
 * FIRST EPSS daily scores (CSV, plain or gzip): formats.md §5.2. About 300,000 rows, so the file
 * is read as a stream of lines, never split whole. The format changed over time: the first files
 * had `cve,epss` only, later ones a percentile, and since 2022 a first line
 * `#model_version:v2022.01.01,score_date:2022-02-04T00:00:00+0000`. Columns are found by header
 * name, decimals may have any length, rows come in any order.
 */
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { CVE_ID_PATTERN, FeedFormatError, shown } from '../feed-error';

export interface ParsedEpss {
  modelVersion: string | null;
  /** ISO-8601 UTC of the score date (from the comment line, else the file name), or null. */
  scoreDate: string | null;
  cveIds: string[];
  scores: Float64Array;
  /** NaN where the file has no percentile column. */
  percentiles: Float64Array | null;
  warnings: string[];
}

const NUMBER = /^(0|1)(\.\d+)?$|^\.\d+$|^\d(\.\d+)?[eE]-?\d+$/;

/** Reads EPSS rows from a byte stream; `gzip` says whether to inflate it first. */
export async function parseEpssStream(input: Readable, what: string, options: { gzip: boolean; fileName: string }): Promise<ParsedEpss> {
  const source = options.gzip ? input.pipe(createGunzip()) : input;
  if (options.gzip) input.on('error', (error) => source.destroy(error));
  const decoder = new TextDecoder('utf-8', { fatal: false });
  const state = new EpssState(what);
  let rest = '';
  try {
    for await (const chunk of source) {
      const text = rest + decoder.decode(chunk as Buffer, { stream: true });
      let start = 0;
      for (let end = text.indexOf('\n', start); end >= 0; end = text.indexOf('\n', start)) {
        state.line(text.slice(start, end));
        start = end + 1;
      }
      rest = text.slice(start);
    }
  } catch (error) {
    if (error instanceof FeedFormatError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'Z_BUF_ERROR' || /unexpected end of file/i.test((error as Error).message)) throw new FeedFormatError(`${what} is truncated: the gzip stream ends early`);
    if (code === 'Z_DATA_ERROR') throw new FeedFormatError(`${what} is not a valid gzip file (${(error as Error).message})`);
    throw error;
  }
  rest += decoder.decode();
  if (rest.trim() !== '') throw new FeedFormatError(`${what} is truncated: its last line "${shown(rest, 40)}" has no line end`);
  return state.finish(options.fileName);
}

class EpssState {
  private lineNumber = 0;
  private modelVersion: string | null = null;
  private scoreDate: string | null = null;
  private columns: { cve: number; epss: number; percentile: number } | null = null;
  private readonly cveIds: string[] = [];
  private scores = new Float64Array(1 << 16);
  private percentiles = new Float64Array(1 << 16);
  private readonly seen = new Set<string>();
  private duplicates = 0;

  constructor(private readonly what: string) {}

  line(raw: string): void {
    this.lineNumber++;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line === '') return;
    if (line.startsWith('#')) return this.comment(line);
    if (!this.columns) return this.header(line);
    const cells = line.split(',');
    const cve = unquote(cells[this.columns.cve]);
    const score = unquote(cells[this.columns.epss]);
    const percentile = this.columns.percentile >= 0 ? unquote(cells[this.columns.percentile]) : undefined;
    if (!CVE_ID_PATTERN.test(cve)) throw this.bad(`"${shown(cve, 30)}" is not a CVE id`);
    if (!NUMBER.test(score) || Number(score) > 1) throw this.bad(`the score "${shown(score, 30)}" of ${cve} is not a number from 0 to 1`);
    if (percentile !== undefined && (!NUMBER.test(percentile) || Number(percentile) > 1)) throw this.bad(`the percentile "${shown(percentile, 30)}" of ${cve} is not a number from 0 to 1`);
    if (this.seen.has(cve)) this.duplicates++;
    this.seen.add(cve);
    const index = this.cveIds.length;
    if (index === this.scores.length) this.grow();
    this.cveIds.push(cve);
    this.scores[index] = Number(score);
    this.percentiles[index] = percentile === undefined ? Number.NaN : Number(percentile);
  }

  finish(fileName: string): ParsedEpss {
    if (!this.columns) throw new FeedFormatError(`${this.what} is not an EPSS file: it has no "cve,epss" header line`);
    if (this.cveIds.length === 0) throw new FeedFormatError(`${this.what} has an EPSS header but no scores (truncated?)`);
    const warnings = this.duplicates > 0 ? [`${this.duplicates} CVE ids appear more than once; the last score of each was kept`] : [];
    const fromName = /epss_scores-(\d{4}-\d{2}-\d{2})/.exec(fileName)?.[1];
    const scoreDate = this.scoreDate ?? (fromName ? `${fromName}T00:00:00.000Z` : null);
    const count = this.cveIds.length;
    return {
      modelVersion: this.modelVersion,
      scoreDate,
      cveIds: this.cveIds,
      scores: this.scores.subarray(0, count),
      percentiles: this.columns.percentile >= 0 ? this.percentiles.subarray(0, count) : null,
      warnings,
    };
  }

  private comment(line: string): void {
    for (const part of line.slice(1).split(',')) {
      const colon = part.indexOf(':');
      if (colon < 0) continue;
      const key = part.slice(0, colon).trim().toLowerCase();
      const value = part.slice(colon + 1).trim();
      if (key === 'model_version') this.modelVersion = value;
      if (key === 'score_date') {
        const normalised = value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
        const at = Date.parse(normalised);
        if (Number.isNaN(at)) throw this.bad(`score_date "${shown(value, 40)}" is not a date`);
        this.scoreDate = new Date(at).toISOString();
      }
    }
  }

  private header(line: string): void {
    const names = line.split(',').map((cell) => unquote(cell).toLowerCase());
    const cve = names.indexOf('cve');
    const epss = names.indexOf('epss');
    if (cve < 0 || epss < 0) throw new FeedFormatError(`${this.what} is not an EPSS file: line ${this.lineNumber} should be the header "cve,epss[,percentile]", found "${shown(line, 40)}"`);
    this.columns = { cve, epss, percentile: names.indexOf('percentile') };
  }

  private grow(): void {
    const scores = new Float64Array(this.scores.length * 2);
    scores.set(this.scores);
    this.scores = scores;
    const percentiles = new Float64Array(this.percentiles.length * 2);
    percentiles.set(this.percentiles);
    this.percentiles = percentiles;
  }

  private bad(reason: string): FeedFormatError {
    return new FeedFormatError(`${this.what}, line ${this.lineNumber}: ${reason}`);
  }
}

function unquote(cell: string | undefined): string {
  const value = (cell ?? '').trim();
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
}
