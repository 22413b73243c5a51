import { Icon } from './icon';

/** The one obvious next step of a wizard step, as a sentence and a button. */
export function NextStepBanner({ text, actionLabel, onAction }: { text: string; actionLabel?: string; onAction?: () => void }) {
  return (
    <div className="next-step" data-testid="next-step">
      <span className="next-step__label">Next step</span>
      <span className="next-step__text" data-testid="next-step-text">
        {text}
      </span>
      {actionLabel && onAction ? (
        <button type="button" className="button button--primary button--small" onClick={onAction} data-testid="next-step-action">
          {actionLabel}
          <Icon name="chevronRight" size={14} />
        </button>
      ) : null}
    </div>
  );
}
