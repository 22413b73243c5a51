import { Icon } from './icon';

/**
 * The one obvious next step of a wizard step, as a sentence and a button. `warning` is for a
 * step that is about safety, not progress (a changed host key), so it must not look routine.
 */
export function NextStepBanner({ text, actionLabel, onAction, tone = 'default' }: { text: string; actionLabel?: string; onAction?: () => void; tone?: 'default' | 'warning' }) {
  return (
    <div className={`next-step${tone === 'warning' ? ' next-step--warning' : ''}`} data-testid="next-step" data-tone={tone}>
      {tone === 'warning' ? <Icon name="alert" className="icon next-step__icon" /> : null}
      <span className="next-step__label">{tone === 'warning' ? 'Check first' : 'Next step'}</span>
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
