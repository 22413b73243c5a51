import { errorMessage } from '../../api/api-client-error';
import { useConnectionState } from '../../api/use-connection-state';
import { InlineAlert } from '../../components/inline-alert';
import { ScanProvider } from '../discovery/scan-context';
import { CollectProvider } from '../patch-status/collect-context';
import { CurrentSiteProvider, useCurrentSite } from '../sites/current-site-context';
import { WelcomeScreen } from '../sites/welcome-screen';
import { AppShell } from './app-shell';
import { FullPageMessage, LoadingScreen, TokenScreen } from './boot-screens';
import { TopBar } from './top-bar';

/** Decides what the whole window shows: token problem, loading, first run, or the product. */
export function AppRoot() {
  const connection = useConnectionState();
  if (connection.status === 'unauthorized') return <TokenScreen reason="refused" />;
  return (
    <CurrentSiteProvider>
      <ScanProvider>
        <CollectProvider>
          <SiteGate />
        </CollectProvider>
      </ScanProvider>
    </CurrentSiteProvider>
  );
}

function SiteGate() {
  const { sites, loading, error, retry } = useCurrentSite();
  if (loading && sites.length === 0) return <LoadingScreen />;
  if (error && sites.length === 0) {
    return (
      <FullPageMessage title="Patchdesk cannot reach its data" testId="load-error">
        <InlineAlert>{errorMessage(error)}</InlineAlert>
        <button type="button" className="button button--primary" onClick={retry}>
          Try again
        </button>
      </FullPageMessage>
    );
  }
  if (sites.length === 0) {
    return (
      <div className="app app--welcome">
        <TopBar />
        <WelcomeScreen />
      </div>
    );
  }
  return <AppShell />;
}
