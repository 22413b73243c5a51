import type { Credential } from '../../../../shared/contract';
import { CollectionErrorCode } from '../../../../shared/contract';
import { errorMessage } from '../../api/api-client-error';
import { Badge } from '../../components/badge';
import { Dialog } from '../../components/dialog';
import { InlineAlert } from '../../components/inline-alert';
import { SiteTime } from '../../components/site-time';
import { COLLECTION_ERROR_LABELS } from '../patch-status/patch-status-labels';
import { useCredentialUses } from './use-credentials';

/** An outcome as plain words: collection codes get their label, the rest stay as recorded. */
function outcomeLabel(outcome: string): { text: string; tone: 'success' | 'danger' | 'neutral' } {
  if (outcome === 'ok' || outcome === 'connected') return { text: 'OK', tone: 'success' };
  if (outcome === 'opened') return { text: 'Opened', tone: 'neutral' };
  const code = CollectionErrorCode.safeParse(outcome);
  return code.success ? { text: COLLECTION_ERROR_LABELS[code.data], tone: 'danger' } : { text: outcome, tone: 'neutral' };
}

/** When, on which host and for what a credential's secrets were opened, and how it went. */
export function CredentialUsesDialog({ credential, onClose }: { credential: Credential; onClose: () => void }) {
  const uses = useCredentialUses(credential.id);
  return (
    <Dialog
      title={`Record of use: ${credential.name}`}
      description="Every time the secrets were opened, kept even after the credential is retired."
      onClose={onClose}
      size="large"
      testId="credential-uses-dialog"
      footer={
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      }
    >
      {uses.error && !uses.data ? <InlineAlert title="The record could not be loaded">{errorMessage(uses.error)}</InlineAlert> : null}
      {!uses.data ? (
        uses.error ? null : <div className="skeleton-block" aria-busy="true" aria-label="Loading the record of use" />
      ) : uses.data.length === 0 ? (
        <p className="muted" data-testid="credential-uses-empty">
          Never used yet.
        </p>
      ) : (
        <div className="table-scroll table-scroll--live">
          <table className="simple-table" data-testid="credential-uses">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Host</th>
                <th scope="col">Purpose</th>
                <th scope="col">Outcome</th>
              </tr>
            </thead>
            <tbody>
              {uses.data.map((use) => {
                const outcome = outcomeLabel(use.outcome);
                return (
                  <tr key={use.id} data-testid="credential-use-row">
                    <td><SiteTime at={use.at} /></td>
                    <td>{use.assetName || <span className="muted">—</span>}</td>
                    <td>{use.purpose}</td>
                    <td>
                      <Badge tone={outcome.tone} title={use.outcome}>
                        {outcome.text}
                      </Badge>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Dialog>
  );
}
