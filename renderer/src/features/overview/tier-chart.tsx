import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { tierChartSummary, type TierChartRow } from './chart-data';
import { ChartCard } from './chart-card';
import { ChartLegend, ChartTooltip } from './chart-tooltip';
import { formatPercentValue } from './share-format';
import type { ChartPalette } from './chart-palette';

const PERCENT_TICKS = [0, 25, 50, 75, 100];

/** A bar's value label; nothing for a tier with nothing measured. */
const barLabel = (value: unknown) => (typeof value === 'number' ? `${Math.round(value)}%` : '');

/** A measured 0% gets a sliver of bar (and so its label); a tier with nothing measured gets none. */
const zeroSliver = (value: number | null | undefined) => (value === 0 ? 2 : 0);

/** Per tier, the share of assets fully patched and of missing fixes within SLA (grouped bars). */
export function TierChart({ rows, palette }: { rows: readonly TierChartRow[]; palette: ChartPalette }) {
  const axisTick = { fill: palette.axis, fontSize: 12 };
  return (
    <ChartCard
      title="By tier"
      subtitle="Assets fully patched, and missing fixes within SLA, at the end of the period"
      summary={tierChartSummary(rows)}
      testId="chart-tier"
      legend={
        <ChartLegend
          entries={[
            { key: 'patched', label: 'Fully patched (assets)', color: palette.fullyPatched },
            { key: 'sla', label: 'Within SLA (fixes)', color: palette.withinSla },
          ]}
        />
      }
    >
      <ResponsiveContainer width="100%" height={220}>
        <BarChart data={[...rows]} margin={{ top: 18, right: 4, bottom: 0, left: 0 }} barCategoryGap="22%" barGap={3}>
          <CartesianGrid vertical={false} stroke={palette.grid} />
          <XAxis dataKey="label" tickLine={false} axisLine={{ stroke: palette.grid }} tick={axisTick} interval={0} />
          <YAxis domain={[0, 100]} ticks={PERCENT_TICKS} tickFormatter={formatPercentValue} tickLine={false} axisLine={false} tick={axisTick} width={42} />
          <Tooltip cursor={{ fill: palette.cursor }} content={(props) => <ChartTooltip {...props} format={(value) => formatPercentValue(value)} footer={(row) => `${String(row['assets'])} assets`} />} />
          {/* Values sit on the bars, so a 0% bar says 0% rather than looking like missing data. */}
          <Bar dataKey="fullyPatched" name="Fully patched" fill={palette.fullyPatched} radius={[3, 3, 0, 0]} maxBarSize={26} minPointSize={zeroSliver} isAnimationActive={false}>
            <LabelList dataKey="fullyPatched" position="top" formatter={barLabel} fill={palette.axis} fontSize={11} />
          </Bar>
          <Bar dataKey="withinSla" name="Within SLA" fill={palette.withinSla} radius={[3, 3, 0, 0]} maxBarSize={26} minPointSize={zeroSliver} isAnimationActive={false}>
            <LabelList dataKey="withinSla" position="top" formatter={barLabel} fill={palette.axis} fontSize={11} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
