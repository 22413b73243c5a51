import { useState } from 'react';
import type { VaultStatus } from '../../../../shared/contract';
import { errorMessage, isApiClientError } from '../../api/api-client-error';
import { Badge } from '../../components/badge';
import { Field } from '../../components/field';
import { Icon } from '../../components/icon';
import { InlineAlert } from '../../components/inline-alert';
import { useToast } from '../../components/toast';
import { MIN_PASSPHRASE_LENGTH, passphraseStrength } from './passphrase-strength';
import { useLockVault, useSetupVault, useUnlockVault } from './use-credentials';

/** The vault's state and the one action it needs: set up the first time, unlock, or lock. */
export function VaultPanel({ status }: { status: VaultStatus }) {
  return (
    <section className="card vault-panel" aria-labelledby="vault-title" data-testid="vault-panel" data-state={!status.initialized ? 'new' : status.unlocked ? 'unlocked' : 'locked'}>
      <div className="vault-panel__head">
        <span className={`vault-panel__icon${status.unlocked ? ' vault-panel__icon--open' : ''}`}>
          <Icon name="lock" size={20} />
        </span>
        <div className="vault-panel__title">
          <h2 id="vault-title" className="card__title">
            Credentials vault
          </h2>
          <p className="muted">Passwords and keys are encrypted on this machine with a key derived from your master passphrase. They are never shown again, exported, or sent anywhere but to the host they log in to.</p>
        </div>
        {status.initialized ? (
          <Badge tone={status.unlocked ? 'success' : 'warning'} testId="vault-state">
            {status.unlocked ? 'Unlocked' : 'Locked'}
          </Badge>
        ) : (
          <Badge testId="vault-state">Not set up</Badge>
        )}
      </div>
      {!status.initialized ? <VaultSetupForm /> : status.unlocked ? <VaultLockRow protection={status.protection} /> : <VaultUnlockForm />}
    </section>
  );
}

function VaultSetupForm() {
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [understood, setUnderstood] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const setup = useSetupVault();
  const notify = useToast();
  const strength = passphraseStrength(passphrase);
  const errors = {
    passphrase: passphrase.length < MIN_PASSPHRASE_LENGTH ? `Use at least ${MIN_PASSPHRASE_LENGTH} characters.` : undefined,
    confirm: confirm !== passphrase ? 'The two passphrases differ.' : undefined,
    understood: understood ? undefined : 'Confirm that you have stored the passphrase safely.',
  };

  const submit = async () => {
    setSubmitted(true);
    if (errors.passphrase || errors.confirm || errors.understood) return;
    try {
      await setup.run({ passphrase });
      setPassphrase('');
      setConfirm('');
      notify({ tone: 'success', text: 'The vault is ready and unlocked' });
    } catch {
      // Shown below from setup.error.
    }
  };

  return (
    <form
      className="vault-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <InlineAlert tone="warning" title="This passphrase cannot be recovered">
        Nobody, including Patchdesk, can reset it. If you lose it, every stored credential has to be entered again. Keep it in your password manager.
      </InlineAlert>
      <div className="form-grid">
        <Field
          label="Master passphrase"
          error={submitted ? errors.passphrase : undefined}
          hint={
            <span className={`strength strength--${strength.level}`} data-testid="vault-strength" data-level={strength.level}>
              <span className="strength__meter" aria-hidden="true">
                {[1, 2, 3, 4].map((step) => (
                  <span key={step} className={`strength__bar${strength.score >= step ? ' strength__bar--on' : ''}`} />
                ))}
              </span>
              {strength.text}
            </span>
          }
        >
          {(control) => <input {...control} type="password" className="input" autoComplete="new-password" value={passphrase} onChange={(event) => setPassphrase(event.target.value)} data-testid="vault-passphrase" />}
        </Field>
        <Field label="Repeat it" error={submitted ? errors.confirm : undefined}>
          {(control) => <input {...control} type="password" className="input" autoComplete="new-password" value={confirm} onChange={(event) => setConfirm(event.target.value)} data-testid="vault-passphrase-confirm" />}
        </Field>
      </div>
      <label className="checkbox confirm-check">
        <input type="checkbox" checked={understood} onChange={(event) => setUnderstood(event.target.checked)} data-testid="vault-understood" />
        <span>I have stored this passphrase somewhere safe; I know it cannot be recovered.</span>
      </label>
      {submitted && errors.understood ? <p className="field__error">{errors.understood}</p> : null}
      {setup.error ? <InlineAlert title="The vault was not created">{errorMessage(setup.error)}</InlineAlert> : null}
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={setup.pending} data-testid="vault-setup-submit">
          {setup.pending ? 'Creating…' : 'Create the vault'}
        </button>
      </div>
    </form>
  );
}

function VaultUnlockForm() {
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  const unlock = useUnlockVault();

  const submit = async () => {
    const typed = passphrase;
    setPassphrase('');
    try {
      await unlock.run({ passphrase: typed });
      setError(null);
    } catch (caught) {
      setError(isApiClientError(caught, 'unauthorized') ? 'Wrong passphrase. Check Caps Lock and try again.' : errorMessage(caught));
    }
  };

  return (
    <form
      className="vault-form vault-form--inline"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <Field label="Master passphrase" error={error ?? undefined} hint="Unlock to add credentials and to collect. The vault locks again when Patchdesk closes.">
        {(control) => <input {...control} type="password" className="input" autoComplete="current-password" value={passphrase} onChange={(event) => setPassphrase(event.target.value)} data-testid="vault-unlock-passphrase" />}
      </Field>
      <button type="submit" className="button button--primary" disabled={unlock.pending || passphrase === ''} data-testid="vault-unlock-submit">
        {unlock.pending ? 'Unlocking…' : 'Unlock'}
      </button>
    </form>
  );
}

function VaultLockRow({ protection }: { protection: VaultStatus['protection'] }) {
  const lock = useLockVault();
  const notify = useToast();
  return (
    <div className="vault-form vault-form--inline">
      <p className="muted vault-form__note">
        {protection === 'os-keychain' ? 'Unlocked through the operating system keychain.' : 'Unlocked with the master passphrase.'} Lock it when you step away; collection needs it unlocked.
      </p>
      <button type="button" className="button" disabled={lock.pending} onClick={() => lock.run({}).then(() => notify({ tone: 'success', text: 'Vault locked' }), (error: unknown) => notify({ tone: 'danger', text: errorMessage(error) }))} data-testid="vault-lock">
        <Icon name="lock" />
        Lock now
      </button>
    </div>
  );
}
