/**
 * The branding form as data: the draft, what is wrong with it (the contract's limits, checked
 * before sending), whether it differs from what is saved, and the host's refusals by field.
 */
import type { Branding, BrandingLogo, BrandingUpdate } from '../../../../shared/contract/evidence';

/** What the admin is editing. */
export interface BrandingDraft {
  mspName: string;
  contactLine: string;
  logo: BrandingLogo | null;
}

/** Field problems of the branding form. */
export type BrandingErrors = Partial<Record<'mspName' | 'contactLine' | 'logo' | 'form', string>>;

const LIMITS = { mspName: 200, contactLine: 300 } as const;

/** The draft of saved branding. */
export function brandingDraft(branding: Branding): BrandingDraft {
  return { mspName: branding.mspName, contactLine: branding.contactLine, logo: branding.logo };
}

/** What is wrong with a draft, per field; empty when it can be saved. */
export function brandingProblems(draft: BrandingDraft): BrandingErrors {
  const errors: BrandingErrors = {};
  for (const field of ['mspName', 'contactLine'] as const) {
    const value = draft[field].trim();
    if (value.length > LIMITS[field]) errors[field] = `Keep it to ${LIMITS[field]} characters (now ${value.length}).`;
    else if (/[\r\n]/.test(value)) errors[field] = 'Keep it to one line.';
  }
  return errors;
}

/** Whether the draft differs from the saved branding (trimmed, as the host stores it). */
export function brandingChanged(draft: BrandingDraft, saved: Branding): boolean {
  return draft.mspName.trim() !== saved.mspName || draft.contactLine.trim() !== saved.contactLine || draft.logo?.base64 !== saved.logo?.base64 || draft.logo?.mimeType !== saved.logo?.mimeType;
}

/** The update to send. */
export function brandingUpdate(draft: BrandingDraft): BrandingUpdate {
  return { mspName: draft.mspName.trim(), contactLine: draft.contactLine.trim(), logo: draft.logo };
}

/**
 * The host's refusal, by field: issues name paths such as `logo` or `logo.base64`; anything it
 * does not tie to a field is shown for the whole form.
 */
export function brandingErrorsFromHost(message: string, issues: readonly { path: string; message: string }[]): BrandingErrors {
  const errors: BrandingErrors = {};
  for (const issue of issues) {
    const field = issue.path.split('.')[0];
    // The logo check words its findings as "it is a damaged PNG": say what "it" is.
    const text = field === 'logo' && /^it\b/i.test(issue.message.trim()) ? `the logo was refused: ${issue.message.trim()}` : issue.message;
    if (field === 'mspName' || field === 'contactLine' || field === 'logo') errors[field] ??= sentence(text);
  }
  if (Object.keys(errors).length === 0) errors.form = sentence(message);
  return errors;
}

function sentence(text: string): string {
  const trimmed = text.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}
