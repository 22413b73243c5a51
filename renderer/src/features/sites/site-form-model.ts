import { SiteInput, type Site } from '../../../../shared/contract';
import { issuesByField } from '../../lib/issue-paths';
import { splitTargets } from '../../lib/target-list';

/** The site form as the user edits it: plain strings, converted only on submit. */
export interface SiteFormValues {
  name: string;
  networksText: string;
  timezone: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  notes: string;
}

/** Field keys a message can attach to. */
export type SiteFormField = 'name' | 'networks' | 'timezone' | 'contact.name' | 'contact.email' | 'contact.phone' | 'notes' | 'form';
export type SiteFormErrors = Partial<Record<SiteFormField, string>>;

/** The browser's time zone, which is the right default for a technician at the client's desk. */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** An empty form for a new site. */
export function emptySiteForm(timezone: string = browserTimeZone()): SiteFormValues {
  return { name: '', networksText: '', timezone, contactName: '', contactEmail: '', contactPhone: '', notes: '' };
}

/** The form filled from a stored site. */
export function siteToForm(site: Site): SiteFormValues {
  return {
    name: site.name,
    networksText: site.networks.join('\n'),
    timezone: site.timezone,
    contactName: site.contact.name,
    contactEmail: site.contact.email,
    contactPhone: site.contact.phone,
    notes: site.notes,
  };
}

/** The request body for sites:create (and the changes of sites:update). */
export function formToSiteInput(values: SiteFormValues): SiteInput {
  return {
    name: values.name.trim(),
    networks: splitTargets(values.networksText),
    timezone: values.timezone.trim() || 'UTC',
    contact: { name: values.contactName.trim(), email: values.contactEmail.trim(), phone: values.contactPhone.trim() },
    notes: values.notes,
  };
}

const fieldDepth = (path: string[]) => (path[0] === 'contact' ? 2 : 1);

/** Checks the form with the contract's own schema, plus an e-mail sanity check, per field. */
export function validateSiteForm(values: SiteFormValues): SiteFormErrors {
  const parsed = SiteInput.safeParse(formToSiteInput(values));
  const errors: SiteFormErrors = parsed.success
    ? {}
    : (issuesByField(
        parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
        fieldDepth,
      ) as SiteFormErrors);
  const email = values.contactEmail.trim();
  if (email !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors['contact.email'] ??= 'does not look like an e-mail address';
  return errors;
}

/** Host issues for the site form (`networks.2`, `changes.contact.email`) as per-field messages. */
export function siteIssuesToErrors(issues: readonly { path: string; message: string }[]): SiteFormErrors {
  return issuesByField(issues, fieldDepth) as SiteFormErrors;
}
