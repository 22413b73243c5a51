/**
 * Test helper: all the text of a pdfmake content tree, in reading order, one piece per line, so
 * section tests can check what a section says without rendering a PDF. SVG charts contribute
 * the text of their `<text>` elements. Zero-width break hints are removed.
 */

function walk(node: unknown, out: string[]): void {
  if (node === null || node === undefined) return;
  if (typeof node === 'string' || typeof node === 'number') {
    out.push(String(node).replace(/\u200B/g, ''));
    return;
  }
  if (Array.isArray(node)) {
    for (const child of node) walk(child, out);
    return;
  }
  if (typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  if (typeof record.svg === 'string') {
    for (const match of record.svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)) out.push((match[1] ?? '').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'"));
  }
  for (const key of ['text', 'stack', 'columns', 'ul', 'ol', 'section']) if (key in record) walk(record[key], out);
  const table = record.table as { body?: unknown } | undefined;
  if (table?.body) walk(table.body, out);
}

/** The text of a content tree, pieces joined by newlines. */
export function contentText(content: unknown): string {
  const out: string[] = [];
  walk(content, out);
  return out.join('\n');
}
