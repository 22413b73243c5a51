import { useState } from 'react';
import { errorMessage } from '../../api/api-client-error';
import { Dialog } from '../../components/dialog';
import { InlineAlert } from '../../components/inline-alert';
import { useToast } from '../../components/toast';
import { SiteTime } from '../../components/site-time';
import { STATUS_LABELS } from '../../lib/labels';
import { AssetFormFields } from './asset-form-fields';
import { AssetHistoryList } from './asset-history-list';
import { AssetOverview } from './asset-overview';
import { AssetPortsTable } from './asset-ports-table';
import { AssetStatusBadges } from './asset-status-badges';
import { RetireDialog } from './retire-dialog';
import { useAsset, useAssetHistory, useReviewAssets } from './use-assets';
import { useAssetEditor } from './use-asset-editor';

type Tab = 'overview' | 'ports' | 'history';

/** The whole record of one asset: fields, evidence, ports and history; edit, review and retire. */
export function AssetDetailDrawer({ assetId, onClose }: { assetId: number; onClose: () => void }) {
  const assetQuery = useAsset(assetId);
  const historyQuery = useAssetHistory(assetId);
  const asset = assetQuery.data;
  const editor = useAssetEditor(asset);
  const review = useReviewAssets();
  const notify = useToast();
  const [tab, setTab] = useState<Tab>('overview');
  const [retiring, setRetiring] = useState(false);
  const name = asset ? asset.hostname || asset.addresses[0] || `Asset ${asset.id}` : 'Asset';

  const decide = async (decision: 'accept' | 'dismiss') => {
    if (!asset) return;
    try {
      await review.run({ ids: [asset.id], decision });
      notify({ tone: 'success', text: decision === 'accept' ? `${name} is now in your inventory` : `${name} dismissed` });
    } catch (error) {
      notify({ tone: 'danger', text: errorMessage(error) });
    }
  };

  const footer = editor.editing ? (
    <>
      <button type="button" className="button" onClick={editor.cancel} disabled={editor.saving}>
        Cancel
      </button>
      <button type="submit" form="asset-edit-form" className="button button--primary" disabled={editor.saving} data-testid="asset-save">
        {editor.saving ? 'Saving…' : 'Save changes'}
      </button>
    </>
  ) : (
    <button type="button" className="button" onClick={onClose}>
      Close
    </button>
  );

  return (
    <Dialog
      title={name}
      description={asset ? <span className="drawer-subtitle">{asset.addresses.join(', ') || 'no address'} · {STATUS_LABELS[asset.status]}</span> : undefined}
      onClose={onClose}
      variant="drawer"
      size="large"
      testId="asset-drawer"
      footer={footer}
    >
      {assetQuery.error && !asset ? <InlineAlert title="This asset could not be loaded">{errorMessage(assetQuery.error)}</InlineAlert> : null}
      {!asset ? (
        <div className="skeleton-block" aria-busy="true" aria-label="Loading asset" />
      ) : (
        <>
          <div className="drawer-actions">
            <AssetStatusBadges asset={asset} />
            <span className="drawer-actions__spacer" />
            {!editor.editing ? (
              <>
                <button type="button" className="button" onClick={editor.start} data-testid="asset-edit">
                  Edit
                </button>
                {asset.status !== 'retired' ? (
                  <button type="button" className="button" onClick={() => setRetiring(true)} data-testid="asset-retire">
                    Retire…
                  </button>
                ) : null}
              </>
            ) : null}
          </div>
          {asset.status === 'unreviewed' || asset.status === 'dismissed' ? (
            <div className="review-callout" data-testid="asset-review">
              <div>
                <strong>{asset.status === 'unreviewed' ? 'Found on the network, not in your inventory' : 'Dismissed: not yours to manage'}</strong>
                <span className="muted">
                  {asset.firstSeenAt ? <>First seen <SiteTime at={asset.firstSeenAt} />. </> : ''}Accept it if you look after it
                  {asset.status === 'unreviewed' ? ', or dismiss it so scans stop raising it.' : '.'}
                </span>
              </div>
              <div className="review-callout__actions">
                <button type="button" className="button button--primary" disabled={review.pending} onClick={() => void decide('accept')} data-testid="asset-accept">
                  Accept
                </button>
                {asset.status === 'unreviewed' ? (
                  <button type="button" className="button" disabled={review.pending} onClick={() => void decide('dismiss')} data-testid="asset-dismiss">
                    Dismiss
                  </button>
                ) : null}
              </div>
            </div>
          ) : null}
          {editor.conflict ? (
            <InlineAlert tone="warning" title="Someone else changed this asset" testId="asset-conflict">
              Your changes were not saved. The latest version is shown below; edit again if your changes are still needed.
            </InlineAlert>
          ) : null}
          {editor.editing && editor.draft ? (
            <form
              id="asset-edit-form"
              noValidate
              onSubmit={(event) => {
                event.preventDefault();
                void editor.save().then((saved) => saved && notify({ tone: 'success', text: `Saved ${saved.hostname || saved.addresses[0] || name}` }));
              }}
            >
              <AssetFormFields values={editor.draft} errors={editor.errors} onChange={editor.change} />
              {editor.errors.form ? <InlineAlert title="Not saved">{editor.errors.form}</InlineAlert> : null}
            </form>
          ) : (
            <>
              <nav className="tabs tabs--small" aria-label="Asset sections">
                {(['overview', 'ports', 'history'] as const).map((candidate) => (
                  <button key={candidate} type="button" className="tabs__tab" aria-current={tab === candidate ? 'page' : undefined} onClick={() => setTab(candidate)} data-testid={`asset-tab-${candidate}`}>
                    {candidate === 'overview' ? 'Overview' : candidate === 'ports' ? `Open ports (${asset.openPorts.length})` : 'History'}
                  </button>
                ))}
              </nav>
              {tab === 'overview' ? <AssetOverview asset={asset} /> : null}
              {tab === 'ports' ? <AssetPortsTable ports={asset.openPorts} /> : null}
              {tab === 'history' ? (
                historyQuery.data ? (
                  <AssetHistoryList changes={historyQuery.data} />
                ) : historyQuery.error ? (
                  <InlineAlert title="History could not be loaded">{errorMessage(historyQuery.error)}</InlineAlert>
                ) : (
                  <div className="skeleton-block" aria-busy="true" aria-label="Loading history" />
                )
              ) : null}
            </>
          )}
        </>
      )}
      {retiring && asset ? <RetireDialog ids={[asset.id]} onClose={() => setRetiring(false)} /> : null}
    </Dialog>
  );
}
