import { Bar, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatCount } from '../../lib/format';
import { trendChartSummary, type TrendChartRow } from './chart-data';
import { ChartCard } from './chart-card';
import type { ChartPalette } from './chart-palette';
import { ChartLegend, ChartTooltip } from './chart-tooltip';
import { formatPercentValue } from './share-format';

const PERCENT_TICKS = [0, 25, 50, 75, 100];

/** The numbers behind the trend chart, newest month first. */
function TrendTable({ rows }: { rows: readonly TrendChartRow[] }) {
  return (
    <table className="simple-table overview-table">
      <thead>
        <tr>
          <th scope="col">Month</th>
          <th scope="col" className="num">
            Assets
          </th>
          <th scope="col" className="num">
            Fully patched
          </th>
          <th scope="col" className="num">
            Within SLA
          </th>
          <th scope="col" className="num">
            Overdue at month end
          </th>
          <th scope="col" className="num">
            Breaches in month
          </th>
        </tr>
      </thead>
      <tbody>
        {[...rows].reverse().map((row) => (
          <tr key={row.month}>
            <th scope="row">{row.longLabel}</th>
            <td className="num">{formatCount(row.assets)}</td>
            <td className="num">{formatPercentValue(row.fullyPatched)}</td>
            <td className="num">{formatPercentValue(row.withinSla)}</td>
            <td className="num">{formatCount(row.overdue)}</td>
            <td className="num">{formatCount(row.breaches)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Twelve months: fully patched and within-SLA shares (lines, left axis) and overdue fixes (bars, right axis). */
export function TrendChart({ rows, palette }: { rows: readonly TrendChartRow[]; palette: ChartPalette }) {
  const axisTick = { fill: palette.axis, fontSize: 12 };
  return (
    <ChartCard
      title="Twelve-month trend"
      subtitle="Measured at the end of each month; the last month ends with the period"
      summary={trendChartSummary(rows)}
      testId="chart-trend"
      className="chart-card--wide"
      legend={
        <ChartLegend
          entries={[
            { key: 'patched', label: 'Fully patched %', color: palette.fullyPatched, line: true },
            { key: 'sla', label: 'Within SLA %', color: palette.withinSla, line: true },
            { key: 'overdue', label: 'Overdue fixes (right axis)', color: palette.overdue },
          ]}
        />
      }
      table={<TrendTable rows={rows} />}
    >
      <ResponsiveContainer width="100%" height={286}>
        <ComposedChart data={[...rows]} margin={{ top: 8, right: 0, bottom: 0, left: 0 }}>
          <CartesianGrid vertical={false} stroke={palette.grid} />
          <XAxis dataKey="label" tickLine={false} axisLine={{ stroke: palette.grid }} tick={axisTick} interval={0} />
          <YAxis yAxisId="share" domain={[0, 100]} ticks={PERCENT_TICKS} tickFormatter={formatPercentValue} tickLine={false} axisLine={false} tick={axisTick} width={42} />
          <YAxis yAxisId="count" orientation="right" allowDecimals={false} tickLine={false} axisLine={false} tick={axisTick} width={40} />
          <Tooltip
            cursor={{ fill: palette.cursor }}
            content={(props) => <ChartTooltip {...props} format={(value, key) => (key === 'overdue' ? (typeof value === 'number' ? formatCount(value) : '—') : formatPercentValue(value))} footer={(row) => `${formatCount(Number(row['assets']))} assets · ${formatCount(Number(row['breaches']))} breaches in the month`} />}
          />
          <Bar yAxisId="count" dataKey="overdue" name="Overdue fixes" fill={palette.overdue} maxBarSize={22} radius={[2, 2, 0, 0]} isAnimationActive={false} />
          <Line yAxisId="share" dataKey="fullyPatched" name="Fully patched" type="monotone" stroke={palette.fullyPatched} strokeWidth={2} dot={{ r: 2.5, fill: palette.fullyPatched, strokeWidth: 0 }} activeDot={{ r: 4 }} connectNulls={false} isAnimationActive={false} />
          <Line yAxisId="share" dataKey="withinSla" name="Within SLA" type="monotone" stroke={palette.withinSla} strokeWidth={2} dot={{ r: 2.5, fill: palette.withinSla, strokeWidth: 0 }} activeDot={{ r: 4 }} connectNulls={false} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
