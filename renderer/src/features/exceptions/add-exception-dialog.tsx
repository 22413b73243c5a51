import { useState } from 'react';
import type { Asset, ExceptionRecord } from '../../../../shared/contract';
import { errorMessage, isApiClientError } from '../../api/api-client-error';
import { Dialog } from '../../components/dialog';
import { DialogFooterActions } from '../../components/dialog-footer-actions';
import { Field } from '../../components/field';
import { InlineAlert } from '../../components/inline-alert';
import { SegmentedControl } from '../../components/segmented-control';
import { useToast } from '../../components/toast';
import { AssetPicker } from './asset-picker';
import { formatDay } from './exception-dates';
import { buildExceptionRequest, effectiveStart, emptyExceptionForm, expiryLimit, fieldErrorsFromIssues, remediationNote, type ExceptionDateRules, type ExceptionFormField, type ExceptionFormValues, type FieldErrors } from './exception-form-model';
import { SCOPE_KIND_LABELS, SCOPE_KIND_ORDER, SCOPE_VALUE_HINTS, SCOPE_VALUE_PLACEHOLDERS } from './exception-labels';
import { useCreateException, useSitePolicy } from './use-exceptions';

/** Takes the admin to the first flagged field once the messages are rendered (the form scrolls). */
function focusFirstInvalid(): void {
  window.requestAnimationFrame(() => {
    const form = document.getElementById('add-exception-form');
    const target = form?.querySelector<HTMLElement>('[aria-invalid="true"], .field--invalid input, [data-testid="exception-form-error"]');
    target?.focus({ preventScroll: true });
    (target?.closest('.field') ?? target)?.scrollIntoView({ block: 'nearest' });
  });
}

/**
 * Records an accepted risk: what it covers, why, who owns and approved it, and until when. The
 * expiry is required and capped by the site policy; the host checks the same rules, and when it
 * refuses, its message is shown in full and next to the fields it names.
 */
export function AddExceptionDialog({
  siteId,
  siteName,
  timeZone,
  assets,
  rules,
  policyKnown,
  onClose,
  onCreated,
}: {
  siteId: number;
  siteName: string;
  timeZone: string;
  assets: readonly Asset[];
  rules: ExceptionDateRules;
  /** False while the site policy is loading or unreadable; the host still enforces it. */
  policyKnown: boolean;
  onClose: () => void;
  onCreated: (record: ExceptionRecord) => void;
}) {
  const [values, setValues] = useState<ExceptionFormValues>(() => emptyExceptionForm(rules.today));
  const [errors, setErrors] = useState<FieldErrors<ExceptionFormField>>({});
  const [refusal, setRefusal] = useState<string | null>(null);
  const create = useCreateException();
  const policy = useSitePolicy(siteId);
  const notify = useToast();
  const set = (patch: Partial<ExceptionFormValues>) => {
    setValues((current) => ({ ...current, ...patch }));
    // A field's message goes once it is edited; the rest stay until the next submit.
    setErrors((current) => Object.fromEntries(Object.entries(current).filter(([field]) => !(field in patch))));
  };
  const startDay = effectiveStart(values.startsOn, rules);
  const limit = expiryLimit(values.startsOn, rules);
  const note = remediationNote(values);
  const valueKind = values.kind === 'asset' ? null : values.kind;

  const submit = async () => {
    const built = buildExceptionRequest(values, siteId, rules);
    setRefusal(null);
    if (!built.ok) {
      setErrors(built.errors);
      focusFirstInvalid();
      return;
    }
    setErrors({});
    try {
      const created = await create.run(built.request);
      notify({ tone: 'success', text: `Exception #${created.id} recorded, until ${formatDay(values.expiresOn)}` });
      onCreated(created);
    } catch (caught) {
      const fromHost = isApiClientError(caught) ? fieldErrorsFromIssues(caught.issues) : {};
      setErrors(fromHost);
      setRefusal(errorMessage(caught));
      focusFirstInvalid();
      // The policy may have changed since the screen read it; the limit shown must be the one enforced.
      void policy.refetch();
    }
  };

  return (
    <Dialog
      title="Add an exception"
      description={`Accept, on purpose and for a limited time, that a fix is not applied in ${siteName}. While it is active, its scope does not count as an SLA breach.`}
      onClose={onClose}
      size="large"
      testId="add-exception-dialog"
      footer={<DialogFooterActions formId="add-exception-form" onCancel={onClose} pending={create.pending} label="Add exception" pendingLabel="Saving…" testId="exception-form-submit" />}
    >
      <form
        id="add-exception-form"
        className="form-sections exception-form"
        noValidate
        autoComplete="off"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <fieldset className="form-section">
          <legend>What it covers</legend>
          <div className="field">
            <span className="field__label">Scope</span>
            <SegmentedControl
              label="Scope"
              value={values.kind}
              onChange={(kind) => set({ kind, ...(kind === 'asset' || values.kind === 'asset' ? { value: '' } : {}) })}
              testId="exception-form-kind"
              options={SCOPE_KIND_ORDER.map((kind) => ({ value: kind, label: SCOPE_KIND_LABELS[kind] }))}
            />
            {errors.kind ? <span className="field__error">{errors.kind}</span> : null}
          </div>
          {valueKind ? (
            <div className="form-grid">
              <Field label={SCOPE_KIND_LABELS[valueKind]} error={errors.value} hint={SCOPE_VALUE_HINTS[valueKind]}>
                {(control) => (
                  <input
                    {...control}
                    className={`input${valueKind === 'cve' || valueKind === 'kb' ? ' input--mono' : ''}`}
                    spellCheck={false}
                    value={values.value}
                    placeholder={SCOPE_VALUE_PLACEHOLDERS[valueKind]}
                    onChange={(event) => set({ value: event.target.value })}
                    data-testid="exception-form-value"
                  />
                )}
              </Field>
              <AssetPicker label="On which assets" assets={assets} value={values.assetId} onChange={(assetId) => set({ assetId })} allowAll error={errors.assetId} />
            </div>
          ) : (
            <AssetPicker label="Asset" assets={assets} value={values.assetId} onChange={(assetId) => set({ assetId })} error={errors.assetId} hint="Every missing fix on this asset is covered. Prefer a narrower scope when one update is the problem." />
          )}
        </fieldset>

        <fieldset className="form-section">
          <legend>Why</legend>
          <div className="form-grid">
            <Field label="Reason" error={errors.reason} hint="Why the fix cannot be applied in time.">
              {(control) => <textarea {...control} className="input" rows={2} value={values.reason} placeholder="The vendor has not certified the update for the LIMS software." onChange={(event) => set({ reason: event.target.value })} data-testid="exception-form-reason" />}
            </Field>
            <Field label="Compensating controls" error={errors.compensatingControls} hint="What limits the risk meanwhile (optional).">
              {(control) => <textarea {...control} className="input" rows={2} value={values.compensatingControls} placeholder="Isolated VLAN, no internet access, EDR in block mode." onChange={(event) => set({ compensatingControls: event.target.value })} data-testid="exception-form-controls" />}
            </Field>
          </div>
        </fieldset>

        <fieldset className="form-section">
          <legend>Who</legend>
          <div className="form-grid">
            <Field label="Owner" error={errors.owner} hint="Answers for the risk and the fix.">
              {(control) => <input {...control} className="input" value={values.owner} placeholder="Ana Ribeiro (IT)" onChange={(event) => set({ owner: event.target.value })} data-testid="exception-form-owner" />}
            </Field>
            <Field label="Approver" error={errors.approver} hint="Who accepted the risk (optional, but auditors ask).">
              {(control) => <input {...control} className="input" value={values.approver} placeholder="Managing director" onChange={(event) => set({ approver: event.target.value })} data-testid="exception-form-approver" />}
            </Field>
          </div>
        </fieldset>

        <fieldset className="form-section">
          <legend>When</legend>
          <div className="form-grid form-grid--three">
            <Field label="Starts" error={errors.startsOn} hint={`Today or later (${timeZone}).`}>
              {(control) => <input {...control} type="date" className="input" min={rules.today} value={values.startsOn} onChange={(event) => set({ startsOn: event.target.value })} data-testid="exception-form-starts" />}
            </Field>
            <Field
              label="Expires"
              error={errors.expiresOn}
              hint={
                <span data-testid="exception-form-max">
                  {policyKnown ? (
                    <>
                      Required. Max {formatDay(limit)} under this site’s policy ({rules.maxDays} days).{' '}
                      <button type="button" className="link-button" onClick={() => set({ expiresOn: limit })} data-testid="exception-form-use-max">
                        Use it
                      </button>
                    </>
                  ) : (
                    'Required. The site policy sets the longest allowed.'
                  )}
                </span>
              }
            >
              {(control) => <input {...control} type="date" className="input" required min={startDay} max={policyKnown ? limit : undefined} value={values.expiresOn} onChange={(event) => set({ expiresOn: event.target.value })} data-testid="exception-form-expires" />}
            </Field>
            <Field label="Planned remediation" error={errors.remediationOn} hint={note ? <span className="text-warning">{note}</span> : 'When the fix is expected (optional).'}>
              {(control) => <input {...control} type="date" className="input" value={values.remediationOn} onChange={(event) => set({ remediationOn: event.target.value })} data-testid="exception-form-remediation" />}
            </Field>
          </div>
        </fieldset>

        {refusal ? (
          <InlineAlert title="The exception was not saved" testId="exception-form-error">
            {refusal}
          </InlineAlert>
        ) : errors.form ? (
          <InlineAlert title="The exception was not saved" testId="exception-form-error">
            {errors.form}
          </InlineAlert>
        ) : null}
      </form>
    </Dialog>
  );
}
