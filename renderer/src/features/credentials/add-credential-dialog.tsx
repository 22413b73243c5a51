import { useId, useState } from 'react';
import type { Credential } from '../../../../shared/contract';
import { errorMessage, isApiClientError } from '../../api/api-client-error';
import { Dialog } from '../../components/dialog';
import { DialogFooterActions } from '../../components/dialog-footer-actions';
import { Field } from '../../components/field';
import { InlineAlert } from '../../components/inline-alert';
import { SegmentedControl } from '../../components/segmented-control';
import { useToast } from '../../components/toast';
import { issuesByField } from '../../lib/issue-paths';
import { buildCredentialRequest, clearSecrets, EMPTY_CREDENTIAL_FORM, type CredentialFormField, type CredentialFormValues } from './credential-form-model';
import { useCreateCredential } from './use-credentials';

/** A private key file is small; anything bigger is not one and would only slow the form. */
const MAX_KEY_FILE_BYTES = 64 * 1024;

/**
 * Adds a credential. Fields follow the kind (SSH key or password, WinRM, SNMP). Every secret
 * field is a password input (the key a textarea) and is emptied after each submit, so a secret
 * never lingers in the form whether the host accepted it or not.
 */
export function AddCredentialDialog({ siteId, siteName, onClose, onCreated }: { siteId: number; siteName: string; onClose: () => void; onCreated: (credential: Credential) => void }) {
  const [values, setValues] = useState<CredentialFormValues>(EMPTY_CREDENTIAL_FORM);
  const [errors, setErrors] = useState<Partial<Record<CredentialFormField, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const create = useCreateCredential();
  const notify = useToast();
  const keyFileId = useId();
  const set = (patch: Partial<CredentialFormValues>) => setValues((current) => ({ ...current, ...patch }));

  const submit = async () => {
    const built = buildCredentialRequest(values, siteId);
    if (!built.ok) {
      setErrors(built.errors);
      return;
    }
    setErrors({});
    setFormError(null);
    // Clear before the answer: the request already holds what it needs.
    setValues((current) => clearSecrets(current));
    try {
      const created = await create.run(built.request);
      notify({ tone: 'success', text: `Saved "${created.name}"` });
      onCreated(created);
    } catch (caught) {
      const byPath = isApiClientError(caught) ? issuesByField(caught.issues) : {};
      setErrors({ name: byPath['name'], username: byPath['username'] });
      setFormError(`${errorMessage(caught)}. Secrets were cleared: enter them again.`);
    }
  };

  const readKeyFile = async (file: File) => {
    if (file.size > MAX_KEY_FILE_BYTES) {
      setErrors((current) => ({ ...current, privateKey: 'That file is too large to be a private key.' }));
      return;
    }
    set({ privateKey: await file.text() });
  };

  const secretInput = (key: 'password' | 'keyPassphrase' | 'sudoPassword' | 'community', testId: string) => (control: Parameters<Parameters<typeof Field>[0]['children']>[0]) => (
    <input {...control} type="password" className="input" autoComplete="new-password" spellCheck={false} value={values[key]} onChange={(event) => set({ [key]: event.target.value })} data-testid={testId} />
  );

  return (
    <Dialog
      title="Add a credential"
      description="Patchdesk uses it to log in and read patch state. Use a dedicated account with the least rights that work."
      onClose={onClose}
      size="large"
      testId="add-credential-dialog"
      footer={<DialogFooterActions formId="add-credential-form" onCancel={onClose} pending={create.pending} label="Save credential" pendingLabel="Saving…" testId="credential-submit" />}
    >
      <form
        id="add-credential-form"
        className="form-sections"
        noValidate
        autoComplete="off"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <div className="form-grid">
          <Field label="Name" error={errors.name}>
            {(control) => <input {...control} className="input" value={values.name} placeholder="Linux servers (patchdesk)" onChange={(event) => set({ name: event.target.value })} data-testid="credential-name" />}
          </Field>
          <div className="field">
            <span className="field__label">Used on</span>
            <SegmentedControl
              label="Used on"
              value={values.scope}
              onChange={(scope) => set({ scope })}
              testId="credential-scope"
              options={[
                { value: 'site', label: siteName },
                { value: 'all', label: 'Every site' },
              ]}
            />
          </div>
          <div className="field form-grid__full">
            <span className="field__label">Kind</span>
            <SegmentedControl
              label="Kind"
              value={values.kind}
              onChange={(kind) => set({ kind })}
              testId="credential-kind"
              options={[
                { value: 'ssh', label: 'SSH (Linux, macOS, network)' },
                { value: 'winrm', label: 'WinRM (Windows)' },
                { value: 'snmp', label: 'SNMP community' },
              ]}
            />
          </div>
        </div>

        {values.kind === 'ssh' ? (
          <fieldset className="form-section">
            <legend>SSH login</legend>
            <div className="form-grid">
              <Field label="User" error={errors.username} hint="A user that can run the package manager’s read commands.">
                {(control) => <input {...control} className="input input--mono" autoComplete="off" spellCheck={false} value={values.username} placeholder="patchdesk" onChange={(event) => set({ username: event.target.value })} data-testid="credential-username" />}
              </Field>
              <div className="field">
                <span className="field__label">Log in with</span>
                <SegmentedControl
                  label="Log in with"
                  value={values.sshAuth}
                  onChange={(sshAuth) => set({ sshAuth })}
                  testId="credential-ssh-auth"
                  options={[
                    { value: 'key', label: 'Private key' },
                    { value: 'password', label: 'Password' },
                  ]}
                />
              </div>
              {values.sshAuth === 'key' ? (
                <>
                  <Field
                    label="Private key"
                    className="form-grid__full"
                    error={errors.privateKey}
                    hint={
                      <>
                        Paste it (<code>-----BEGIN OPENSSH PRIVATE KEY-----</code> …) or{' '}
                        <label htmlFor={keyFileId} className="link-button">
                          choose the key file
                        </label>
                        . Only its fingerprint is ever shown again.
                      </>
                    }
                  >
                    {(control) => (
                      <textarea
                        {...control}
                        className="input input--mono secret-textarea"
                        rows={5}
                        autoComplete="off"
                        spellCheck={false}
                        value={values.privateKey}
                        onChange={(event) => set({ privateKey: event.target.value })}
                        data-testid="credential-private-key"
                      />
                    )}
                  </Field>
                  <input
                    id={keyFileId}
                    type="file"
                    className="visually-hidden"
                    aria-label="Private key file"
                    data-testid="credential-key-file"
                    onChange={(event) => {
                      const file = event.target.files?.[0];
                      if (file) void readKeyFile(file);
                      event.target.value = '';
                    }}
                  />
                  <Field label="Key passphrase" hint="Only if the key is encrypted.">
                    {secretInput('keyPassphrase', 'credential-key-passphrase')}
                  </Field>
                </>
              ) : (
                <Field label="Password" error={errors.password}>
                  {secretInput('password', 'credential-password')}
                </Field>
              )}
              <Field label="sudo password" hint="Optional: only if the user needs one for sudo. Passwordless sudo for the package tools is safer.">
                {secretInput('sudoPassword', 'credential-sudo-password')}
              </Field>
            </div>
          </fieldset>
        ) : null}

        {values.kind === 'winrm' ? (
          <fieldset className="form-section">
            <legend>WinRM login</legend>
            <div className="form-grid">
              <Field label="User" error={errors.username} hint={<>Domain accounts as <code>DOMAIN\user</code> or <code>user@domain</code>; local as <code>.\user</code>.</>}>
                {(control) => <input {...control} className="input input--mono" autoComplete="off" spellCheck={false} value={values.username} placeholder="CORP\patchdesk" onChange={(event) => set({ username: event.target.value })} data-testid="credential-username" />}
              </Field>
              <Field label="Password" error={errors.password}>
                {secretInput('password', 'credential-password')}
              </Field>
              <div className="field form-grid__full">
                <span className="field__label">Authentication</span>
                <SegmentedControl
                  label="Authentication"
                  value={values.winrmAuth}
                  onChange={(winrmAuth) => set({ winrmAuth })}
                  testId="credential-winrm-auth"
                  options={[
                    { value: 'ntlm', label: 'NTLM' },
                    { value: 'basic', label: 'Basic' },
                  ]}
                />
                <span className="field__hint">NTLM encrypts the session even over HTTP. Basic sends the password as-is: use it only over HTTPS (port 5986).</span>
              </div>
            </div>
          </fieldset>
        ) : null}

        {values.kind === 'snmp' ? (
          <fieldset className="form-section">
            <legend>SNMP</legend>
            <div className="form-grid">
              <Field label="Community" error={errors.community} hint="Read-only community (SNMP v2c).">
                {secretInput('community', 'credential-community')}
              </Field>
            </div>
          </fieldset>
        ) : null}

        {formError ? <InlineAlert title="The credential was not saved">{formError}</InlineAlert> : null}
      </form>
    </Dialog>
  );
}
