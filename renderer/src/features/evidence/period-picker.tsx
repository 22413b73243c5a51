import { useRef } from 'react';
import { SegmentedControl } from '../../components/segmented-control';
import { plural } from '../../lib/format';
import { dayCount, EVIDENCE_PERIOD_LABELS, EVIDENCE_PERIOD_PRESETS, periodProblem, type DayRange, type EvidencePeriodPreset } from './evidence-period';
import { formatPeriod } from './pack-format';

/**
 * The pack's period: a preset, or any range of the site's days. The dates always show the
 * preset's days, so the admin sees exactly what a preset means; typing a date makes it custom.
 */
export function PeriodPicker({
  preset,
  range,
  today,
  timeZone,
  onPreset,
  onRange,
}: {
  preset: EvidencePeriodPreset;
  range: DayRange;
  today: string;
  timeZone: string;
  onPreset: (preset: EvidencePeriodPreset) => void;
  onRange: (range: DayRange) => void;
}) {
  const fromRef = useRef<HTMLInputElement>(null);
  const problem = periodProblem(range, today);

  return (
    <section className="card evidence-period" aria-labelledby="evidence-period-title">
      <div className="evidence-period__head">
        <h2 className="evidence-card-title" id="evidence-period-title">
          Period
        </h2>
        <span className="muted small">Whole days in the site’s time zone ({timeZone})</span>
      </div>
      <div className="evidence-period__controls">
        <SegmentedControl
          label="Period"
          value={preset}
          options={EVIDENCE_PERIOD_PRESETS.map((value) => ({ value, label: EVIDENCE_PERIOD_LABELS[value] }))}
          onChange={(value) => {
            onPreset(value);
            if (value === 'custom') fromRef.current?.focus();
          }}
          testId="evidence-period-preset"
        />
        <div className="evidence-period__dates">
          <label className="evidence-period__field">
            <span>From</span>
            <input
              ref={fromRef}
              type="date"
              className="input evidence-period__input"
              max={today}
              value={range.from}
              aria-invalid={problem?.field === 'from' || undefined}
              aria-describedby="evidence-period-status"
              onChange={(event) => onRange({ ...range, from: event.target.value })}
              data-testid="evidence-from"
            />
          </label>
          <span className="evidence-period__dash" aria-hidden="true">
            –
          </span>
          <label className="evidence-period__field">
            <span>To</span>
            <input
              type="date"
              className="input evidence-period__input"
              max={today}
              value={range.to}
              aria-invalid={problem?.field === 'to' || undefined}
              aria-describedby="evidence-period-status"
              onChange={(event) => onRange({ ...range, to: event.target.value })}
              data-testid="evidence-to"
            />
          </label>
        </div>
      </div>
      <p id="evidence-period-status" className={`evidence-period__status${problem ? ' text-danger' : ' muted'}`} role={problem ? 'alert' : undefined} data-testid="evidence-period-status">
        {problem ? problem.message : `${formatPeriod(range.from, range.to)} · ${plural(dayCount(range), 'day')}`}
      </p>
    </section>
  );
}
