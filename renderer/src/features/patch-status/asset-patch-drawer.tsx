import { useMemo, useState } from 'react';
import { errorMessage } from '../../api/api-client-error';
import { Dialog } from '../../components/dialog';
import { Icon } from '../../components/icon';
import { InlineAlert } from '../../components/inline-alert';
import { RelativeTime, SiteTime } from '../../components/site-time';
import { formatCount, formatDuration } from '../../lib/format';
import { CollectionHistoryList } from './collection-history-list';
import { InstalledPackagesGrid } from './installed-packages-grid';
import { PendingUpdatesTable } from './pending-updates-table';
import { formatAgeDays } from './pending-updates-model';
import { oldestSecurityNote } from './sla-labels';
import { OsWithEol, PatchStateBadge } from './patch-state-badge';
import { useRequiredSite } from '../sites/current-site-context';
import { COLLECTION_ERROR_ADVICE, COLLECTION_ERROR_LABELS, COLLECTION_METHOD_LABELS, notMeasuredText } from './patch-status-labels';
import { useAssetPatchDetail } from './use-patch-status';
import { AssetCvesPanel } from '../triage/asset-cves-panel';
import { useAssetVulnerabilities } from '../triage/use-triage';
import { intelByPackage, NO_VULNERABILITY_FILTER, passesFilter, type VulnerabilityFilter } from '../triage/vulnerability-model';
import { VulnerabilityFilters } from '../triage/vulnerability-filters';

type Tab = 'pending' | 'cves' | 'installed' | 'history';

/** One host's patch state: summary, missing updates with their ages, installed packages and collection history. */
export function AssetPatchDrawer({
  assetId,
  onClose,
  onCollect,
  onEditAccess,
  collecting,
}: {
  assetId: number;
  onClose: () => void;
  onCollect: (assetId: number) => void;
  /** Opens the inventory record, where the access method, port and user are edited. */
  onEditAccess: (assetId: number) => void;
  collecting: boolean;
}) {
  const detail = useAssetPatchDetail(assetId);
  const vulnerabilities = useAssetVulnerabilities(assetId);
  const [tab, setTab] = useState<Tab>('pending');
  const [filter, setFilter] = useState<VulnerabilityFilter>(NO_VULNERABILITY_FILTER);
  const intel = useMemo(() => intelByPackage(vulnerabilities.data), [vulnerabilities.data]);
  const data = detail.data;
  const status = data?.status;
  const latest = data?.latest ?? null;
  const name = status ? status.hostname || status.address || `Asset ${assetId}` : 'Host';
  const site = useRequiredSite();
  const notMeasured = status ? notMeasuredText(status, site.timezone) : null;

  return (
    <Dialog
      title={name}
      description={status ? <span className="drawer-subtitle">{[status.address, latest ? `${latest.platform} · ${latest.packageManager}` : ''].filter(Boolean).join(' · ')}</span> : undefined}
      onClose={onClose}
      variant="drawer"
      size="wide"
      testId="asset-patch-drawer"
      footer={
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      }
    >
      {detail.error && !data ? <InlineAlert title="The patch detail could not be loaded">{errorMessage(detail.error)}</InlineAlert> : null}
      {!data || !status ? (
        detail.error ? null : <div className="skeleton-block" aria-busy="true" aria-label="Loading patch detail" />
      ) : (
        <>
          <div className="drawer-actions">
            <PatchStateBadge state={status.state} />
            {notMeasured ? (
              <span className="text-warning small" data-testid="asset-patch-not-measured">
                {notMeasured}
              </span>
            ) : null}
            <span className="drawer-actions__spacer" />
            <button type="button" className="button" onClick={() => onEditAccess(assetId)} data-testid="asset-patch-edit-access">
              Access settings…
            </button>
            <button type="button" className="button" disabled={collecting} onClick={() => onCollect(assetId)} data-testid="asset-patch-collect">
              <Icon name="refresh" />
              {collecting ? 'Collecting…' : 'Collect this host'}
            </button>
          </div>
          <dl className="patch-facts" data-testid="asset-patch-summary">
            <div>
              <dt>Operating system</dt>
              <dd>
                <OsWithEol status={status} />
                {status.endOfLife?.date ? <span className="muted small"> End of life {status.endOfLife.date}</span> : null}
                {latest?.os.build ? <span className="muted small mono"> {latest.os.build}</span> : null}
              </dd>
            </div>
            <div>
              <dt>Reboot</dt>
              <dd data-testid="asset-patch-reboot">
                {status.rebootRequired === true ? <span className="text-warning cell-strong">Needed</span> : status.rebootRequired === false ? 'Not needed' : <span className="muted">Unknown</span>}
                {latest?.rebootReason ? <span className="muted small"> · {latest.rebootReason}</span> : null}
                {latest?.uptimeSeconds != null ? <span className="muted small"> · up {formatDuration(latest.uptimeSeconds * 1000)}</span> : null}
              </dd>
            </div>
            <div>
              <dt>Last collection</dt>
              <dd data-testid="asset-patch-last">
                {latest ? (
                  <>
                    <RelativeTime at={latest.collectedAt} />
                    <span className="muted"> via {COLLECTION_METHOD_LABELS[latest.method]}</span>
                  </>
                ) : (
                  <span className="muted">never</span>
                )}
              </dd>
            </div>
            <div>
              <dt>Missing</dt>
              <dd>
                {status.lastSuccessAt === null ? (
                  <span className="text-warning">{notMeasured ?? 'Not measured'}</span>
                ) : (
                  <>
                    <strong className={status.securityCount > 0 ? 'text-danger' : undefined}>{formatCount(status.securityCount)} security</strong> of {formatCount(status.pendingCount)} pending
                    {notMeasured ? <span className="text-warning"> as of the last success ({notMeasured.toLowerCase()})</span> : null}
                    {status.overdue ? <strong className="text-danger"> · {formatCount(status.overdue)} past SLA</strong> : null}
                    {status.excepted ? <span className="muted"> · {formatCount(status.excepted)} excepted</span> : null}
                    {status.oldestSecurityAgeDays !== null ? (
                      <span className="muted" data-testid="drawer-oldest-security">
                        {' '}
                        · oldest {formatAgeDays(status.oldestSecurityAgeDays)}
                        {status.oldestSecurity ? `: ${oldestSecurityNote(status.oldestSecurity, site.timezone) ?? ''}` : null}
                      </span>
                    ) : null}
                  </>
                )}
              </dd>
            </div>
            {latest?.lastPatchedAt ? (
              <div>
                <dt>Last patched</dt>
                <dd><SiteTime at={latest.lastPatchedAt} /></dd>
              </div>
            ) : null}
          </dl>
          {status.lastError ? (
            <InlineAlert tone="danger" title={`Last collection failed: ${COLLECTION_ERROR_LABELS[status.lastError.code]}`} testId="asset-patch-error">
              {status.lastError.message} <span className="muted mono">({status.lastError.code}, <SiteTime at={status.lastError.at} />)</span>
              {COLLECTION_ERROR_ADVICE[status.lastError.code] ? <div>{COLLECTION_ERROR_ADVICE[status.lastError.code]}</div> : null}
            </InlineAlert>
          ) : null}
          {latest && latest.warnings.length > 0 ? (
            <InlineAlert tone="warning" title="The collector noted">
              <ul className="plain-list">
                {latest.warnings.map((warning) => (
                  <li key={warning}>{warning}</li>
                ))}
              </ul>
            </InlineAlert>
          ) : null}
          <nav className="tabs tabs--small" aria-label="Patch detail sections">
            {(
              [
                ['pending', `Pending updates (${formatCount(data.pending.length)})`],
                ['cves', `CVEs (${vulnerabilities.data ? formatCount(new Set(vulnerabilities.data.links.map((link) => link.cve)).size) : '…'})`],
                ['installed', `Installed (${formatCount(data.installed.length)})`],
                ['history', `Collections (${formatCount(data.history.length)})`],
              ] as const
            ).map(([id, label]) => (
              <button key={id} type="button" className="tabs__tab" aria-current={tab === id ? 'page' : undefined} onClick={() => setTab(id)} data-testid={`asset-patch-tab-${id}`}>
                {label}
              </button>
            ))}
          </nav>
          {tab === 'pending' ? (
            <>
              <VulnerabilityFilters filter={filter} onChange={setFilter} />
              <PendingUpdatesTable rows={data.pending.filter((row) => passesFilter(intel.get(row.name), filter))} notMeasured={notMeasured} intel={intel} />
            </>
          ) : null}
          {tab === 'cves' ? <AssetCvesPanel data={vulnerabilities.data} error={vulnerabilities.error} /> : null}
          {tab === 'installed' ? <InstalledPackagesGrid rows={data.installed} /> : null}
          {tab === 'history' ? <CollectionHistoryList history={data.history} /> : null}
        </>
      )}
    </Dialog>
  );
}
