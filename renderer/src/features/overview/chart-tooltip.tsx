import type { TooltipContentProps } from 'recharts';

/** How a tooltip line writes its value. */
export type TooltipValueFormat = (value: unknown, dataKey: string) => string;

/**
 * The dashboard's chart tooltip: the group's long label, then one line per series with its swatch.
 * Styled by CSS classes, so it follows the theme without inline colours (the swatch excepted).
 */
export function ChartTooltip({ active, payload, format, footer }: Pick<TooltipContentProps<number, string>, 'active' | 'payload'> & { format: TooltipValueFormat; footer?: (row: Record<string, unknown>) => string }) {
  if (!active || !payload || payload.length === 0) return null;
  const row = (payload[0]?.payload ?? {}) as Record<string, unknown>;
  const title = typeof row['longLabel'] === 'string' ? row['longLabel'] : String(row['label'] ?? '');
  const note = footer?.(row) ?? '';
  return (
    <div className="chart-tooltip">
      <div className="chart-tooltip__title">{title}</div>
      <ul className="chart-tooltip__list">
        {[...payload].reverse().map((entry) => (
          <li key={String(entry.dataKey)} className="chart-tooltip__item">
            <span className="chart-swatch" style={{ background: entry.color ?? entry.fill }} aria-hidden="true" />
            <span className="chart-tooltip__name">{entry.name}</span>
            <span className="chart-tooltip__value">{format(entry.value, String(entry.dataKey))}</span>
          </li>
        ))}
      </ul>
      {note ? <div className="chart-tooltip__note">{note}</div> : null}
    </div>
  );
}

/** One entry of a chart's legend. */
export interface LegendEntry {
  key: string;
  label: string;
  color: string;
  /** Draws a line sample instead of a square (for line series). */
  line?: boolean;
}

/** A chart legend in HTML, so it wraps and reads like the rest of the page. */
export function ChartLegend({ entries }: { entries: readonly LegendEntry[] }) {
  return (
    <ul className="chart-legend">
      {entries.map((entry) => (
        <li key={entry.key} className="chart-legend__item">
          <span className={`chart-swatch${entry.line ? ' chart-swatch--line' : ''}`} style={{ background: entry.color }} aria-hidden="true" />
          {entry.label}
        </li>
      ))}
    </ul>
  );
}
