import { useState } from 'react';
import type { ChecklistItem } from '../../../../shared/contract';
import { errorMessage } from '../../api/api-client-error';
import { Dialog } from '../../components/dialog';
import { DialogFooterActions } from '../../components/dialog-footer-actions';
import { Field } from '../../components/field';
import { InlineAlert } from '../../components/inline-alert';
import { useToast } from '../../components/toast';
import { buildReopenRequest } from './tick-form-model';
import { useCycle, useReopenItem } from './use-cycles';

/** Sets a ticked item back to pending; the earlier tick and this reason stay in its history. */
export function ReopenDialog({ cycleId, item, onClose }: { cycleId: number; item: ChecklistItem; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [refusal, setRefusal] = useState<string | null>(null);
  const reopen = useReopenItem();
  const current = useCycle(cycleId);
  const notify = useToast();

  const submit = async () => {
    setRefusal(null);
    const built = buildReopenRequest(cycleId, item.key, reason);
    if (!built.ok) {
      setError(built.error);
      return;
    }
    setError(undefined);
    try {
      await reopen.run(built.request);
      notify({ tone: 'success', text: `“${item.title}” reopened` });
      onClose();
    } catch (caught) {
      setRefusal(errorMessage(caught));
      void current.refetch();
    }
  };

  return (
    <Dialog
      title={`Reopen “${item.title}”`}
      description={`It is ${item.state === 'done' ? 'done' : 'marked not applicable'}. Reopening sets it back to pending so it can be recorded again; nothing is erased.`}
      onClose={onClose}
      size="medium"
      testId="reopen-dialog"
      footer={<DialogFooterActions formId="reopen-form" onCancel={onClose} pending={reopen.pending} label="Reopen item" pendingLabel="Reopening…" testId="reopen-submit" />}
    >
      <form
        id="reopen-form"
        className="form-sections"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <Field label="Reason" error={error} hint="Kept in the item's history.">
          {(control) => (
            <textarea
              {...control}
              className="input"
              rows={3}
              value={reason}
              placeholder="Two pilot hosts failed to install the update; redeploying."
              onChange={(event) => {
                setReason(event.target.value);
                setError(undefined);
              }}
              data-testid="reopen-reason"
            />
          )}
        </Field>
        {refusal ? (
          <InlineAlert title="Not reopened" testId="reopen-error">
            {refusal}
          </InlineAlert>
        ) : null}
      </form>
    </Dialog>
  );
}
