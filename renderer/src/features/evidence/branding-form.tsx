import { useId, useState } from 'react';
import type { Branding } from '../../../../shared/contract/evidence';
import { MAX_LOGO_BYTES } from '../../../../shared/contract/evidence';
import { errorMessage, isApiClientError } from '../../api/api-client-error';
import { Field } from '../../components/field';
import { Icon } from '../../components/icon';
import { InlineAlert } from '../../components/inline-alert';
import { useToast } from '../../components/toast';
import { SiteTime } from '../../components/site-time';
import { bytesToBase64, dataUrl } from './base64';
import { brandingChanged, brandingDraft, brandingErrorsFromHost, brandingProblems, brandingUpdate, type BrandingDraft, type BrandingErrors } from './branding-form-model';
import { checkLogoFile } from './logo-check';
import { formatBytes } from './pack-format';
import { useSetBranding } from './use-evidence';

/**
 * The MSP branding on every report's cover: name, contact line and logo, with a small preview of
 * the cover. One set for the installation (the MSP's), not per client site.
 */
export function BrandingForm({ saved, siteName }: { saved: Branding; siteName: string }) {
  const notify = useToast();
  const setBranding = useSetBranding();
  const logoInputId = useId();
  const [draft, setDraft] = useState<BrandingDraft>(() => brandingDraft(saved));
  const [errors, setErrors] = useState<BrandingErrors>({});
  const [readingLogo, setReadingLogo] = useState(false);
  const changed = brandingChanged(draft, saved);

  const edit = (patch: Partial<BrandingDraft>, field: keyof BrandingErrors) => {
    setDraft((current) => ({ ...current, ...patch }));
    setErrors((current) => ({ ...current, [field]: undefined, form: undefined }));
  };

  const pickLogo = (file: File) => {
    setReadingLogo(true);
    file.arrayBuffer().then(
      (buffer) => {
        setReadingLogo(false);
        const bytes = new Uint8Array(buffer);
        const check = checkLogoFile(file.name, bytes);
        if (!check.ok) {
          setErrors((current) => ({ ...current, logo: check.message }));
          return;
        }
        edit({ logo: { mimeType: check.mimeType, base64: bytesToBase64(bytes) } }, 'logo');
      },
      (error: unknown) => {
        setReadingLogo(false);
        setErrors((current) => ({ ...current, logo: `“${file.name}” could not be read: ${errorMessage(error)}` }));
      },
    );
  };

  const save = () => {
    const problems = brandingProblems(draft);
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    setBranding.run(brandingUpdate(draft)).then(
      () => notify({ tone: 'success', text: 'Branding saved: the next pack carries it' }),
      (error: unknown) => setErrors(isApiClientError(error) ? brandingErrorsFromHost(error.message, error.issues) : { form: errorMessage(error) }),
    );
  };

  return (
    <form
      className="card evidence-branding"
      noValidate
      aria-labelledby="evidence-branding-title"
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <div className="evidence-card-head">
        <h2 className="evidence-card-title" id="evidence-branding-title">
          Branding on the report cover
        </h2>
        <span className="muted small">{saved.updatedAt ? <>Saved <SiteTime at={saved.updatedAt} /> by {saved.updatedBy}</> : 'Not set yet'}</span>
      </div>
      <div className="evidence-branding__layout">
        <div className="evidence-branding__fields">
          <Field label="MSP name" hint="Your company, as the client knows it. Leave empty for an in-house IT team." error={errors.mspName}>
            {(control) => <input {...control} className="input" maxLength={400} value={draft.mspName} onChange={(event) => edit({ mspName: event.target.value }, 'mspName')} data-testid="branding-name" />}
          </Field>
          <Field label="Contact line" hint="One line under the name: e-mail, phone, web site." error={errors.contactLine}>
            {(control) => <input {...control} className="input" maxLength={600} placeholder="support@example.com · +1 555 0100" value={draft.contactLine} onChange={(event) => edit({ contactLine: event.target.value }, 'contactLine')} data-testid="branding-contact" />}
          </Field>
          <div className={`field${errors.logo ? ' field--invalid' : ''}`}>
            <span className="field__label">Logo</span>
            <div className="evidence-logo">
              <div className="evidence-logo__box" data-has-logo={draft.logo ? 'true' : 'false'}>
                {draft.logo ? <img src={dataUrl(draft.logo.mimeType, draft.logo.base64)} alt="Logo preview" data-testid="branding-logo-preview" /> : <span className="muted small">No logo</span>}
              </div>
              <div className="evidence-logo__actions">
                <label htmlFor={logoInputId} className="button button--small evidence-logo__upload">
                  <Icon name="upload" size={14} />
                  {readingLogo ? 'Reading…' : draft.logo ? 'Replace logo…' : 'Upload logo…'}
                </label>
                <input
                  id={logoInputId}
                  type="file"
                  accept="image/png,image/jpeg"
                  className="visually-hidden"
                  aria-describedby={`${logoInputId}-hint`}
                  onChange={(event) => {
                    const file = event.target.files?.[0];
                    if (file) pickLogo(file);
                    event.target.value = '';
                  }}
                  data-testid="branding-logo"
                />
                {draft.logo ? (
                  <button type="button" className="button button--small button--ghost" onClick={() => edit({ logo: null }, 'logo')} data-testid="branding-logo-remove">
                    Remove logo
                  </button>
                ) : null}
              </div>
            </div>
            <div id={`${logoInputId}-hint`} className="field__hint">
              PNG or JPEG, at most {formatBytes(MAX_LOGO_BYTES)}. It prints in a small square (about 1.5 cm) beside the name, so a square mark reads best.
            </div>
            {errors.logo ? (
              <div className="field__error" role="alert" data-testid="branding-logo-error">
                {errors.logo}
              </div>
            ) : null}
          </div>
        </div>
        <CoverPreview draft={draft} siteName={siteName} />
      </div>
      {errors.form ? <InlineAlert title="The branding was not saved">{errors.form}</InlineAlert> : null}
      <div className="form-actions">
        <button
          type="button"
          className="button"
          disabled={!changed || setBranding.pending}
          onClick={() => {
            setDraft(brandingDraft(saved));
            setErrors({});
          }}
        >
          Discard changes
        </button>
        <button type="submit" className="button button--primary" disabled={setBranding.pending || readingLogo} data-testid="branding-save">
          {setBranding.pending ? 'Saving…' : 'Save branding'}
        </button>
      </div>
    </form>
  );
}

/** A sketch of the report's cover with the draft branding, so the admin sees what the client gets. */
function CoverPreview({ draft, siteName }: { draft: BrandingDraft; siteName: string }) {
  return (
    <figure className="evidence-cover" aria-label="Cover preview">
      <div className="evidence-cover__page">
        <div className="evidence-cover__brand">
          {draft.logo ? <img src={dataUrl(draft.logo.mimeType, draft.logo.base64)} alt="" className="evidence-cover__logo" /> : null}
          <div>
            <div className="evidence-cover__msp">{draft.mspName.trim() || 'Patchdesk'}</div>
            {draft.contactLine.trim() ? <div className="evidence-cover__contact">{draft.contactLine.trim()}</div> : null}
          </div>
        </div>
        <div className="evidence-cover__title">Patch compliance evidence pack</div>
        <div className="evidence-cover__site">{siteName}</div>
        <div className="evidence-cover__lines" aria-hidden="true">
          <span />
          <span />
          <span />
        </div>
      </div>
      <figcaption className="muted small">Cover preview</figcaption>
    </figure>
  );
}
