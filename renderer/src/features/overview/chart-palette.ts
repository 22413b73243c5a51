/**
 * The chart colours of the current theme. Recharts draws SVG with colour attributes, which do
 * not follow CSS variables reliably, so the colours are read from the theme's variables
 * (`--chart-*` in styles/screens.css) and passed in as values; a fallback keeps a chart readable
 * if a variable is missing.
 */
import type { OverdueAgeBand } from '../../../../shared/domain/sla/sla-rules';

/** Every colour a dashboard chart uses. */
export interface ChartPalette {
  fullyPatched: string;
  withinSla: string;
  overdue: string;
  bands: Record<OverdueAgeBand, string>;
  grid: string;
  axis: string;
  text: string;
  surface: string;
  border: string;
  cursor: string;
}

/** The light theme's colours, used when a variable cannot be read. */
export const FALLBACK_PALETTE: ChartPalette = {
  fullyPatched: '#1c7a45',
  withinSla: '#2f5bd8',
  overdue: '#eaa99c',
  bands: { '0-7': '#e9b949', '8-30': '#e08a3c', '31-90': '#cc5a2e', '90+': '#9c2419' },
  grid: '#eceef2',
  axis: '#5a6472',
  text: '#161b22',
  surface: '#ffffff',
  border: '#dfe3e8',
  cursor: '#eef0f4',
};

/** Reads the palette through `read` (a CSS variable's value, '' when unset). */
export function readPalette(read: (name: string) => string): ChartPalette {
  const pick = (name: string, fallback: string) => read(name).trim() || fallback;
  return {
    fullyPatched: pick('--chart-patched', FALLBACK_PALETTE.fullyPatched),
    withinSla: pick('--chart-sla', FALLBACK_PALETTE.withinSla),
    overdue: pick('--chart-overdue', FALLBACK_PALETTE.overdue),
    bands: {
      '0-7': pick('--chart-band-1', FALLBACK_PALETTE.bands['0-7']),
      '8-30': pick('--chart-band-2', FALLBACK_PALETTE.bands['8-30']),
      '31-90': pick('--chart-band-3', FALLBACK_PALETTE.bands['31-90']),
      '90+': pick('--chart-band-4', FALLBACK_PALETTE.bands['90+']),
    },
    grid: pick('--chart-grid', FALLBACK_PALETTE.grid),
    axis: pick('--chart-axis', FALLBACK_PALETTE.axis),
    text: pick('--text', FALLBACK_PALETTE.text),
    surface: pick('--surface', FALLBACK_PALETTE.surface),
    border: pick('--border', FALLBACK_PALETTE.border),
    cursor: pick('--chart-cursor', FALLBACK_PALETTE.cursor),
  };
}

/** True when two palettes draw the same (so a theme switch to the same colours does not re-render). */
export function samePalette(a: ChartPalette, b: ChartPalette): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
