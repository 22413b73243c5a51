import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { OVERDUE_AGE_BANDS } from '../../../../shared/domain/sla/sla-rules';
import { formatCount } from '../../lib/format';
import { AGE_BAND_LABELS, hasOverdue, overdueChartSummary, type OverdueChartRow } from './chart-data';
import { ChartCard } from './chart-card';
import type { ChartPalette } from './chart-palette';
import { ChartLegend, ChartTooltip } from './chart-tooltip';

/** The numbers behind the overdue chart. */
function OverdueBandTable({ rows }: { rows: readonly OverdueChartRow[] }) {
  return (
    <table className="simple-table overview-table">
      <caption className="overview-table__caption">By the tier the SLA is applied at: an unclassified asset counts at the default tier.</caption>
      <thead>
        <tr>
          <th scope="col">Tier applied</th>
          {OVERDUE_AGE_BANDS.map((band) => (
            <th key={band} scope="col" className="num">
              {AGE_BAND_LABELS[band]}
            </th>
          ))}
          <th scope="col" className="num">
            Total
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.label}>
            <th scope="row">{row.longLabel}</th>
            {OVERDUE_AGE_BANDS.map((band) => (
              <td key={band} className="num">
                {formatCount(row[band])}
              </td>
            ))}
            <td className="num cell-strong">{formatCount(row.total)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Overdue fixes per tier, stacked by how long they have been overdue. */
export function OverdueChart({ rows, palette }: { rows: readonly OverdueChartRow[]; palette: ChartPalette }) {
  const axisTick = { fill: palette.axis, fontSize: 12 };
  const any = hasOverdue(rows);
  return (
    <ChartCard
      title="Overdue by tier and age"
      subtitle="Fixes past SLA without an exception, by days overdue"
      summary={overdueChartSummary(rows)}
      testId="chart-overdue"
      legend={<ChartLegend entries={OVERDUE_AGE_BANDS.map((band) => ({ key: band, label: AGE_BAND_LABELS[band], color: palette.bands[band] }))} />}
      table={<OverdueBandTable rows={rows} />}
    >
      {any ? (
        <ResponsiveContainer width="100%" height={220}>
          <BarChart data={[...rows]} margin={{ top: 8, right: 4, bottom: 0, left: 0 }} barCategoryGap="30%">
            <CartesianGrid vertical={false} stroke={palette.grid} />
            <XAxis dataKey="label" tickLine={false} axisLine={{ stroke: palette.grid }} tick={axisTick} interval={0} />
            <YAxis allowDecimals={false} tickLine={false} axisLine={false} tick={axisTick} width={42} />
            <Tooltip cursor={{ fill: palette.cursor }} content={(props) => <ChartTooltip {...props} format={(value) => (typeof value === 'number' ? formatCount(value) : '—')} footer={(row) => `${formatCount(Number(row['total']))} overdue in all`} />} />
            {OVERDUE_AGE_BANDS.map((band, index) => (
              <Bar
                key={band}
                dataKey={band}
                name={AGE_BAND_LABELS[band]}
                stackId="overdue"
                fill={palette.bands[band]}
                maxBarSize={44}
                radius={index === OVERDUE_AGE_BANDS.length - 1 ? [3, 3, 0, 0] : 0}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      ) : (
        <div className="chart-card__empty">Nothing overdue: every missing fix is within its SLA or covered by an exception.</div>
      )}
    </ChartCard>
  );
}
