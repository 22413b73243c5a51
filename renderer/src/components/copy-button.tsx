import { useEffect, useState } from 'react';
import { Icon } from './icon';

/**
 * Copies a text to the clipboard and says so for a moment. Where the clipboard is refused (an
 * insecure origin, a denied permission) it says that instead, so the admin selects the text by hand.
 */
export function CopyButton({ text, label, testId }: { text: string; label: string; testId?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const timer = window.setTimeout(() => setState('idle'), 2000);
    return () => window.clearTimeout(timer);
  }, [state]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  };

  return (
    <button type="button" className="button button--small" onClick={() => void copy()} aria-label={label} title={label} data-testid={testId} data-state={state}>
      {state === 'copied' ? (
        <Icon name="check" size={14} />
      ) : (
        // Two sheets: the usual copy glyph (the shared icon set has none).
        <svg width={14} height={14} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" className="icon">
          <path d="M9 9h11v11H9zM5 15H4V4h11v1" />
        </svg>
      )}
      <span aria-live="polite">{state === 'copied' ? 'Copied' : state === 'failed' ? 'Select and copy' : 'Copy'}</span>
    </button>
  );
}
