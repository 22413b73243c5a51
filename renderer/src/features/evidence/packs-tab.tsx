import type { EvidencePackRecord } from '../../../../shared/contract/evidence';
import { errorMessage } from '../../api/api-client-error';
import { Badge } from '../../components/badge';
import { EmptyState } from '../../components/empty-state';
import { Icon } from '../../components/icon';
import { InlineAlert } from '../../components/inline-alert';
import { useToast } from '../../components/toast';
import { packFileName } from './export-panel';
import { formatBytes, formatInstantIn, formatPeriod, shortFingerprint, shortHash } from './pack-format';
import { useEvidencePacks, usePackDownload } from './use-evidence';

/** The packs exported for the site, newest first, each downloadable again. */
export function PacksTab({ siteId, timeZone, installationFingerprint, onBuild }: { siteId: number; timeZone: string; installationFingerprint: string | undefined; onBuild: () => void }) {
  const packs = useEvidencePacks(siteId);
  const notify = useToast();
  const { download, pendingId } = usePackDownload();

  const runDownload = (record: EvidencePackRecord) => {
    download(record.id).then(
      (fileName) => notify({ tone: 'success', text: `Downloading ${fileName}` }),
      (error: unknown) => notify({ tone: 'danger', text: `The pack could not be downloaded: ${errorMessage(error)}` }),
    );
  };

  if (packs.error && !packs.data) return <InlineAlert title="The exported packs could not be loaded">{errorMessage(packs.error)}</InlineAlert>;
  if (!packs.data) return <div className="skeleton-block" aria-busy="true" aria-label="Loading exported packs" />;
  if (packs.data.length === 0) {
    return (
      <div data-testid="evidence-packs" data-count={0}>
        <EmptyState
          icon="evidence"
          title="No packs exported yet"
          action={
            <button type="button" className="button button--primary" onClick={onBuild}>
              Build a pack
            </button>
          }
        >
          Every pack you export is kept here with its manifest hash and signer, so you can send it again or prove what was handed out.
        </EmptyState>
      </div>
    );
  }

  return (
    <div className="card evidence-packs-card">
      <div className="table-scroll">
        <table className="simple-table evidence-packs-table" data-testid="evidence-packs" data-count={packs.data.length}>
          <thead>
            <tr>
              <th scope="col">Period</th>
              <th scope="col">Generated</th>
              <th scope="col" className="num">
                Size
              </th>
              <th scope="col">Signed by</th>
              <th scope="col">Manifest SHA-256</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {packs.data.map((pack) => (
              <tr key={pack.id} data-testid="evidence-pack-row" data-pack-id={pack.id}>
                <td>
                  <span className="cell-strong">{formatPeriod(pack.periodFrom, pack.periodTo)}</span>
                  <span className="evidence-packs-table__file mono muted" title={pack.filePath}>
                    {packFileName(pack)}
                  </span>
                </td>
                <td>
                  {formatInstantIn(pack.generatedAt, timeZone)}
                  <span className="muted small"> · {pack.generatedBy}</span>
                </td>
                <td className="num">{formatBytes(pack.sizeBytes)}</td>
                <td>
                  <span className="mono" title={pack.signerFingerprint}>
                    {shortFingerprint(pack.signerFingerprint)}
                  </span>
                  {installationFingerprint && pack.signerFingerprint !== installationFingerprint ? (
                    <>
                      {' '}
                      <Badge tone="warning" title="Signed with a key this installation no longer has">
                        older key
                      </Badge>
                    </>
                  ) : null}
                </td>
                <td className="mono" title={pack.manifestSha256}>
                  {shortHash(pack.manifestSha256)}
                </td>
                <td className="row-actions">
                  <button type="button" className="button button--small" disabled={pendingId === pack.id} onClick={() => runDownload(pack)} data-testid="evidence-pack-download">
                    <Icon name="download" size={14} />
                    {pendingId === pack.id ? 'Preparing…' : 'Download'}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
