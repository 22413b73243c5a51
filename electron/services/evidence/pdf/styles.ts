/**
 * The evidence PDF's look: a calm palette, a small type scale and one table layout. Insurers and
 * auditors read these packs, so colour marks state (green within SLA, amber due soon, red
 * overdue) and nothing else.
 */
import type { ContentTable, CustomTableLayout, StyleDictionary } from 'pdfmake/interfaces';

/** The palette. Hex strings, used by both the pdfmake styles and the SVG charts. */
export const COLOURS = {
  ink: '#1d2530',
  muted: '#5b6675',
  faint: '#8a94a3',
  rule: '#cfd6df',
  hairline: '#e3e8ee',
  headerFill: '#e9eef4',
  zebra: '#f6f8fa',
  panel: '#f3f6f9',
  brand: '#1f3a5f',
  accent: '#2f6f9f',
  ok: '#2e7d5b',
  okLight: '#9fd0b6',
  warn: '#c7811e',
  bad: '#b23b3b',
  excepted: '#7b6fb0',
  bands: ['#f2c6b8', '#e38f74', '#c9553a', '#8e2a1d'] as readonly string[],
} as const;

/** The body font; registered from pdfmake's bundled Roboto (see pdf-fonts.ts). */
export const FONT = 'Roboto';

/** Page margins [left, top, right, bottom] in points; the top and bottom leave room for the running header and footer. */
export const PAGE_MARGINS: [number, number, number, number] = [42, 58, 42, 50];

/** Named styles used by the sections. */
export const STYLES: StyleDictionary = {
  h1: { fontSize: 15, bold: true, color: COLOURS.brand, margin: [0, 0, 0, 4] },
  h2: { fontSize: 10.5, bold: true, color: COLOURS.brand, margin: [0, 12, 0, 5] },
  h3: { fontSize: 9, bold: true, color: COLOURS.ink, margin: [0, 8, 0, 3] },
  lead: { fontSize: 8.5, color: COLOURS.muted, margin: [0, 0, 0, 8] },
  body: { fontSize: 8.5, color: COLOURS.ink },
  small: { fontSize: 7, color: COLOURS.muted },
  empty: { fontSize: 8.5, italics: true, color: COLOURS.muted, margin: [0, 2, 0, 6] },
  th: { fontSize: 7, bold: true, color: COLOURS.ink },
  td: { fontSize: 7.5, color: COLOURS.ink },
  tdSmall: { fontSize: 6.8, color: COLOURS.ink },
  kpiValue: { fontSize: 17, bold: true, color: COLOURS.brand },
  kpiLabel: { fontSize: 7, color: COLOURS.muted },
  mono: { fontSize: 7.5, color: COLOURS.ink, characterSpacing: 0.2 },
};

/** The default text style of the document. */
export const DEFAULT_STYLE = { font: FONT, fontSize: 8.5, color: COLOURS.ink, lineHeight: 1.15 };

/**
 * The one table layout: a rule under the header row, hairlines between rows, light zebra
 * striping and no vertical lines, so dense tables stay readable when printed in grey.
 */
export const TABLE_LAYOUT: CustomTableLayout = tableLayout(0);

/** The same layout for a table whose first header row is its caption (no lines or fill around it). */
export const CAPTIONED_TABLE_LAYOUT: CustomTableLayout = tableLayout(1);

/** Cancels the cell padding around a caption, so it lines up with the text outside tables. */
export const CAPTION_MARGIN: [number, number, number, number] = [-4, -2.6, -4, -2.6];

function tableLayout(captionRows: number): CustomTableLayout {
  const strong = (i: number, node: ContentTable) => i === captionRows || i === (node.table.headerRows ?? 0) || i === node.table.body.length;
  return {
    hLineWidth: (i, node) => (i < captionRows ? 0 : strong(i, node) ? 0.8 : 0.3),
    hLineColor: (i, node) => (strong(i, node) ? COLOURS.rule : COLOURS.hairline),
    vLineWidth: () => 0,
    paddingLeft: () => 4,
    paddingRight: () => 4,
    paddingTop: () => 2.6,
    paddingBottom: () => 2.6,
    fillColor: (row, node) => {
      const headerRows = node.table.headerRows ?? 0;
      if (row < captionRows) return null;
      if (row < headerRows) return COLOURS.headerFill;
      return (row - headerRows) % 2 === 1 ? COLOURS.zebra : null;
    },
  };
}

/** A layout without any lines, for key/value blocks and the tiles. */
export const PLAIN_LAYOUT: CustomTableLayout = {
  hLineWidth: () => 0,
  vLineWidth: () => 0,
  paddingLeft: () => 0,
  paddingRight: () => 8,
  paddingTop: () => 1.5,
  paddingBottom: () => 1.5,
};
