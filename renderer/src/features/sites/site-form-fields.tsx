import { useMemo } from 'react';
import { Field } from '../../components/field';
import { TargetSummary } from '../../components/target-summary';
import { splitTargets, summariseTargets } from '../../lib/target-list';
import type { SiteFormErrors, SiteFormValues } from './site-form-model';

let timeZoneCache: string[] | null = null;
function timeZones(): string[] {
  timeZoneCache ??= typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['UTC'];
  return timeZoneCache;
}

/**
 * The fields of a site (used by the welcome screen, the new-site dialog and site settings).
 * Networks are checked live with the shared parser, so the address count shows while typing.
 */
export function SiteFormFields({
  values,
  errors,
  onChange,
  showNotes = false,
}: {
  values: SiteFormValues;
  errors: SiteFormErrors;
  onChange: (values: SiteFormValues) => void;
  showNotes?: boolean;
}) {
  const summary = useMemo(() => summariseTargets(splitTargets(values.networksText)), [values.networksText]);
  const set = (key: keyof SiteFormValues) => (event: { target: { value: string } }) => onChange({ ...values, [key]: event.target.value });
  const networksError = errors.networks ?? (summary.problems.length > 0 ? summary.problems[0] : undefined);

  return (
    <div className="form-grid">
      <Field label="Site name" error={errors.name} className="form-grid__full" hint="The client or location, as you would say it on the phone.">
        {(control) => <input {...control} className="input" value={values.name} onChange={set('name')} autoComplete="off" placeholder="Meyer Dental, Main office" data-testid="site-name" />}
      </Field>
      <Field
        label="Networks"
        error={networksError}
        className="form-grid__full"
        hint="One per line: CIDR (192.168.1.0/24), range (10.0.0.5-40) or single address."
      >
        {(control) => (
          <>
            <textarea {...control} className="input input--mono" rows={3} value={values.networksText} onChange={set('networksText')} spellCheck={false} placeholder="192.168.1.0/24" data-testid="site-networks" />
            <TargetSummary summary={summary} testId="site-networks-summary" />
          </>
        )}
      </Field>
      <Field label="Time zone" error={errors.timezone} hint="Used for scan times and the monthly cycle.">
        {(control) => (
          <>
            <input {...control} className="input" list="patchdesk-time-zones" value={values.timezone} onChange={set('timezone')} autoComplete="off" data-testid="site-timezone" />
            <datalist id="patchdesk-time-zones">
              {timeZones().map((zone) => (
                <option key={zone} value={zone} />
              ))}
            </datalist>
          </>
        )}
      </Field>
      <Field label="Contact name" error={errors['contact.name']}>
        {(control) => <input {...control} className="input" value={values.contactName} onChange={set('contactName')} autoComplete="off" data-testid="site-contact-name" />}
      </Field>
      <Field label="Contact e-mail" error={errors['contact.email']}>
        {(control) => <input {...control} className="input" type="email" value={values.contactEmail} onChange={set('contactEmail')} autoComplete="off" data-testid="site-contact-email" />}
      </Field>
      <Field label="Contact phone" error={errors['contact.phone']}>
        {(control) => <input {...control} className="input" type="tel" value={values.contactPhone} onChange={set('contactPhone')} autoComplete="off" data-testid="site-contact-phone" />}
      </Field>
      {showNotes ? (
        <Field label="Notes" error={errors.notes} className="form-grid__full">
          {(control) => <textarea {...control} className="input" rows={4} value={values.notes} onChange={set('notes')} data-testid="site-notes" />}
        </Field>
      ) : null}
    </div>
  );
}
