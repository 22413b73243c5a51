import { useEffect, type ReactNode } from 'react';
import { Icon } from '../../components/icon';

/** A full-page message for states where the product cannot be used yet. */
export function FullPageMessage({ title, children, testId }: { title: string; children: ReactNode; testId: string }) {
  return (
    <main className="full-page" data-testid={testId}>
      <div className="full-page__card">
        <div className="full-page__icon">
          <Icon name="lock" size={22} />
        </div>
        <h1 className="full-page__title">{title}</h1>
        {children}
      </div>
    </main>
  );
}

/** The browser page was opened without a token, or the host refused it. */
export function TokenScreen({ reason }: { reason: 'missing' | 'refused' }) {
  useEffect(() => {
    // Pasting the printed URL into this tab only changes the hash, which does not reload the page.
    const onHash = () => {
      if (/token=/.test(window.location.hash)) window.location.reload();
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return (
    <FullPageMessage title={reason === 'missing' ? 'Open Patchdesk from its link' : 'This session has ended'} testId="token-screen">
      <p>
        {reason === 'missing'
          ? 'This page needs the one-time session link the Patchdesk host prints when it starts.'
          : 'The Patchdesk host did not accept this page’s session token, usually because the host was restarted.'}
      </p>
      <ol className="full-page__steps">
        <li>
          Find the terminal where you ran <code>npm run serve</code> (or run it now).
        </li>
        <li>
          Open the address it printed after <strong>Open:</strong>, which looks like <code>http://127.0.0.1:47800/#token=…</code>.
        </li>
      </ol>
      <p className="muted small">The token keeps other programs on this computer from using Patchdesk. It is removed from the address bar once the page has read it.</p>
    </FullPageMessage>
  );
}

/** A calm placeholder while the first data arrives, sized like the app so nothing jumps. */
export function LoadingScreen() {
  return (
    <main className="full-page" aria-busy="true" data-testid="loading-screen">
      <span className="spinner" aria-label="Loading Patchdesk" role="status" />
    </main>
  );
}
