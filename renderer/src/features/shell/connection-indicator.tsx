import { useEffect, useState } from 'react';
import { useConnectionState } from '../../api/use-connection-state';

/** A dot and a word: is the live event stream there (scan progress depends on it)? */
export function ConnectionIndicator() {
  const state = useConnectionState();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (state.status !== 'reconnecting') return;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [state.status]);

  const [tone, label, detail] = (() => {
    switch (state.status) {
      case 'local':
        return ['ok', 'Desktop', 'Connected to the Patchdesk main process'] as const;
      case 'open':
        return ['ok', 'Live', 'Connected to the Patchdesk host; scan progress arrives live'] as const;
      case 'connecting':
        return ['pending', 'Connecting…', 'Opening the live connection to the host'] as const;
      case 'reconnecting': {
        const seconds = Math.max(0, Math.ceil((state.retryAt - now) / 1000));
        return ['warning', seconds > 0 ? `Reconnecting in ${seconds} s` : 'Reconnecting…', 'The live connection dropped; live scan progress pauses until it is back'] as const;
      }
      case 'unauthorized':
        return ['error', 'Not signed in', 'The host refused the session token'] as const;
    }
  })();

  return (
    <span className={`connection connection--${tone}`} role="status" title={detail} data-testid="connection-indicator" data-state={state.status}>
      <span className="connection__dot" aria-hidden="true" />
      <span className="connection__label">{label}</span>
    </span>
  );
}
