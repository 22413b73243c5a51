import { useState } from 'react';
import type { Site } from '../../../../shared/contract';
import { errorMessage, isApiClientError } from '../../api/api-client-error';
import { formToSiteInput, siteIssuesToErrors, validateSiteForm, type SiteFormErrors, type SiteFormValues } from './site-form-model';
import { useCreateSite, useUpdateSite } from './use-sites';

/**
 * State and submit of a site form. Errors show per field only after the first submit attempt
 * (or for fields already touched), so an empty form is not a wall of red.
 */
export function useSiteForm(initial: SiteFormValues, existing: Site | null, onSaved: (site: Site) => void) {
  const [values, setValues] = useState(initial);
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<SiteFormErrors>({});
  const create = useCreateSite();
  const update = useUpdateSite();
  const liveErrors = validateSiteForm(values);
  const errors: SiteFormErrors = submitted ? { ...serverErrors, ...liveErrors } : { ...serverErrors, ...(values.networksText ? { networks: liveErrors.networks } : {}) };

  const change = (next: SiteFormValues) => {
    setValues(next);
    setServerErrors({});
  };

  const submit = async () => {
    setSubmitted(true);
    if (Object.keys(liveErrors).length > 0) return;
    try {
      const input = formToSiteInput(values);
      const site = existing ? await update.run({ id: existing.id, changes: input }) : await create.run(input);
      setSubmitted(false);
      onSaved(site);
    } catch (error) {
      if (isApiClientError(error) && error.issues.length > 0) setServerErrors(siteIssuesToErrors(error.issues));
      else setServerErrors({ form: errorMessage(error) });
    }
  };

  return { values, setValues: change, errors, submit, pending: create.pending || update.pending, reset: () => change(initial) };
}
