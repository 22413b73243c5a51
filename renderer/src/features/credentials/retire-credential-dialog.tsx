import type { Credential } from '../../../../shared/contract';
import { errorMessage } from '../../api/api-client-error';
import { Dialog } from '../../components/dialog';
import { InlineAlert } from '../../components/inline-alert';
import { useToast } from '../../components/toast';
import { useRetireCredential } from './use-credentials';

/** Retires a credential after saying what that means: secrets erased, record of use kept. */
export function RetireCredentialDialog({ credential, onClose }: { credential: Credential; onClose: () => void }) {
  const retire = useRetireCredential();
  const notify = useToast();
  return (
    <Dialog
      title={`Retire "${credential.name}"?`}
      description="Its secrets are erased from the vault. Hosts bound to it can no longer be collected until another credential covers them. Its record of use is kept."
      onClose={onClose}
      size="small"
      testId="retire-credential-dialog"
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="button button--danger"
            disabled={retire.pending}
            onClick={() =>
              retire.run({ id: credential.id }).then(
                () => {
                  notify({ tone: 'success', text: `Retired "${credential.name}"` });
                  onClose();
                },
                () => undefined,
              )
            }
            data-testid="retire-credential-submit"
          >
            Retire credential
          </button>
        </>
      }
    >
      {retire.error ? <InlineAlert title="Not retired">{errorMessage(retire.error)}</InlineAlert> : <p className="muted">This cannot be undone; add the credential again if you need it back.</p>}
    </Dialog>
  );
}
