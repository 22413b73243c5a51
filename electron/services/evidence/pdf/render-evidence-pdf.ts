/**
 * Renders an evidence report to PDF bytes with pdfmake in Node. The same report gives the same
 * bytes (fonts, metadata and dates all come from the report), and the renderer cannot reach the
 * network or read any file outside the font folder, whatever the report contains.
 */
import type { EvidenceReport } from '../evidence-report';
import { evidenceDocument } from './document-definition';
import { bundledFontDirectory, isInsideDirectory, robotoFonts } from './pdf-fonts';

/** Options of `renderEvidencePdf`. */
export interface RenderEvidencePdfOptions {
  /** A folder holding Roboto-Regular/Medium/Italic/MediumItalic.ttf; defaults to pdfmake's own. */
  fontDirectory?: string;
}

/** The report as a PDF. */
export async function renderEvidencePdf(report: EvidenceReport, options: RenderEvidencePdfOptions = {}): Promise<Uint8Array> {
  // Loaded on first use: pdfmake and its fonts cost a CLI start ~100 ms that most commands never need.
  const { default: pdfmake } = await import('pdfmake');
  const fontDirectory = options.fontDirectory ?? bundledFontDirectory();
  // pdfmake keeps fonts and policies on one shared instance; setting all three on every render
  // keeps one caller's settings from leaking into another's.
  pdfmake.setFonts(robotoFonts(fontDirectory));
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((file) => isInsideDirectory(file, fontDirectory));
  const buffer = await pdfmake.createPdf(evidenceDocument(report)).getBuffer();
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
