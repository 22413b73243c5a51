import { useState } from 'react';
import type { AccessMethod } from '../../../../shared/contract/assets';
import { errorMessage } from '../../api/api-client-error';
import { Dialog } from '../../components/dialog';
import { DialogFooterActions } from '../../components/dialog-footer-actions';
import { Field } from '../../components/field';
import { InlineAlert } from '../../components/inline-alert';
import { useToast } from '../../components/toast';
import { plural } from '../../lib/format';
import { ACCESS_LABELS } from '../../lib/labels';
import { DEFAULT_PORTS, parseAccessForm, type AccessFormValues } from './access-form-model';
import { useSetAccess } from './use-assets';

/**
 * Sets how Patchdesk reaches the selected assets (SSH or WinRM, port, user) in one step, for a
 * fleet that shares one admin account. Credentials stay in the vault; this only says how to log in.
 */
export function SetAccessDialog({ ids, onClose, onDone }: { ids: readonly number[]; onClose: () => void; onDone?: () => void }) {
  const [values, setValues] = useState<AccessFormValues>({ method: 'ssh', port: '', username: '' });
  const [submitted, setSubmitted] = useState(false);
  const setAccess = useSetAccess();
  const notify = useToast();
  const parsed = parseAccessForm(values);
  const errors = submitted && !parsed.ok ? parsed.errors : {};

  const submit = async () => {
    setSubmitted(true);
    if (!parsed.ok) return;
    try {
      const result = await setAccess.run({ ids: [...ids], access: parsed.access });
      notify({ tone: 'success', text: result.updated === 0 ? 'Every selected asset already had this access' : `Access set on ${plural(result.updated, 'asset')}` });
      onDone?.();
      onClose();
    } catch {
      // Shown below from setAccess.error.
    }
  };

  return (
    <Dialog
      title={`Set access for ${plural(ids.length, 'asset')}`}
      description="How Patchdesk logs in to collect patch status. The password or key comes from the credential bound to each asset."
      onClose={onClose}
      size="small"
      testId="set-access-dialog"
      footer={<DialogFooterActions formId="set-access-form" onCancel={onClose} pending={setAccess.pending} label="Set access" pendingLabel="Saving…" testId="set-access-submit" />}
    >
      <form
        id="set-access-form"
        className="form-grid"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <Field label="Method">
          {(control) => (
            <select {...control} className="select" value={values.method} onChange={(event) => setValues({ ...values, method: event.target.value as AccessMethod })} data-testid="set-access-method">
              {(['ssh', 'winrm', 'none'] as const).map((method) => (
                <option key={method} value={method}>
                  {ACCESS_LABELS[method]}
                </option>
              ))}
            </select>
          )}
        </Field>
        {values.method !== 'none' ? (
          <>
            <Field label="Port" error={errors.port} hint="Empty: the method's usual port.">
              {(control) => <input {...control} className="input mono" inputMode="numeric" placeholder={DEFAULT_PORTS[values.method]} value={values.port} onChange={(event) => setValues({ ...values, port: event.target.value })} data-testid="set-access-port" />}
            </Field>
            <Field label="User" error={errors.username} hint={values.method === 'winrm' ? 'DOMAIN\\user or user@domain' : 'Empty: the credential’s user.'}>
              {(control) => <input {...control} className="input" value={values.username} onChange={(event) => setValues({ ...values, username: event.target.value })} data-testid="set-access-user" />}
            </Field>
          </>
        ) : null}
        {setAccess.error ? <InlineAlert title="Nothing was changed">{errorMessage(setAccess.error)}</InlineAlert> : null}
      </form>
    </Dialog>
  );
}
