import { useState } from 'react';
import type { HostKeyRecord } from '../../../../shared/contract';
import { errorMessage } from '../../api/api-client-error';
import { EmptyState } from '../../components/empty-state';
import { Icon } from '../../components/icon';
import { InlineAlert } from '../../components/inline-alert';
import { useToast } from '../../components/toast';
import { SiteTime } from '../../components/site-time';
import { hostKeyFileFor } from './patch-status-labels';
import { useApproveHostKey } from './use-patch-status';

/**
 * One changed key, old and new fingerprints side by side. Accepting sends exactly the
 * fingerprint shown here, so a key that changes again meanwhile is not trusted by accident;
 * the admin must first say they checked it on the host itself.
 */
function ChangedKeyCard({ record }: { record: HostKeyRecord }) {
  const [verified, setVerified] = useState(false);
  const approve = useApproveHostKey();
  const notify = useToast();
  const accept = () =>
    approve.run({ assetId: record.assetId, fingerprint: record.fingerprint }).then(
      () => notify({ tone: 'success', text: `New key of ${record.hostname} trusted; collect it again` }),
      () => undefined,
    );

  return (
    <article className="hostkey-card" data-testid="hostkey-changed" data-asset-id={record.assetId} aria-label={`Changed host key of ${record.hostname}`}>
      <header className="hostkey-card__head">
        <Icon name="alert" className="icon hostkey-card__icon" />
        <div>
          <h3 className="hostkey-card__title">{record.hostname}</h3>
          <span className="muted small mono">
            {record.endpoint} · {record.algorithm} · seen <SiteTime at={record.seenAt} />
          </span>
        </div>
      </header>
      <div className="fingerprint-compare">
        <div className="fingerprint-compare__side">
          <span className="fingerprint-compare__label">Trusted until now</span>
          <code className="fingerprint" data-testid="hostkey-old">
            {record.previousFingerprint ?? 'none recorded'}
          </code>
        </div>
        <Icon name="chevronRight" className="icon fingerprint-compare__arrow" />
        <div className="fingerprint-compare__side fingerprint-compare__side--new">
          <span className="fingerprint-compare__label">Presented now</span>
          <code className="fingerprint" data-testid="hostkey-new">
            {record.fingerprint}
          </code>
        </div>
      </div>
      <p className="hostkey-card__advice">
        Check on the host itself, for example with <code>ssh-keygen -lf {hostKeyFileFor(record.algorithm)}</code> at its console. Accept only if the fingerprint there matches the new one above; reinstalling the OS or the SSH server also changes it.
      </p>
      <div className="hostkey-card__actions">
        <label className="checkbox confirm-check">
          <input type="checkbox" checked={verified} onChange={(event) => setVerified(event.target.checked)} data-testid="hostkey-verified" />
          <span>I checked the new fingerprint on the host</span>
        </label>
        <button type="button" className="button button--danger" disabled={!verified || approve.pending} onClick={() => void accept()} data-testid="hostkey-accept">
          {approve.pending ? 'Accepting…' : 'Accept new key'}
        </button>
      </div>
      {approve.error ? <InlineAlert title="The key was not accepted">{errorMessage(approve.error)}</InlineAlert> : null}
    </article>
  );
}

/** Host keys of the site: changed ones first and loud, then every pinned key. */
export function HostKeysPanel({ records, loading }: { records: readonly HostKeyRecord[]; loading: boolean }) {
  const changed = records.filter((record) => record.state === 'changed');
  const pinned = records.filter((record) => record.state === 'pinned').sort((a, b) => a.hostname.localeCompare(b.hostname));
  if (loading) return <div className="skeleton-block" aria-busy="true" aria-label="Loading host keys" />;
  return (
    <div className="hostkeys" data-testid="hostkeys-panel">
      {changed.length > 0 ? (
        <section className="card card--warning" aria-labelledby="hostkeys-changed-title">
          <h2 id="hostkeys-changed-title" className="card__title">
            {changed.length === 1 ? '1 host presented a different key' : `${changed.length} hosts presented a different key`}
          </h2>
          <InlineAlert tone="warning" title="A changed host key can mean an attack">
            Someone between Patchdesk and the host could be impersonating it to capture the credential. Patchdesk did not log in to these hosts and will not until you accept the new key.
          </InlineAlert>
          <div className="hostkey-cards">
            {changed.map((record) => (
              <ChangedKeyCard key={`${record.assetId}-${record.fingerprint}`} record={record} />
            ))}
          </div>
        </section>
      ) : null}
      <section className="card" aria-labelledby="hostkeys-pinned-title">
        <h2 id="hostkeys-pinned-title" className="card__title">
          Trusted host keys
        </h2>
        {pinned.length === 0 ? (
          <EmptyState icon="lock" title="No keys pinned yet">
            The first SSH collection of a host pins its key; later collections refuse a different one until you accept it here.
          </EmptyState>
        ) : (
          <div className="table-scroll">
            <table className="simple-table" data-testid="hostkeys-pinned">
              <thead>
                <tr>
                  <th scope="col">Host</th>
                  <th scope="col">Endpoint</th>
                  <th scope="col">Algorithm</th>
                  <th scope="col">Fingerprint</th>
                  <th scope="col">Seen</th>
                  <th scope="col">Trusted by</th>
                </tr>
              </thead>
              <tbody>
                {pinned.map((record) => (
                  <tr key={`${record.assetId}-${record.endpoint}`} data-testid="hostkey-pinned" data-asset-id={record.assetId}>
                    <td className="cell-strong">{record.hostname}</td>
                    <td className="mono">{record.endpoint}</td>
                    <td className="mono">{record.algorithm}</td>
                    <td className="mono fingerprint-cell" title={record.fingerprint}>
                      {record.fingerprint}
                    </td>
                    <td><SiteTime at={record.seenAt} /></td>
                    <td>{record.approvedBy || <span className="muted">first use</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
