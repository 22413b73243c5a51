/** Timings a bench reads from the page. */
export interface PatchdeskMetrics {
  /** The last first-render of the asset table, from starting to render rows to rows in the DOM. */
  assetTableFirstRenderMs?: number;
  /** How many assets that render had. */
  assetTableFirstRenderRows?: number;
}

declare global {
  interface Window {
    __patchdeskMetrics?: PatchdeskMetrics;
  }
}

const START = 'patchdesk:asset-table:start';
const END = 'patchdesk:asset-table:end';
const MEASURE = 'patchdesk:asset-table:first-render';

/** Marks the start of a first render of the asset table. */
export function markAssetTableStart(): void {
  performance.clearMarks(START);
  performance.mark(START);
}

/** Marks the end, measures, and publishes the time on `window.__patchdeskMetrics`. */
export function markAssetTableEnd(rows: number): void {
  if (performance.getEntriesByName(START, 'mark').length === 0) return;
  performance.clearMarks(END);
  performance.mark(END);
  performance.clearMeasures(MEASURE);
  const measure = performance.measure(MEASURE, START, END);
  window.__patchdeskMetrics = { ...window.__patchdeskMetrics, assetTableFirstRenderMs: Math.round(measure.duration * 10) / 10, assetTableFirstRenderRows: rows };
}
