import { useState, type FormEvent } from 'react';
import { SegmentedControl } from '../../components/segmented-control';
import { customRangeProblem, PERIOD_PRESET_LABELS, PERIOD_PRESETS, type DayRange, type PeriodPreset } from './period-presets';

/** The custom range's two days, applied with a button so a half-typed date never fires a request. */
function CustomRangeForm({ range, today, onApply }: { range: DayRange; today: string; onApply: (range: DayRange) => void }) {
  const [draft, setDraft] = useState<DayRange>(range);
  const [problem, setProblem] = useState<ReturnType<typeof customRangeProblem>>(null);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const found = customRangeProblem(draft, today);
    setProblem(found);
    if (!found) onApply(draft);
  };

  return (
    <form className="period-selector__custom" onSubmit={apply} noValidate>
      <label className="period-selector__field">
        <span>From</span>
        <input type="date" className="input input--small" max={today} value={draft.from} aria-invalid={problem?.field === 'from' || undefined} onChange={(event) => setDraft((current) => ({ ...current, from: event.target.value }))} data-testid="overview-period-from" />
      </label>
      <label className="period-selector__field">
        <span>To</span>
        <input type="date" className="input input--small" value={draft.to} aria-invalid={problem?.field === 'to' || undefined} onChange={(event) => setDraft((current) => ({ ...current, to: event.target.value }))} data-testid="overview-period-to" />
      </label>
      <button type="submit" className="button button--small" data-testid="overview-period-apply">
        Apply
      </button>
      {problem ? (
        <span className="period-selector__error text-danger" role="alert" data-testid="overview-period-error">
          {problem.message}
        </span>
      ) : null}
    </form>
  );
}

/** The period the dashboard covers: a preset, or a custom range of the site's local days. */
export function PeriodSelector({
  preset,
  custom,
  today,
  onPreset,
  onCustom,
}: {
  preset: PeriodPreset;
  custom: DayRange;
  today: string;
  onPreset: (preset: PeriodPreset) => void;
  onCustom: (range: DayRange) => void;
}) {
  return (
    <div className="period-selector" data-testid="overview-period">
      <SegmentedControl label="Period" value={preset} options={PERIOD_PRESETS.map((value) => ({ value, label: PERIOD_PRESET_LABELS[value] }))} onChange={onPreset} testId="overview-period-presets" />
      {/* Keyed by the applied range: choosing Custom after a preset starts the form from that preset's days. */}
      {preset === 'custom' ? <CustomRangeForm key={`${custom.from}:${custom.to}`} range={custom} today={today} onApply={onCustom} /> : null}
    </div>
  );
}
