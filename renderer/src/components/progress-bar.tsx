/** A determinate progress bar with an accessible value. */
export function ProgressBar({ value, max, label, testId }: { value: number; max: number; label: string; testId?: string }) {
  const ratio = max > 0 ? Math.min(1, value / max) : 0;
  return (
    <div
      className="progress"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={value}
      data-testid={testId}
    >
      <div className="progress__fill" style={{ transform: `scaleX(${ratio})` }} />
    </div>
  );
}
