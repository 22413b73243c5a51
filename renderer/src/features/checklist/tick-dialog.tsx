import { useId, useState } from 'react';
import type { ChecklistItem, CycleDetail } from '../../../../shared/contract';
import { errorMessage, isApiClientError } from '../../api/api-client-error';
import { Dialog } from '../../components/dialog';
import { DialogFooterActions } from '../../components/dialog-footer-actions';
import { Field } from '../../components/field';
import { Icon } from '../../components/icon';
import { InlineAlert } from '../../components/inline-alert';
import { useToast } from '../../components/toast';
import { bytesToBase64 } from '../evidence/base64';
import { dueText, formatDay } from './checklist-dates';
import { fileProblem, formatBytes } from './evidence-format';
import { RescanFigures } from './rescan-figures';
import { buildTickRequest, emptyTickForm, MAX_EVIDENCE_PER_TICK, type EvidenceFileDraft, rescanNeedsProof, tickErrorsFromIssues, type TickErrors, type TickFormValues } from './tick-form-model';
import { useCycle, useTick } from './use-cycles';

/** Examples that fit the kind of step being recorded. */
const NOTE_PLACEHOLDERS: Record<ChecklistItem['kind'], string> = {
  task: 'What was done, anything held back or to follow up.',
  triage: 'Exposed: the mail server only; exploited in the wild; patch within 48 hours.',
  deploy: 'Deployed through WSUS to every due host; fs01 reboots Saturday night.',
  rescan: 'All due hosts collected on 21 Nov; the updates show as installed.',
};

/**
 * Records an item as done (note, evidence, and who did it when, for work done outside
 * Patchdesk), or as not applicable with the reason. The host's refusals (a verification rescan
 * without a collection, an item ticked meanwhile) are shown in full inside the dialog.
 */
export function TickDialog({
  cycle,
  item,
  mode,
  actor,
  timeZone,
  nowMs,
  today,
  onClose,
  onCollect,
}: {
  cycle: CycleDetail;
  item: ChecklistItem;
  mode: 'done' | 'not_applicable';
  /** The current user, recorded when "done by" is left empty. */
  actor: string;
  timeZone: string;
  nowMs: number;
  today: string;
  onClose: () => void;
  /** Goes to patch status to collect (the verification rescan's proof). */
  onCollect: () => void;
}) {
  const [values, setValues] = useState<TickFormValues>(emptyTickForm);
  const [errors, setErrors] = useState<TickErrors>({});
  const [refusal, setRefusal] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  const fileId = useId();
  const tick = useTick();
  const current = useCycle(cycle.id);
  const notify = useToast();
  const set = (patch: Partial<TickFormValues>) => {
    setValues((current) => ({ ...current, ...patch }));
    setErrors((current) => {
      const next = { ...current };
      for (const field of Object.keys(patch)) {
        if (field === 'doneDay' || field === 'doneTime') delete next.doneAt;
        else if (field === 'linkName') delete next.link;
        else delete next[field as keyof TickErrors];
      }
      return next;
    });
  };
  const context = { cycleId: cycle.id, key: item.key, mode, itemKind: item.kind, timeZone, nowMs, hostsCollected: cycle.rescan.hostsCollected };
  const needsProof = rescanNeedsProof(values, context);
  const due = dueText(item, today, cycle.status === 'closed');
  const done = mode === 'done';

  const addFiles = async (files: FileList | null) => {
    if (!files || files.length === 0) return;
    setReading(true);
    try {
      const added: EvidenceFileDraft[] = [];
      for (const file of Array.from(files)) {
        const problem = fileProblem(file);
        if (problem) {
          setErrors((current) => ({ ...current, files: problem }));
          continue;
        }
        added.push({ name: file.name, size: file.size, contentBase64: bytesToBase64(new Uint8Array(await file.arrayBuffer())) });
      }
      setValues((current) => ({ ...current, files: [...current.files, ...added] }));
    } catch (caught) {
      setErrors((current) => ({ ...current, files: `The file could not be read: ${errorMessage(caught)}` }));
    } finally {
      setReading(false);
    }
  };

  const submit = async () => {
    setRefusal(null);
    const built = buildTickRequest(values, context);
    if (!built.ok) {
      setErrors(built.errors);
      return;
    }
    setErrors({});
    try {
      await tick.run(built.request);
      notify({ tone: 'success', text: done ? `“${item.title}” marked done` : `“${item.title}” marked not applicable` });
      onClose();
    } catch (caught) {
      setErrors(isApiClientError(caught) ? tickErrorsFromIssues(caught.issues) : {});
      setRefusal(errorMessage(caught));
      // Someone may have ticked or closed it meanwhile (the CLI, another window): show the record as it is now.
      void current.refetch();
    }
  };

  return (
    <Dialog
      title={done ? `Mark “${item.title}” done` : `Mark “${item.title}” not applicable`}
      description={done ? 'Record who did the work, when, and what shows it was done. Work done outside Patchdesk (WSUS, by hand) counts the same.' : 'The item stops counting as pending or late. The reason is kept in the cycle’s record for the auditor.'}
      onClose={onClose}
      size="large"
      testId="tick-dialog"
      footer={
        <DialogFooterActions
          formId="tick-form"
          onCancel={onClose}
          pending={tick.pending}
          label={done ? 'Mark done' : 'Mark not applicable'}
          pendingLabel="Saving…"
          testId="tick-submit"
          disabled={reading}
        />
      }
    >
      <form
        id="tick-form"
        className="form-sections tick-form"
        data-mode={mode}
        noValidate
        autoComplete="off"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <div className="tick-form__item">
          <div>
            <strong>{item.title}</strong>
            {item.description ? <p className="muted small">{item.description}</p> : null}
          </div>
          <div className="tick-form__due">
            <span className="muted small">Due {formatDay(item.dueDate)}</span>
            {due.text ? <span className={`due-text due-text--${due.tone}`}>{due.text}</span> : null}
          </div>
        </div>

        {done && item.kind === 'rescan' ? <RescanFigures rescan={cycle.rescan} timeZone={timeZone} onCollect={onCollect} /> : null}
        {done && item.kind === 'rescan' && cycle.rescan.hostsCollected === 0 ? (
          <InlineAlert tone="warning" title="This step needs proof" testId="tick-rescan-warning">
            No host of this site was collected during the cycle. Collect patch status (or import an offline result) first, or attach a link or file that shows the verification, such as a WSUS report.
          </InlineAlert>
        ) : null}

        <Field label={done ? 'Note' : 'Reason'} error={errors.note} hint={done ? 'Optional: what was done, anything held back.' : 'Required: why this step does not apply this time.'}>
          {(control) => (
            <textarea
              {...control}
              className="input"
              rows={3}
              value={values.note}
              placeholder={done ? NOTE_PLACEHOLDERS[item.kind] : 'No pilot group this month: only two hosts are due.'}
              onChange={(event) => set({ note: event.target.value })}
              data-testid="tick-note"
            />
          )}
        </Field>

        {done ? (
          <fieldset className="form-section">
            <legend>Evidence{needsProof ? ' (required here)' : ' (optional)'}</legend>
            <div className="form-grid tick-form__link">
              <Field label="Link" error={errors.link} hint="A ticket, report or console page (https://…).">
                {(control) => <input {...control} type="url" inputMode="url" className="input" spellCheck={false} value={values.link} placeholder="https://tickets.example.com/CHG-1042" onChange={(event) => set({ link: event.target.value })} data-testid="tick-link" />}
              </Field>
              <Field label="Link name" hint="Optional label shown instead of the address.">
                {(control) => <input {...control} className="input" value={values.linkName} placeholder="Change CHG-1042" onChange={(event) => set({ linkName: event.target.value })} data-testid="tick-link-name" />}
              </Field>
            </div>
            <div className={`field${errors.files ? ' field--invalid' : ''}`}>
              <span className="field__label">Files</span>
              <div className="tick-files">
                {values.files.map((file, index) => (
                  <span key={`${file.name}-${index}`} className="tick-files__file" data-testid="tick-file-item">
                    <Icon name="file" size={13} />
                    <span className="truncate">{file.name}</span>
                    <span className="muted small">{formatBytes(file.size)}</span>
                    <button type="button" className="icon-button icon-button--small" aria-label={`Remove ${file.name}`} onClick={() => setValues((current) => ({ ...current, files: current.files.filter((_, each) => each !== index) }))}>
                      <Icon name="close" size={12} />
                    </button>
                  </span>
                ))}
                <label htmlFor={fileId} className={`button button--small${values.files.length >= MAX_EVIDENCE_PER_TICK ? ' is-disabled' : ''}`}>
                  <Icon name="upload" size={14} />
                  {reading ? 'Reading…' : values.files.length > 0 ? 'Attach another file' : 'Attach a file'}
                </label>
                <input
                  id={fileId}
                  type="file"
                  multiple
                  className="visually-hidden"
                  disabled={reading || values.files.length >= MAX_EVIDENCE_PER_TICK}
                  aria-label="Evidence file"
                  data-testid="tick-file"
                  onChange={(event) => {
                    void addFiles(event.target.files);
                    event.target.value = '';
                  }}
                />
              </div>
              <div className="field__hint">A report export, screenshot or log, at most 20 MB each. Kept with its SHA-256 and added to the evidence pack.</div>
              {errors.files ? (
                <div className="field__error" role="alert">
                  {errors.files}
                </div>
              ) : null}
            </div>
          </fieldset>
        ) : null}

        {done ? (
          <fieldset className="form-section">
            <legend>Who and when</legend>
            <div className="form-grid form-grid--three">
              <Field label="Done by" error={errors.doneBy} hint={`Empty: you (${actor || 'this user'}).`}>
                {(control) => <input {...control} className="input" value={values.doneBy} placeholder={actor} onChange={(event) => set({ doneBy: event.target.value })} data-testid="tick-done-by" />}
              </Field>
              <Field label="Done on" error={errors.doneAt} hint={`Empty: now. Site time (${timeZone}).`}>
                {(control) => <input {...control} type="date" className="input" max={today} value={values.doneDay} onChange={(event) => set({ doneDay: event.target.value })} data-testid="tick-done-day" />}
              </Field>
              <Field label="At" hint="24-hour, site time.">
                {(control) => <input {...control} type="time" className="input" value={values.doneTime} onChange={(event) => set({ doneTime: event.target.value })} data-testid="tick-done-time" />}
              </Field>
            </div>
          </fieldset>
        ) : null}

        {refusal || errors.form ? (
          <InlineAlert title={done ? 'Not marked done' : 'Not marked not applicable'} testId="tick-error">
            {refusal ?? errors.form}
          </InlineAlert>
        ) : null}
      </form>
    </Dialog>
  );
}
