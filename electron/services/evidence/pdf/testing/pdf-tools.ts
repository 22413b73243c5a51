/**
 * Test helpers that check rendered PDFs with the real Poppler and qpdf tools, the way a reader's
 * viewer would see them: text extraction, document information, structure checks and word boxes.
 * Only tests import this.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from '../../../../test-support/temp-dir';

/** Writes PDF bytes to a fresh temporary file and returns its path. */
export function writeTempPdf(bytes: Uint8Array, name = 'evidence.pdf'): string {
  const file = join(makeTempDir('patchdesk-pdf-'), name);
  writeFileSync(file, bytes);
  return file;
}

/** `pdftotext -layout` output (UTF-8); pages are separated by form feeds. */
export function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** `pdfinfo` fields by name (`Title`, `Pages`, `CreationDate`...). */
export function pdfInfo(file: string): Record<string, string> {
  const out = execFileSync('pdfinfo', ['-isodates', file], { encoding: 'utf8' });
  const fields: Record<string, string> = {};
  for (const line of out.split('\n')) {
    const match = /^([^:]+):\s*(.*)$/.exec(line);
    if (match?.[1]) fields[match[1].trim()] = (match[2] ?? '').trim();
  }
  return fields;
}

/** `qpdf --check`: its exit status and output. */
export function qpdfCheck(file: string): { status: number | null; output: string } {
  const result = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** A word's box on a page, in points. */
export interface WordBox {
  page: number;
  pageWidth: number;
  pageHeight: number;
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
  text: string;
}

/** Every word's bounding box, from `pdftotext -bbox`. */
export function wordBoxes(file: string): WordBox[] {
  const html = execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const boxes: WordBox[] = [];
  let page = 0;
  let pageWidth = 0;
  let pageHeight = 0;
  for (const match of html.matchAll(/<page width="([\d.]+)" height="([\d.]+)">|<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
    if (match[1] !== undefined) {
      page += 1;
      pageWidth = Number(match[1]);
      pageHeight = Number(match[2]);
    } else {
      boxes.push({ page, pageWidth, pageHeight, xMin: Number(match[3]), yMin: Number(match[4]), xMax: Number(match[5]), yMax: Number(match[6]), text: match[7] ?? '' });
    }
  }
  return boxes;
}
