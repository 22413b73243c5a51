import type { ReactNode } from 'react';

/** One option of a segmented control. */
export interface SegmentOption<V extends string> {
  value: V;
  label: string;
  icon?: ReactNode;
  /** Show only the icon; the label stays the accessible name. */
  iconOnly?: boolean;
}

/** A row of mutually exclusive toggle buttons (a radio group that looks like buttons). */
export function SegmentedControl<V extends string>({ label, value, options, onChange, testId }: { label: string; value: V; options: readonly SegmentOption<V>[]; onChange: (value: V) => void; testId?: string }) {
  return (
    <div className="segmented" role="radiogroup" aria-label={label} data-testid={testId}>
      {options.map((option) => (
        <button
          key={option.value}
          type="button"
          role="radio"
          aria-checked={option.value === value}
          aria-label={option.iconOnly ? option.label : undefined}
          title={option.iconOnly ? option.label : undefined}
          className="segmented__option"
          onClick={() => onChange(option.value)}
        >
          {option.icon}
          {option.iconOnly ? null : <span>{option.label}</span>}
        </button>
      ))}
    </div>
  );
}
