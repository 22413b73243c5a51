import { useState } from 'react';
import type { ExceptionRecord } from '../../../../shared/contract';
import { errorMessage, isApiClientError } from '../../api/api-client-error';
import { Dialog } from '../../components/dialog';
import { DialogFooterActions } from '../../components/dialog-footer-actions';
import { Field } from '../../components/field';
import { InlineAlert } from '../../components/inline-alert';
import { useToast } from '../../components/toast';
import { buildCloseRequest, fieldErrorsFromIssues } from './exception-form-model';
import { ExceptionBrief } from './exception-brief';
import { useCloseException } from './use-exceptions';

/** Ends an entry early (fixed, or the risk is no longer accepted), saying what that changes. */
export function CloseExceptionDialog({ record, timeZone, nowMs, onClose }: { record: ExceptionRecord; timeZone: string; nowMs: number; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>(undefined);
  const [refusal, setRefusal] = useState<string | null>(null);
  const close = useCloseException();
  const notify = useToast();

  const submit = async () => {
    setRefusal(null);
    const built = buildCloseRequest(reason, record.id);
    if (!built.ok) {
      setReasonError(built.errors.reason);
      return;
    }
    setReasonError(undefined);
    try {
      await close.run(built.request);
      notify({ tone: 'success', text: `Exception #${record.id} closed` });
      onClose();
    } catch (caught) {
      setReasonError(isApiClientError(caught) ? fieldErrorsFromIssues(caught.issues).reason : undefined);
      setRefusal(errorMessage(caught));
    }
  };

  return (
    <Dialog
      title={`Close exception #${record.id}`}
      description="End it now, because the fix is in or the risk is no longer accepted."
      onClose={onClose}
      size="medium"
      testId="close-exception-dialog"
      footer={
        <DialogFooterActions
          formId="close-exception-form"
          onCancel={onClose}
          pending={close.pending}
          label="Close exception"
          pendingLabel="Closing…"
          testId="close-exception-submit"
        />
      }
    >
      <form
        id="close-exception-form"
        className="form-sections"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <ExceptionBrief record={record} timeZone={timeZone} nowMs={nowMs} />
        <p className="small muted">From now on, anything it covered that is still unpatched counts against its SLA deadline again. The entry stays in the register as history.</p>
        <Field label="Reason" error={reasonError}>
          {(control) => <textarea {...control} className="input" rows={3} value={reason} placeholder="Update installed during the November cycle." onChange={(event) => setReason(event.target.value)} data-testid="close-exception-reason" />}
        </Field>
        {refusal ? (
          <InlineAlert title="Not closed" testId="close-exception-error">
            {refusal}
          </InlineAlert>
        ) : null}
      </form>
    </Dialog>
  );
}
