import { useState } from 'react';
import { errorMessage, isApiClientError } from '../../api/api-client-error';
import { Dialog } from '../../components/dialog';
import { DialogFooterActions } from '../../components/dialog-footer-actions';
import { Field } from '../../components/field';
import { useUnlockVault } from './use-credentials';

/**
 * Asks for the master passphrase before an action that needs secrets (collecting, adding a
 * credential), then carries on with that action. The field is emptied after every attempt.
 */
export function UnlockVaultDialog({ reason, onClose, onUnlocked }: { reason: string; onClose: () => void; onUnlocked: () => void }) {
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  const unlock = useUnlockVault();

  const submit = async () => {
    const typed = passphrase;
    setPassphrase('');
    if (!typed) {
      setError('Enter the master passphrase.');
      return;
    }
    try {
      await unlock.run({ passphrase: typed });
      onUnlocked();
    } catch (caught) {
      setError(isApiClientError(caught, 'unauthorized') ? 'Wrong passphrase. Check Caps Lock and try again.' : errorMessage(caught));
    }
  };

  return (
    <Dialog
      title="Unlock the vault"
      description={reason}
      onClose={onClose}
      size="small"
      testId="unlock-vault-dialog"
      footer={<DialogFooterActions formId="unlock-vault-form" onCancel={onClose} pending={unlock.pending} label="Unlock" pendingLabel="Unlocking…" testId="unlock-vault-submit" />}
    >
      <form
        id="unlock-vault-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <Field label="Master passphrase" error={error ?? undefined}>
          {(control) => (
            <input {...control} type="password" className="input" autoComplete="current-password" autoFocus value={passphrase} onChange={(event) => setPassphrase(event.target.value)} data-testid="unlock-vault-passphrase" />
          )}
        </Field>
      </form>
    </Dialog>
  );
}
