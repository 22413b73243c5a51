import { useState } from 'react';
import { errorMessage } from '../../api/api-client-error';
import { Dialog } from '../../components/dialog';
import { DialogFooterActions } from '../../components/dialog-footer-actions';
import { Field } from '../../components/field';
import { InlineAlert } from '../../components/inline-alert';
import { useToast } from '../../components/toast';
import { plural } from '../../lib/format';
import { useRetireAssets } from './use-assets';

/** Retires assets with a reason; the reason lands in each asset's history. */
export function RetireDialog({ ids, onClose, onDone }: { ids: readonly number[]; onClose: () => void; onDone?: () => void }) {
  const [reason, setReason] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const retire = useRetireAssets();
  const notify = useToast();
  const missing = reason.trim() === '';

  const submit = async () => {
    setSubmitted(true);
    if (missing) return;
    try {
      const result = await retire.run({ ids: [...ids], reason: reason.trim() });
      notify({ tone: 'success', text: `Retired ${plural(result.updated, 'asset')}` });
      onDone?.();
      onClose();
    } catch {
      // The error is shown in the dialog from retire.error.
    }
  };

  return (
    <Dialog
      title={`Retire ${plural(ids.length, 'asset')}`}
      description="Retired assets leave the inventory and reports but keep their history."
      onClose={onClose}
      size="small"
      testId="retire-dialog"
      footer={<DialogFooterActions formId="retire-form" onCancel={onClose} pending={retire.pending} label="Retire" tone="danger" testId="retire-submit" />}
    >
      <form
        id="retire-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <Field label="Reason" error={submitted && missing ? 'Give a reason; it is kept in the history.' : undefined} hint="For example: replaced by new NAS, ticket 4711.">
          {(control) => <textarea {...control} className="input" rows={3} value={reason} onChange={(event) => setReason(event.target.value)} autoFocus data-testid="retire-reason" />}
        </Field>
        {retire.error ? <InlineAlert title="Nothing was retired">{errorMessage(retire.error)}</InlineAlert> : null}
      </form>
    </Dialog>
  );
}
