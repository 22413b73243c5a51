import type { Credential } from '../../../../shared/contract';
import { Badge } from '../../components/badge';
import { RelativeTime } from '../../components/site-time';
import { AUTH_METHOD_LABELS, bindingSummary, CREDENTIAL_KIND_LABELS } from './credential-labels';

/** The stored credentials: who they log in as and where, never a secret. */
export function CredentialsTable({ credentials, onBind, onUses, onRetire }: { credentials: readonly Credential[]; onBind: (credential: Credential) => void; onUses: (credential: Credential) => void; onRetire: (credential: Credential) => void }) {
  return (
    <div className="table-scroll">
      <table className="simple-table credentials-table" data-testid="credential-list">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Kind</th>
            <th scope="col">User</th>
            <th scope="col">Key fingerprint</th>
            <th scope="col">Used on</th>
            <th scope="col">Last used</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {credentials.map((credential) => {
            const bindings = bindingSummary(credential);
            return (
              <tr key={credential.id} data-testid="credential-row" data-credential-id={credential.id}>
                <td>
                  <span className="cell-strong">{credential.name}</span>
                  {credential.siteId === null ? <span className="muted small"> · every site</span> : null}
                </td>
                <td>
                  <span className="badge-row">
                    <Badge>{CREDENTIAL_KIND_LABELS[credential.kind]}</Badge>
                    <span className="muted small">{AUTH_METHOD_LABELS[credential.authMethod]}</span>
                    {credential.hasKeyPassphrase ? <Badge title="The key is encrypted with a passphrase">passphrase</Badge> : null}
                    {credential.hasSudoPassword ? <Badge title="A sudo password is stored">sudo</Badge> : null}
                  </span>
                </td>
                <td className="mono">{credential.username || <span className="muted">—</span>}</td>
                <td className="mono fingerprint-cell" title={credential.keyFingerprint || undefined} data-testid="credential-fingerprint">
                  {credential.keyFingerprint || <span className="muted">—</span>}
                </td>
                <td>{bindings || <Badge tone="warning">Not bound yet</Badge>}</td>
                <td><RelativeTime at={credential.lastUsedAt} /></td>
                <td className="row-actions">
                  <button type="button" className="button button--small" onClick={() => onBind(credential)} data-testid="credential-bind">
                    Bind…
                  </button>
                  <button type="button" className="button button--small button--ghost" onClick={() => onUses(credential)} data-testid="credential-uses-open">
                    Record of use
                  </button>
                  <button type="button" className="button button--small button--ghost" onClick={() => onRetire(credential)} data-testid="credential-retire">
                    Retire…
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
