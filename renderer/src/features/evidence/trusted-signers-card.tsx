import { useEffect, useRef, useState, type FormEvent } from 'react';
import { parseSigningFingerprint } from '../../../../shared/domain/evidence/signing-fingerprint';
import { errorMessage, isApiClientError } from '../../api/api-client-error';
import { Field } from '../../components/field';
import { InlineAlert } from '../../components/inline-alert';
import { plural } from '../../lib/format';
import { formatInstantIn } from './pack-format';
import { useTrustedSigners, useTrustSigner, useUntrustSigner } from './use-evidence';

/** A fingerprint handed over from a verification ("Trust this key…"); `at` tells two hand-overs of the same key apart. */
export interface TrustRequest {
  fingerprint: string;
  at: number;
}

/**
 * The keys, besides this installation's, whose packs verify here: the list, adding one by its
 * fingerprint and a name, and removing one. A verification's "Trust this key…" fills the form.
 */
export function TrustedSignersCard({ timeZone, request, onChanged }: { timeZone: string; request: TrustRequest | null; onChanged: () => void }) {
  const signers = useTrustedSigners();
  const trust = useTrustSigner();
  const untrust = useUntrustSigner();
  const [fingerprint, setFingerprint] = useState('');
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<{ fingerprint?: string; name?: string; form?: string }>({});
  const [confirming, setConfirming] = useState<string | null>(null);
  const cardRef = useRef<HTMLElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!request) return;
    setFingerprint(request.fingerprint);
    setErrors({});
    cardRef.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    nameRef.current?.focus();
  }, [request]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseSigningFingerprint(fingerprint);
    const found = { ...(parsed.ok ? {} : { fingerprint: parsed.message }), ...(name.trim() ? {} : { name: 'Say whose key this is.' }) };
    setErrors(found);
    if (!parsed.ok || !name.trim()) return;
    trust.run({ fingerprint: parsed.fingerprint, name }).then(
      () => {
        setFingerprint('');
        setName('');
        onChanged();
      },
      (error: unknown) => setErrors(fieldErrors(error)),
    );
  };

  const remove = (target: string) => {
    untrust.run({ fingerprint: target }).then(
      () => {
        setConfirming(null);
        onChanged();
      },
      () => setConfirming(null),
    );
  };

  const list = signers.data ?? [];
  return (
    <section ref={cardRef} className="card evidence-trusted" aria-labelledby="evidence-trusted-title" data-testid="trusted-signers">
      <div className="evidence-card-head">
        <h2 className="evidence-card-title" id="evidence-trusted-title">
          Trusted signers
        </h2>
        <span className="muted small">{signers.data ? `${plural(list.length, 'key')} besides this installation’s` : ''}</span>
      </div>
      <p className="evidence-trusted__explain muted">
        Packs signed with these keys verify here, as well as packs signed with this installation’s own key. A signature only proves who holds the key, so add a key only after comparing its fingerprint with the issuer <strong>by phone or mail</strong>, never from the pack itself.
      </p>

      {signers.error ? <InlineAlert title="The trusted signers could not be loaded">{errorMessage(signers.error)}</InlineAlert> : null}
      {untrust.error ? <InlineAlert title="The key was not removed">{errorMessage(untrust.error)}</InlineAlert> : null}
      {signers.data && list.length === 0 ? <p className="evidence-trusted__empty">No trusted signers yet: only packs signed with this installation’s key, or with a key pinned above, verify here.</p> : null}
      {list.length > 0 ? (
        <div className="table-scroll">
          <table className="simple-table evidence-trusted-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Fingerprint</th>
                <th scope="col">Added ({timeZone})</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((signer) => (
                <tr key={signer.fingerprint} data-testid="trusted-signer-row" data-fingerprint={signer.fingerprint}>
                  <td>{signer.name}</td>
                  <td className="mono evidence-fingerprint">{signer.fingerprint}</td>
                  <td className="evidence-trusted-table__added">
                    {formatInstantIn(signer.addedAt, timeZone)} <span className="muted">by {signer.addedBy}</span>
                  </td>
                  <td className="evidence-trusted-table__actions">
                    {confirming === signer.fingerprint ? (
                      <>
                        <button type="button" className="button button--small button--danger" disabled={untrust.pending} onClick={() => remove(signer.fingerprint)} data-testid="trusted-signer-remove-confirm">
                          Stop trusting
                        </button>
                        <button type="button" className="button button--small button--ghost" onClick={() => setConfirming(null)}>
                          Cancel
                        </button>
                      </>
                    ) : (
                      <button type="button" className="button button--small" onClick={() => setConfirming(signer.fingerprint)} data-testid="trusted-signer-remove">
                        Remove
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      <form className="evidence-trusted__form" onSubmit={submit} noValidate data-testid="trusted-signer-form">
        <Field label="Fingerprint" error={errors.fingerprint} className="evidence-trusted__fingerprint">
          {(control) => (
            <input {...control} className="input input--mono" placeholder="SHA256:…" spellCheck={false} autoComplete="off" value={fingerprint} onChange={(event) => setFingerprint(event.target.value)} data-testid="trusted-signer-fingerprint" />
          )}
        </Field>
        <Field label="Whose key it is" error={errors.name}>
          {(control) => <input {...control} ref={nameRef} className="input" placeholder="e.g. Northwind IT, Berlin office" maxLength={200} value={name} onChange={(event) => setName(event.target.value)} data-testid="trusted-signer-name" />}
        </Field>
        <button type="submit" className="button button--primary evidence-trusted__submit" disabled={trust.pending} data-testid="trusted-signer-add">
          Trust this key
        </button>
      </form>
      {errors.form ? <InlineAlert title="The key was not added">{errors.form}</InlineAlert> : null}
    </section>
  );
}

/** The host's refusal, next to the field it concerns where it names one. */
function fieldErrors(error: unknown): { fingerprint?: string; name?: string; form?: string } {
  if (!isApiClientError(error) || error.issues.length === 0) return { form: errorMessage(error) };
  const of = (field: string) => error.issues.find((issue) => issue.path === field)?.message;
  const fingerprint = of('fingerprint');
  const name = of('name');
  if (error.code === 'conflict') return { fingerprint: error.message };
  return { ...(fingerprint ? { fingerprint } : {}), ...(name ? { name } : {}), ...(!fingerprint && !name ? { form: errorMessage(error) } : {}) };
}
