/** Timings a bench reads from the page. */
export interface PatchdeskMetrics {
  /** The last first-render of the asset table, from starting to render rows to rows in the DOM. */
  assetTableFirstRenderMs?: number;
  /** How many assets that render had. */
  assetTableFirstRenderRows?: number;
  /** Patch status with CVE data: from the render in which both the fleet and the site's vulnerabilities have arrived to the commit that shows the rows with their KEV and EPSS columns. */
  patchStatusCveRenderMs?: number;
  /** How many host rows that render had. */
  patchStatusCveRenderRows?: number;
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

const CVE_START = 'patchdesk:patch-status-cve:start';
const CVE_END = 'patchdesk:patch-status-cve:end';
const CVE_MEASURE = 'patchdesk:patch-status-cve:render';

/** Marks the render in which the patch-status screen first has both its rows and their CVE data. */
export function markPatchStatusCveStart(): void {
  performance.clearMarks(CVE_START);
  performance.mark(CVE_START);
}

/** Marks the commit that shows those rows, and publishes the time on `window.__patchdeskMetrics`. */
export function markPatchStatusCveEnd(rows: number): void {
  if (performance.getEntriesByName(CVE_START, 'mark').length === 0) return;
  performance.clearMarks(CVE_END);
  performance.mark(CVE_END);
  performance.clearMeasures(CVE_MEASURE);
  const measure = performance.measure(CVE_MEASURE, CVE_START, CVE_END);
  window.__patchdeskMetrics = { ...window.__patchdeskMetrics, patchStatusCveRenderMs: Math.round(measure.duration * 10) / 10, patchStatusCveRenderRows: rows };
}
