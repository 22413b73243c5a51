import type { SigningKeyInfo } from '../../../../shared/contract/evidence';
import { CopyButton } from '../../components/copy-button';

/**
 * The installation's signing key, public half: the fingerprint clients pin and the PEM for
 * OpenSSL. The private half never leaves the data folder.
 */
export function SigningKeyCard({ signingKey }: { signingKey: SigningKeyInfo }) {
  return (
    <section className="card evidence-key" aria-labelledby="evidence-key-title">
      <div className="evidence-card-head">
        <h2 className="evidence-card-title" id="evidence-key-title">
          Signing key
        </h2>
        <span className="muted small">{signingKey.algorithm}, this installation</span>
      </div>
      <p className="evidence-key__explain">
        Every pack’s manifest is signed with this key, and its fingerprint is printed in the report. Give the fingerprint to each client <strong>by mail or phone</strong>, not inside the pack: they check packs with{' '}
        <code className="mono">patchdesk verify PACK.zip --key {signingKey.fingerprint}</code>, and a pack signed with any other key fails.
      </p>
      <div className="evidence-key__row">
        <div className="evidence-key__pem-head">
          <span className="section-title">Fingerprint</span>
          <CopyButton text={signingKey.fingerprint} label="Copy the fingerprint" testId="signing-fingerprint-copy" />
        </div>
        <div className="evidence-key__value mono evidence-fingerprint evidence-fingerprint--large" data-testid="signing-fingerprint">
          {signingKey.fingerprint}
        </div>
      </div>
      <div className="evidence-key__row">
        <div className="evidence-key__pem-head">
          <span className="section-title">Public key (PEM)</span>
          <CopyButton text={signingKey.publicKeyPem} label="Copy the public key" testId="signing-pem-copy" />
        </div>
        <pre className="evidence-key__pem mono" data-testid="signing-public-key">
          {signingKey.publicKeyPem.trim()}
        </pre>
        <p className="muted small">To check a pack without Patchdesk, save this as key.pem and follow VERIFY.txt inside the pack (OpenSSL 3).</p>
      </div>
    </section>
  );
}
