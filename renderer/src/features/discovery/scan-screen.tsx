import { errorMessage } from '../../api/api-client-error';
import { Icon } from '../../components/icon';
import { InlineAlert } from '../../components/inline-alert';
import { useRoute } from '../shell/use-route';
import { useRequiredSite } from '../sites/current-site-context';
import { ScanFormPanel } from './scan-form-panel';
import { ScanHistoryTable } from './scan-history-table';
import { ScanLivePanel } from './scan-live-panel';
import { isRunning } from './scan-state';
import { useCurrentScan, useScanHistory } from './use-scan-jobs';

/** Discovery for the current site: the scan form, the live scan and earlier scans. */
export function ScanScreen() {
  const site = useRequiredSite();
  const { navigate } = useRoute();
  const current = useCurrentScan(site.id);
  const history = useScanHistory(site.id);
  const first = site.lastScanAt === null && (history.data?.length ?? 0) === 0 && !current;

  return (
    <div className="screen" data-testid="scan-screen">
      <header className="screen__header">
        <div>
          <button type="button" className="link-button back-link" onClick={() => navigate({ screen: 'inventory', view: 'active' })}>
            <Icon name="chevronRight" size={12} className="icon flip" />
            Inventory
          </button>
          <h1 className="screen__title">{first ? 'Run your first scan' : 'Scan network'}</h1>
          <p className="screen__subtitle muted">
            {first ? 'Find every host that answers on the site’s networks. Nothing is installed on them.' : 'Hosts found become unreviewed assets; known hosts are updated and marked seen.'}
          </p>
        </div>
      </header>
      <div className="screen__body screen__body--scroll">
        <div className="scan-layout">
          <ScanFormPanel key={site.id} site={site} running={current ? isRunning(current) : false} />
          <ScanLivePanel scan={current} />
        </div>
        <section className="card" aria-labelledby="scan-history-title">
          <h2 id="scan-history-title" className="card__title">
            Previous scans
          </h2>
          {history.error && !history.data ? <InlineAlert title="Scan history could not be loaded">{errorMessage(history.error)}</InlineAlert> : <ScanHistoryTable scans={history.data ?? []} />}
        </section>
      </div>
    </div>
  );
}
