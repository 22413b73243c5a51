import { useState } from 'react';
import type { CycleDetail } from '../../../../shared/contract';
import { errorMessage } from '../../api/api-client-error';
import { Dialog } from '../../components/dialog';
import { DialogFooterActions } from '../../components/dialog-footer-actions';
import { Field } from '../../components/field';
import { InlineAlert } from '../../components/inline-alert';
import { useToast } from '../../components/toast';
import { formatDay } from './checklist-dates';
import { cycleName } from './cycle-list-model';
import { buildCloseRequest } from './tick-form-model';
import { useCloseCycle, useCycle } from './use-cycles';

/**
 * Closes a cycle, freezing its record. With items still pending it says which, and asks for an
 * explicit confirmation and a note saying why (the host refuses otherwise).
 */
export function CloseCycleDialog({ cycle, onClose }: { cycle: CycleDetail; onClose: () => void }) {
  const [note, setNote] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [errors, setErrors] = useState<{ note?: string; confirm?: string }>({});
  const [refusal, setRefusal] = useState<string | null>(null);
  const close = useCloseCycle();
  const current = useCycle(cycle.id);
  const notify = useToast();
  const pending = cycle.items.filter((item) => item.state === 'pending');
  const name = cycleName(cycle);

  const submit = async () => {
    setRefusal(null);
    const built = buildCloseRequest(cycle.id, note, pending.length, confirmed);
    if (!built.ok) {
      setErrors(built.errors);
      return;
    }
    setErrors({});
    try {
      await close.run(built.request);
      notify({ tone: 'success', text: `${name} closed` });
      onClose();
    } catch (caught) {
      setRefusal(errorMessage(caught));
      // An item may have been reopened meanwhile: the pending list above must be the host's.
      void current.refetch();
    }
  };

  return (
    <Dialog
      title={`Close ${name}`}
      description="A closed cycle is read-only: its checklist, times and evidence stay as recorded for the evidence pack."
      onClose={onClose}
      size="medium"
      testId="close-cycle-dialog"
      footer={
        <DialogFooterActions
          formId="close-cycle-form"
          onCancel={onClose}
          pending={close.pending}
          label={pending.length > 0 ? `Close with ${pending.length} pending` : 'Close cycle'}
          pendingLabel="Closing…"
          tone={pending.length > 0 ? 'danger' : 'primary'}
          testId="close-submit"
        />
      }
    >
      <form
        id="close-cycle-form"
        className="form-sections"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        {pending.length > 0 ? (
          <InlineAlert tone="warning" title={`${pending.length} ${pending.length === 1 ? 'item is' : 'items are'} still pending`} testId="close-pending">
            <ul className="close-pending">
              {pending.map((item) => (
                <li key={item.key}>
                  {item.title} <span className="muted">· due {formatDay(item.dueDate)}</span>
                </li>
              ))}
            </ul>
            They will be recorded as not done. Tick them or mark them not applicable first if the work happened.
          </InlineAlert>
        ) : (
          <p className="small">Every item is done or marked not applicable.</p>
        )}
        <Field label={pending.length > 0 ? 'Why close now' : 'Closing note'} error={errors.note} hint={pending.length > 0 ? 'Required, and shown in the evidence pack.' : 'Optional.'}>
          {(control) => (
            <textarea
              {...control}
              className="input"
              rows={3}
              value={note}
              placeholder={pending.length > 0 ? 'Month over; the remaining hosts move to the December cycle under exception #12.' : 'All updates deployed and verified.'}
              onChange={(event) => {
                setNote(event.target.value);
                setErrors((current) => ({ ...current, note: undefined }));
              }}
              data-testid="close-note"
            />
          )}
        </Field>
        {pending.length > 0 ? (
          <div className={`field${errors.confirm ? ' field--invalid' : ''}`}>
            <label className="checkbox">
              <input
                type="checkbox"
                checked={confirmed}
                onChange={(event) => {
                  setConfirmed(event.target.checked);
                  setErrors((current) => ({ ...current, confirm: undefined }));
                }}
                data-testid="close-force"
              />
              Close anyway with {pending.length} pending {pending.length === 1 ? 'item' : 'items'}
            </label>
            {errors.confirm ? (
              <div className="field__error" role="alert">
                {errors.confirm}
              </div>
            ) : null}
          </div>
        ) : null}
        {refusal ? (
          <InlineAlert title="Not closed" testId="close-error">
            {refusal}
          </InlineAlert>
        ) : null}
      </form>
    </Dialog>
  );
}
