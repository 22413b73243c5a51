import type { EvidenceVerification } from '../../../../shared/contract/evidence';
import { Badge } from '../../components/badge';
import { Icon } from '../../components/icon';
import { formatCount } from '../../lib/format';
import { formatInstantIn, formatPeriod } from './pack-format';
import { FILE_STATUS_LABELS, FILE_STATUS_TONES, isVerified, packLevelProblems, signerVerdict, verificationVerdict, verifiedFileRows } from './verification-model';

/**
 * What a verification found: the verdict, who signed, what the pack is about, and every file.
 * An unknown signer offers `onTrust`, which hands its fingerprint to the trusted-signers form.
 */
export function VerifyResult({ result, fileName, onTrust }: { result: EvidenceVerification; fileName: string; onTrust?: (fingerprint: string) => void }) {
  const verified = isVerified(result);
  const verdict = verificationVerdict(result);
  const signer = signerVerdict(result);
  const rows = verifiedFileRows(result);
  // The problem the verdict already states is not listed again.
  const packProblems = packLevelProblems(result).filter((problem) => problem !== verdict.stated);
  const readable = result.about !== null || result.fingerprint !== null;
  const bad = rows.filter((row) => row.status !== 'ok').length;

  return (
    <div className="evidence-verify-result" data-testid="evidence-verify-result" data-ok={verified ? 'true' : 'false'} data-trust={result.trust?.kind ?? 'none'}>
      <div className={`evidence-verdict evidence-verdict--${verified ? 'ok' : 'failed'}`} role={verified ? 'status' : 'alert'}>
        <span className="evidence-verdict__icon" aria-hidden="true">
          <Icon name={verified ? 'check' : 'alert'} size={22} />
        </span>
        <div className="evidence-verdict__text">
          <strong className="evidence-verdict__title" data-testid="evidence-verify-title">
            {verdict.title}
          </strong>
          <span data-testid="evidence-verify-summary">{verdict.text}</span>
          <span className="evidence-verdict__file mono">{fileName}</span>
        </div>
      </div>

      {packProblems.length > 0 ? (
        <ul className="evidence-problems" data-testid="evidence-verify-problems">
          {packProblems.map((problem, index) => (
            // Each detail already names its file.
            <li key={`${problem.file}-${index}`}>{problem.detail}</li>
          ))}
        </ul>
      ) : null}

      {readable ? (
        <div className="evidence-verify-facts">
          <section className="card">
            <h3 className="section-title">Signer</h3>
            <p className={`evidence-signer evidence-signer--${signer.tone}`} data-testid="evidence-verify-signer">
              <Icon name={signer.tone === 'success' ? 'check' : signer.tone === 'neutral' ? 'info' : 'alert'} size={15} />
              {signer.text}
            </p>
            <p className="mono evidence-fingerprint" data-testid="evidence-verify-fingerprint">
              {result.fingerprint ?? '—'}
            </p>
            {result.trust?.kind === 'unknown' && result.signatureValid && result.fingerprint && onTrust ? (
              <div className="evidence-signer__actions">
                <button type="button" className="button button--small" onClick={() => onTrust(result.fingerprint ?? '')} data-testid="evidence-verify-trust">
                  Trust this key…
                </button>
                <span className="muted small">after the issuer confirmed the fingerprint by phone or mail</span>
              </div>
            ) : null}
          </section>
          <section className="card">
            <h3 className="section-title">About the pack</h3>
            {result.about ? (
              <dl className="evidence-facts evidence-facts--compact">
                <dt>Site</dt>
                <dd data-testid="evidence-verify-site">{result.about.siteName}</dd>
                <dt>Period</dt>
                <dd>
                  {formatPeriod(result.about.from, result.about.to)} <span className="muted">({result.about.timezone})</span>
                </dd>
                <dt>Generated</dt>
                <dd>
                  {formatInstantIn(result.about.generatedAt, result.about.timezone)} <span className="muted">by {result.about.generatedBy}</span>
                </dd>
              </dl>
            ) : (
              <p className="muted">The manifest cannot be read, so nothing in the pack can be trusted.</p>
            )}
          </section>
        </div>
      ) : null}

      {rows.length > 0 ? (
        <section className="card evidence-verify-files">
          <div className="evidence-card-head">
            <h3 className="evidence-card-title">Files</h3>
            <span className={bad > 0 ? 'text-danger small' : 'muted small'}>{bad > 0 ? `${formatCount(bad)} of ${formatCount(rows.length)} files fail the check` : `All ${formatCount(rows.length)} files intact`}</span>
          </div>
          <div className="table-scroll">
            <table className="simple-table evidence-verify-table">
              <thead>
                <tr>
                  <th scope="col">File</th>
                  <th scope="col">Status</th>
                  <th scope="col">What the check found</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.path} className={row.status === 'ok' ? undefined : 'evidence-verify-table__bad'} data-testid="evidence-verify-file-row" data-path={row.path} data-status={row.status}>
                    <td className="mono">{row.path}</td>
                    <td>
                      <Badge tone={FILE_STATUS_TONES[row.status]}>{FILE_STATUS_LABELS[row.status]}</Badge>
                    </td>
                    <td className={row.details.length > 0 ? 'evidence-verify-table__detail' : 'muted'}>{row.details.length > 0 ? row.details.join(' ') : 'SHA-256 matches the manifest'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </div>
  );
}
