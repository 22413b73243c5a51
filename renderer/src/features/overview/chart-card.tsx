import type { ReactNode } from 'react';

/**
 * A chart with its title, a sentence saying what it shows (its accessible name), its legend, and
 * the same numbers as a table behind "Show the numbers": a chart is never the only place a figure
 * appears.
 */
export function ChartCard({
  title,
  subtitle,
  summary,
  legend,
  table,
  testId,
  className = '',
  children,
}: {
  title: string;
  subtitle?: string;
  /** What the chart says, in one sentence, for screen readers. */
  summary: string;
  legend?: ReactNode;
  table?: ReactNode;
  testId: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <figure className={`overview-card chart-card ${className}`.trim()} data-testid={testId}>
      <figcaption className="chart-card__head">
        <h2 className="overview-card__title">{title}</h2>
        {subtitle ? <p className="overview-card__subtitle">{subtitle}</p> : null}
      </figcaption>
      {legend}
      <div className="chart-card__plot" role="img" aria-label={summary}>
        {children}
      </div>
      {table ? (
        <details className="chart-card__data">
          <summary>Show the numbers</summary>
          <div className="table-scroll">{table}</div>
        </details>
      ) : null}
    </figure>
  );
}
