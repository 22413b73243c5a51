import { useEffect, useRef, useState } from 'react';
import type { EvidenceVerification } from '../../../../shared/contract/evidence';
import { errorMessage } from '../../api/api-client-error';
import { Field } from '../../components/field';
import { InlineAlert } from '../../components/inline-alert';
import { FilePicker } from '../import-export/file-picker';
import { bytesToBase64 } from './base64';
import { formatBytes } from './pack-format';
import { TrustedSignersCard, type TrustRequest } from './trusted-signers-card';
import { useInstallationFingerprint, useVerifyPack } from './use-evidence';
import { VerifyResult } from './verify-result';

/** A picked pack, kept so it can be checked again against another key. */
interface PickedPack {
  name: string;
  size: number;
  base64: string;
}

/**
 * Verify a pack: pick the ZIP, optionally pin the fingerprint it must be signed with, and read
 * which file, if any, no longer matches what was signed, and whether its signer is trusted. The
 * trusted signers are managed below; trusting or removing one checks the picked pack again.
 */
export function VerifyTab({ timeZone }: { timeZone: string }) {
  const verify = useVerifyPack();
  const installationFingerprint = useInstallationFingerprint().data?.fingerprint ?? undefined;
  const [pack, setPack] = useState<PickedPack | null>(null);
  const [reading, setReading] = useState(false);
  const [readError, setReadError] = useState<string | null>(null);
  const [pinned, setPinned] = useState('');
  const [result, setResult] = useState<{ verification: EvidenceVerification; fileName: string; pinned: string } | null>(null);
  const [trustRequest, setTrustRequest] = useState<TrustRequest | null>(null);

  const resultRef = useRef<HTMLDivElement>(null);
  const [recheckedAt, setRecheckedAt] = useState(0);

  // A re-check after the trusted signers changed keeps the old result on screen until the new one
  // arrives, then brings its verdict into view (the admin was down at the trusted-signers form).
  const check = (picked: PickedPack, key: string, recheck = false) => {
    if (!recheck) setResult(null);
    verify.run({ fileName: picked.name, base64: picked.base64, ...(key.trim() ? { pinnedFingerprint: key.trim() } : {}) }).then(
      (verification) => {
        setResult({ verification, fileName: picked.name, pinned: key.trim() });
        if (recheck) setRecheckedAt((count) => count + 1);
      },
      () => undefined,
    );
  };

  useEffect(() => {
    if (recheckedAt > 0) resultRef.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }, [recheckedAt]);

  const onFile = (file: File) => {
    setReading(true);
    setReadError(null);
    setResult(null);
    verify.reset();
    file.arrayBuffer().then(
      (buffer) => {
        const picked = { name: file.name, size: file.size, base64: bytesToBase64(new Uint8Array(buffer)) };
        setPack(picked);
        setReading(false);
        check(picked, pinned);
      },
      (error: unknown) => {
        setReading(false);
        setReadError(`“${file.name}” could not be read: ${errorMessage(error)}`);
      },
    );
  };

  const keyChanged = pack !== null && result !== null && result.pinned !== pinned.trim();

  return (
    <div className="evidence-verify">
      <section className="card evidence-verify__form" aria-labelledby="evidence-verify-title">
        <div className="evidence-verify__intro">
          <h2 className="evidence-card-title" id="evidence-verify-title">
            Verify a pack
          </h2>
          <p className="muted">
            Checks every file against the SHA-256 hashes in the signed manifest, the manifest’s Ed25519 signature, and that the signer is trusted: this installation, a trusted signer below, or the key you pin. Nothing is uploaded anywhere: the check runs in Patchdesk. The command line does the same: <code className="mono">patchdesk verify PACK.zip</code>.
          </p>
        </div>
        <div className="evidence-verify__inputs">
          <FilePicker label="signed pack (.zip)" accept=".zip,application/zip" busy={reading || verify.pending} onFile={onFile} testId="evidence-verify-file" />
          <Field
            label="Only trust this signing key (optional)"
            hint={
              installationFingerprint ? (
                <>
                  This installation’s key is <span className="mono">{installationFingerprint}</span>.{' '}
                  <button type="button" className="link-button" onClick={() => setPinned(installationFingerprint)}>
                    Use it
                  </button>
                </>
              ) : (
                'Paste the fingerprint the MSP gave you; a pack signed with any other key then fails, trusted or not.'
              )
            }
          >
            {(control) => <input {...control} className="input input--mono" placeholder="SHA256:…" spellCheck={false} autoComplete="off" value={pinned} onChange={(event) => setPinned(event.target.value)} data-testid="evidence-verify-key" />}
          </Field>
          {pack ? (
            <div className="evidence-verify__picked">
              <span className="mono">{pack.name}</span>
              <span className="muted small">{formatBytes(pack.size)}</span>
              {keyChanged || verify.error ? (
                <button type="button" className="button button--small" disabled={verify.pending} onClick={() => check(pack, pinned)} data-testid="evidence-verify-again">
                  Check again
                </button>
              ) : null}
            </div>
          ) : null}
        </div>
      </section>

      {readError ? <InlineAlert title="The file was not checked">{readError}</InlineAlert> : null}
      {verify.error ? <InlineAlert title="The pack could not be checked">{errorMessage(verify.error)}</InlineAlert> : null}
      {verify.pending ? (
        <div className="evidence-verify__checking" aria-live="polite">
          <span className="spinner" aria-hidden="true" />
          Checking {pack?.name ?? 'the pack'}…
        </div>
      ) : null}
      <div ref={resultRef} className="evidence-verify__result-anchor">
        {result ? <VerifyResult result={result.verification} fileName={result.fileName} onTrust={(fingerprint) => setTrustRequest((last) => ({ fingerprint, at: (last?.at ?? 0) + 1 }))} /> : null}
      </div>
      <TrustedSignersCard timeZone={timeZone} request={trustRequest} onChanged={() => (pack ? check(pack, pinned, true) : undefined)} />
    </div>
  );
}
