import { useState } from 'react';
import type { Asset, CycleDetail } from '../../../../shared/contract';
import { errorMessage, isApiClientError } from '../../api/api-client-error';
import { Dialog } from '../../components/dialog';
import { DialogFooterActions } from '../../components/dialog-footer-actions';
import { Field } from '../../components/field';
import { InlineAlert } from '../../components/inline-alert';
import { SegmentedControl } from '../../components/segmented-control';
import { useToast } from '../../components/toast';
import { formatDay, relativeDay } from './checklist-dates';
import { AssetScopePicker } from './asset-scope-picker';
import { buildEmergencyRequest, emergencyErrorsFromIssues, emptyEmergencyForm, recognisedTrigger, suggestedDeadline, type EmergencyErrors, type EmergencyFormValues } from './emergency-form-model';
import { useOpenEmergency } from './use-cycles';

/**
 * Opens an out-of-band cycle for a CVE, KB or advisory: why it cannot wait for the monthly
 * cycle, by when the fix must be in, and which assets it concerns (every active asset when none
 * are picked). Its checklist is the site's emergency template, due by the deadline.
 */
export function OpenEmergencyDialog({
  siteId,
  siteName,
  timeZone,
  today,
  nowMs,
  assets,
  onClose,
  onOpened,
}: {
  siteId: number;
  siteName: string;
  timeZone: string;
  today: string;
  nowMs: number;
  assets: readonly Asset[];
  onClose: () => void;
  onOpened: (cycle: CycleDetail) => void;
}) {
  const [values, setValues] = useState<EmergencyFormValues>(emptyEmergencyForm);
  const [errors, setErrors] = useState<EmergencyErrors>({});
  const [refusal, setRefusal] = useState<string | null>(null);
  const open = useOpenEmergency();
  const notify = useToast();
  const set = (patch: Partial<EmergencyFormValues>) => {
    setValues((current) => ({ ...current, ...patch }));
    setErrors((current) => {
      const next = { ...current };
      for (const field of Object.keys(patch)) delete next[(field === 'deadlineDay' || field === 'deadlineTime' ? 'deadline' : field === 'scope' ? 'assetIds' : field) as keyof EmergencyErrors];
      return next;
    });
  };
  const trigger = recognisedTrigger(values.trigger);
  const activeCount = assets.filter((asset) => asset.status === 'active').length;

  const submit = async () => {
    setRefusal(null);
    const built = buildEmergencyRequest(values, siteId, { today, timeZone, nowMs });
    if (!built.ok) {
      setErrors(built.errors);
      return;
    }
    setErrors({});
    try {
      const cycle = await open.run(built.request);
      notify({ tone: 'success', text: `${cycle.title} opened` });
      onOpened(cycle);
    } catch (caught) {
      setErrors(isApiClientError(caught) ? emergencyErrorsFromIssues(caught.issues) : {});
      setRefusal(errorMessage(caught));
    }
  };

  return (
    <Dialog
      title="Open an emergency cycle"
      description={`For a fix that cannot wait for the monthly cycle in ${siteName}: triage, test, deploy and verify by a deadline.`}
      onClose={onClose}
      size="large"
      testId="open-emergency-dialog"
      footer={<DialogFooterActions formId="open-emergency-form" onCancel={onClose} pending={open.pending} label="Open emergency cycle" pendingLabel="Opening…" testId="emergency-submit" />}
    >
      <form
        id="open-emergency-form"
        className="form-sections"
        noValidate
        autoComplete="off"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <fieldset className="form-section">
          <legend>What</legend>
          <div className="form-grid">
            <Field
              label="CVE, KB or advisory"
              error={errors.trigger}
              hint={trigger ? <span data-testid="emergency-trigger-recognised">Recognised as {trigger.kind === 'advisory' ? `advisory ${trigger.ref}` : trigger.ref}</span> : 'CVE-2026-1234, KB5034441, RHSA-2026:1234, cisco-sa-…'}
            >
              {(control) => <input {...control} className="input input--mono" spellCheck={false} value={values.trigger} placeholder="CVE-2026-1234" onChange={(event) => set({ trigger: event.target.value })} data-testid="emergency-trigger" />}
            </Field>
            <Field label="Title" error={errors.title} hint={`Optional. Default: “Emergency: ${trigger?.ref ?? '…'}”.`}>
              {(control) => <input {...control} className="input" value={values.title} placeholder="Exchange remote code execution" onChange={(event) => set({ title: event.target.value })} data-testid="emergency-title" />}
            </Field>
            <Field label="Reason" error={errors.reason} hint="Why it cannot wait for the monthly cycle." className="form-grid__full">
              {(control) => <textarea {...control} className="input" rows={2} value={values.reason} placeholder="Exploited in the wild (CISA KEV); our mail server is exposed to the internet." onChange={(event) => set({ reason: event.target.value })} data-testid="emergency-reason" />}
            </Field>
          </div>
        </fieldset>

        <fieldset className="form-section">
          <legend>By when</legend>
          <div className="form-grid form-grid--three">
            <Field
              label="Deadline"
              error={errors.deadline}
              hint={
                values.deadlineDay && !errors.deadline && /^\d{4}-\d{2}-\d{2}$/.test(values.deadlineDay) ? (
                  `${formatDay(values.deadlineDay)}, ${relativeDay(values.deadlineDay, today)}.`
                ) : (
                  <>
                    The day the fix must be in.{' '}
                    <button type="button" className="link-button" onClick={() => set({ deadlineDay: suggestedDeadline(today) })} data-testid="emergency-deadline-week">
                      In a week
                    </button>
                  </>
                )
              }
            >
              {(control) => <input {...control} type="date" className="input" min={today} value={values.deadlineDay} onChange={(event) => set({ deadlineDay: event.target.value })} data-testid="emergency-deadline" />}
            </Field>
            <Field label="Time" hint={`Optional; empty is the end of the day. Site time (${timeZone}).`}>
              {(control) => <input {...control} type="time" className="input" value={values.deadlineTime} onChange={(event) => set({ deadlineTime: event.target.value })} data-testid="emergency-deadline-time" />}
            </Field>
          </div>
        </fieldset>

        <fieldset className="form-section">
          <legend>Which assets</legend>
          <SegmentedControl
            label="Scope"
            value={values.scope}
            onChange={(scope) => set({ scope })}
            testId="emergency-scope"
            options={[
              { value: 'all', label: `Every active asset (${activeCount})` },
              { value: 'selected', label: 'Only the affected ones' },
            ]}
          />
          {values.scope === 'selected' ? (
            <AssetScopePicker assets={assets} selected={values.assetIds} onChange={(assetIds) => set({ assetIds })} error={errors.assetIds} />
          ) : (
            <p className="muted small">The verification re-test counts every active asset of the site.</p>
          )}
        </fieldset>

        {refusal || errors.form ? (
          <InlineAlert title="The cycle was not opened" testId="emergency-error">
            {refusal ?? errors.form}
          </InlineAlert>
        ) : null}
      </form>
    </Dialog>
  );
}
