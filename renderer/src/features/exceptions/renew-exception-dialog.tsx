import { useState } from 'react';
import type { ExceptionRecord } from '../../../../shared/contract';
import { errorMessage, isApiClientError } from '../../api/api-client-error';
import { Dialog } from '../../components/dialog';
import { DialogFooterActions } from '../../components/dialog-footer-actions';
import { Field } from '../../components/field';
import { InlineAlert } from '../../components/inline-alert';
import { useToast } from '../../components/toast';
import { formatDay, isDay } from './exception-dates';
import { buildRenewRequest, expiryLimit, fieldErrorsFromIssues, type ExceptionDateRules, type FieldErrors, type RenewFormValues } from './exception-form-model';
import { ExceptionBrief } from './exception-brief';
import { useRenewException, useSitePolicy } from './use-exceptions';

/**
 * Renews an entry: a new entry with the same scope, owner, approver and controls starts now with
 * a new expiry and reason; the old one stays in the register, marked renewed. A renewal is a
 * fresh decision, so it needs its own reason and is capped by the policy again.
 */
export function RenewExceptionDialog({
  record,
  timeZone,
  nowMs,
  rules,
  policyKnown,
  onClose,
  onRenewed,
}: {
  record: ExceptionRecord;
  timeZone: string;
  nowMs: number;
  rules: ExceptionDateRules;
  policyKnown: boolean;
  onClose: () => void;
  onRenewed: (renewed: ExceptionRecord) => void;
}) {
  const [values, setValues] = useState<RenewFormValues>({ expiresOn: '', reason: '' });
  const [errors, setErrors] = useState<FieldErrors<keyof RenewFormValues>>({});
  const [refusal, setRefusal] = useState<string | null>(null);
  const renew = useRenewException();
  const policy = useSitePolicy(record.siteId);
  const notify = useToast();
  const limit = expiryLimit(rules.today, rules);

  const submit = async () => {
    setRefusal(null);
    const built = buildRenewRequest(values, record.id, rules);
    if (!built.ok) {
      setErrors(built.errors);
      return;
    }
    setErrors({});
    try {
      const renewed = await renew.run(built.request);
      notify({ tone: 'success', text: `Renewed as #${renewed.id}, until ${formatDay(values.expiresOn)}; #${record.id} is kept as history` });
      onRenewed(renewed);
    } catch (caught) {
      const fromHost = isApiClientError(caught) ? fieldErrorsFromIssues(caught.issues) : {};
      setErrors({ expiresOn: fromHost.expiresOn, reason: fromHost.reason });
      setRefusal(errorMessage(caught));
      // The policy may have changed since the screen read it; the limit shown must be the one enforced.
      void policy.refetch();
    }
  };

  return (
    <Dialog
      title={`Renew exception #${record.id}`}
      description="Continue accepting this risk with a new expiry and a fresh reason."
      onClose={onClose}
      size="medium"
      testId="renew-exception-dialog"
      footer={
        <DialogFooterActions
          formId="renew-exception-form"
          onCancel={onClose}
          pending={renew.pending}
          label={isDay(values.expiresOn) ? `Renew until ${formatDay(values.expiresOn)}` : 'Renew'}
          pendingLabel="Renewing…"
          testId="renew-exception-submit"
        />
      }
    >
      <form
        id="renew-exception-form"
        className="form-sections"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <ExceptionBrief record={record} timeZone={timeZone} nowMs={nowMs} />
        <p className="small muted renew-note">
          #{record.id} stays in the register unchanged, marked <strong>renewed</strong>. A new entry starts now with the same scope, owner, approver and compensating controls.
        </p>
        <Field
          label="New expiry"
          error={errors.expiresOn}
          hint={
            <span data-testid="renew-exception-max">
              {policyKnown ? (
                <>
                  Max {formatDay(limit)} under this site’s policy ({rules.maxDays} days from today).{' '}
                  <button type="button" className="link-button" onClick={() => setValues((current) => ({ ...current, expiresOn: limit }))}>
                    Use it
                  </button>
                </>
              ) : (
                'The site policy sets the longest allowed.'
              )}
            </span>
          }
        >
          {(control) => (
            <input {...control} type="date" className="input renew-expiry" required min={rules.today} max={policyKnown ? limit : undefined} value={values.expiresOn} onChange={(event) => setValues((current) => ({ ...current, expiresOn: event.target.value }))} data-testid="renew-exception-expires" />
          )}
        </Field>
        <Field label="Why it is still needed" error={errors.reason} hint="This becomes the reason of the new entry.">
          {(control) => <textarea {...control} className="input" rows={3} value={values.reason} placeholder="Vendor fix now promised for the January release." onChange={(event) => setValues((current) => ({ ...current, reason: event.target.value }))} data-testid="renew-exception-reason" />}
        </Field>
        {refusal ? (
          <InlineAlert title="Not renewed" testId="renew-exception-error">
            {refusal}
          </InlineAlert>
        ) : null}
      </form>
    </Dialog>
  );
}
