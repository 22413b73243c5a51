import { useEffect, useState } from 'react';
import type { EvidenceExportPhase, EvidencePackRecord, EvidencePreview } from '../../../../shared/contract/evidence';
import { Icon } from '../../components/icon';
import { InlineAlert } from '../../components/inline-alert';
import { formatBytes, formatPeriod, shortFingerprint, shortHash } from './pack-format';

/** Seconds since `running` turned true, ticking once a second; 0 when not running. */
function useElapsedSeconds(running: boolean): number {
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    if (!running) return;
    setSeconds(0);
    const started = Date.now();
    const timer = window.setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 1000);
    return () => window.clearInterval(timer);
  }, [running]);
  return running ? seconds : 0;
}

/** What each phase of an export is doing, in words. */
const PHASE_TEXT: Record<EvidenceExportPhase, string> = {
  reading: 'Reading the period’s figures…',
  pdf: 'Laying out the PDF report…',
  data: 'Writing the CSV and JSON files…',
  writing: 'Signing and writing the pack…',
};

/** The pack's file name, as the library names it (the host keeps the full path to itself). */
export function packFileName(record: EvidencePackRecord): string {
  return record.filePath.split(/[\\/]/).pop() ?? record.filePath;
}

/**
 * The export side of the build step: what will sign the pack, the button, the wait, and the
 * exported pack with its download.
 */
export function ExportPanel({
  preview,
  canExport,
  exporting,
  progress,
  error,
  exported,
  downloading,
  onExport,
  onCancel,
  onDownload,
  onVerify,
  onBranding,
}: {
  preview: EvidencePreview | undefined;
  canExport: boolean;
  exporting: boolean;
  /** The running export's phase and share done; `cancelling` once Cancel was pressed. */
  progress: { phase: EvidenceExportPhase | null; fraction: number; cancelling: boolean };
  error: string | null;
  exported: EvidencePackRecord | null;
  downloading: boolean;
  onExport: () => void;
  onCancel: () => void;
  onDownload: (record: EvidencePackRecord) => void;
  onVerify: () => void;
  onBranding: () => void;
}) {
  const elapsed = useElapsedSeconds(exporting);

  if (exported) {
    return (
      <section className="card evidence-export evidence-export--done" aria-labelledby="evidence-done-title" data-testid="evidence-export-done" data-pack-id={exported.id}>
        <div className="evidence-export__done-head">
          <span className="evidence-export__done-icon" aria-hidden="true">
            <Icon name="check" size={18} />
          </span>
          <div>
            <h2 className="evidence-card-title" id="evidence-done-title">
              Pack exported and signed
            </h2>
            <p className="muted small">{formatPeriod(exported.periodFrom, exported.periodTo)}</p>
          </div>
        </div>
        <dl className="evidence-facts">
          <dt>File</dt>
          <dd className="mono evidence-facts__wrap" data-testid="evidence-export-file">
            {packFileName(exported)}
          </dd>
          <dt>Size</dt>
          <dd data-testid="evidence-export-size">{formatBytes(exported.sizeBytes)}</dd>
          <dt>Manifest SHA-256</dt>
          <dd className="mono" title={exported.manifestSha256}>
            {shortHash(exported.manifestSha256)}
          </dd>
          <dt>Signed by</dt>
          <dd className="mono" title={exported.signerFingerprint}>
            {shortFingerprint(exported.signerFingerprint)}
          </dd>
        </dl>
        <button type="button" className="button button--primary button--block" disabled={downloading} onClick={() => onDownload(exported)} data-testid="evidence-download">
          <Icon name="download" />
          {downloading ? 'Preparing download…' : 'Download pack (.zip)'}
        </button>
        <p className="muted small evidence-export__note">Hand the ZIP to the client as it is. Anyone can check it against the signing-key fingerprint on the report’s cover.</p>
        <div className="evidence-export__links">
          <button type="button" className="link-button" onClick={onVerify}>
            Verify a pack
          </button>
          <button type="button" className="link-button" onClick={onExport} disabled={exporting || !canExport}>
            Export again
          </button>
        </div>
      </section>
    );
  }

  return (
    <section className="card evidence-export" aria-labelledby="evidence-export-title">
      <h2 className="evidence-card-title" id="evidence-export-title">
        Export the signed pack
      </h2>
      <dl className="evidence-facts">
        <dt>Report</dt>
        <dd>PDF, plus the same data as CSV and JSON</dd>
        <dt>Branding</dt>
        <dd>
          {preview ? (
            preview.branding.mspName ? (
              <>
                {preview.branding.mspName}
                {preview.branding.hasLogo ? <span className="muted"> · with logo</span> : null}
              </>
            ) : (
              <button type="button" className="link-button" onClick={onBranding}>
                None yet: set your MSP name
              </button>
            )
          ) : (
            '…'
          )}
        </dd>
        <dt>Signed by</dt>
        <dd className="mono" title={preview?.signerFingerprint} data-testid="evidence-signer">
          {preview ? shortFingerprint(preview.signerFingerprint) : '…'}
        </dd>
      </dl>
      {exporting ? (
        <div className="evidence-export__progress" aria-live="polite">
          <div
            className="evidence-progress"
            role="progressbar"
            aria-label="Exporting the evidence pack"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(progress.fraction * 100)}
            data-testid="evidence-export-progress"
            data-phase={progress.phase ?? ''}
          >
            <div className="evidence-progress__fill" style={{ width: `${Math.round(progress.fraction * 100)}%` }} />
          </div>
          <span className="muted small" data-testid="evidence-export-phase">
            {progress.cancelling ? 'Cancelling…' : progress.phase ? PHASE_TEXT[progress.phase] : 'Starting…'} {elapsed > 0 ? `${elapsed} s` : ''}
          </span>
          <button type="button" className="button button--block" onClick={onCancel} disabled={progress.cancelling} data-testid="evidence-export-cancel">
            Cancel export
          </button>
        </div>
      ) : null}
      {error ? <InlineAlert title="The pack was not exported">{error}</InlineAlert> : null}
      <button type="button" className="button button--primary button--block" disabled={!canExport || exporting} onClick={onExport} data-testid="evidence-export" data-state={exporting ? 'running' : 'idle'}>
        <Icon name="lock" />
        {exporting ? 'Exporting…' : 'Export signed pack'}
      </button>
      <p className="muted small evidence-export__note">Large sites take longer; the export can be cancelled and writes nothing until it is complete. The pack is kept in the pack library, so it can be downloaded again later.</p>
    </section>
  );
}
