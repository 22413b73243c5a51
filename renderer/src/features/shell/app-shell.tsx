import { useState } from 'react';
import { Icon } from '../../components/icon';
import { ChecklistScreen } from '../checklist/checklist-screen';
import { CredentialsScreen } from '../credentials/credentials-screen';
import { ScanScreen } from '../discovery/scan-screen';
import { EvidenceScreen } from '../evidence/evidence-screen';
import { ExceptionsScreen } from '../exceptions/exceptions-screen';
import { InventoryScreen } from '../inventory/inventory-screen';
import { useSiteAssets } from '../inventory/use-assets';
import { PatchStatusScreen } from '../patch-status/patch-status-screen';
import { useRequiredSite } from '../sites/current-site-context';
import { LazyOverviewScreen } from '../overview/lazy-overview-screen';
import { useLandingRedirect } from '../overview/use-landing';
import { NewSiteDialog } from '../sites/new-site-dialog';
import { SiteSettingsScreen } from '../sites/site-settings-screen';
import { TiersScreen } from '../tiers/tiers-screen';
import { TriageScreen } from '../triage/triage-screen';
import { TriageSearch } from '../triage/triage-search';
import { ScanIndicator } from './scan-indicator';
import { SiteSwitcher } from './site-switcher';
import { TopBar } from './top-bar';
import { useRoute } from './use-route';
import { WizardRail } from './wizard-rail';

/** The product frame once a site exists: top bar, the steps rail, and the current screen. */
export function AppShell() {
  const site = useRequiredSite();
  const { route, navigate } = useRoute();
  const assets = useSiteAssets(site.id);
  const [creatingSite, setCreatingSite] = useState(false);
  // A bare URL opens the overview once the site has assets; until that is known, show no screen rather than flash another.
  const deciding = useLandingRedirect(assets);

  return (
    <div className="app">
      <TopBar>
        <SiteSwitcher />
        <button type="button" className="button button--ghost" onClick={() => setCreatingSite(true)} data-testid="new-site">
          <Icon name="plus" />
          New site
        </button>
        <ScanIndicator />
        <TriageSearch onTriage={(id) => navigate({ screen: 'triage', id })} />
      </TopBar>
      <div className="app__body">
        <WizardRail route={route} assets={assets.data} onNavigate={navigate} />
        <main className="app__main" key={site.id}>
          {deciding ? null : route.screen === 'overview' ? <LazyOverviewScreen /> : null}
          {deciding ? null : route.screen === 'inventory' ? <InventoryScreen view={route.view} /> : null}
          {route.screen === 'scan' ? <ScanScreen /> : null}
          {route.screen === 'tiers' ? <TiersScreen tab={route.tab} /> : null}
          {route.screen === 'status' ? <PatchStatusScreen tab={route.tab} /> : null}
          {route.screen === 'credentials' ? <CredentialsScreen /> : null}
          {route.screen === 'checklist' ? <ChecklistScreen route={route} /> : null}
          {route.screen === 'exceptions' ? <ExceptionsScreen tab={route.tab} /> : null}
          {route.screen === 'evidence' ? <EvidenceScreen tab={route.tab} /> : null}
          {route.screen === 'settings' ? <SiteSettingsScreen /> : null}
          {route.screen === 'triage' ? <TriageScreen key={route.id} id={route.id} /> : null}
        </main>
      </div>
      {creatingSite ? <NewSiteDialog onClose={() => setCreatingSite(false)} /> : null}
    </div>
  );
}
