import { useRef } from 'react';
import type { EvidencePackRecord, EvidencePreview } from '../../../../shared/contract/evidence';
import { errorMessage } from '../../api/api-client-error';
import { InlineAlert } from '../../components/inline-alert';
import { useToast } from '../../components/toast';
import type { Route } from '../shell/route';
import { periodProblem, type DayRange, type EvidencePeriodPreset } from './evidence-period';
import { ExportPanel } from './export-panel';
import { PeriodPicker } from './period-picker';
import { PreviewPanel } from './preview-panel';
import { useDebounced, useEvidencePreview, useExportPack, usePackDownload } from './use-evidence';

/** Typed dates settle for this long before the preview is asked for. */
const PREVIEW_DELAY_MS = 300;

/**
 * Build a pack: pick the period, read the preview (what the report will say and hold, what to
 * fix first), export the signed pack and download it.
 */
export function BuildPackTab({
  siteId,
  timeZone,
  today,
  preset,
  range,
  exported,
  onPreset,
  onRange,
  onExported,
  onNavigate,
}: {
  siteId: number;
  timeZone: string;
  today: string;
  preset: EvidencePeriodPreset;
  range: DayRange;
  exported: EvidencePackRecord | null;
  onPreset: (preset: EvidencePeriodPreset) => void;
  onRange: (range: DayRange) => void;
  onExported: (record: EvidencePackRecord | null) => void;
  onNavigate: (route: Route) => void;
}) {
  const notify = useToast();
  const valid = periodProblem(range, today) === null;
  const settled = useDebounced(valid ? range : null, PREVIEW_DELAY_MS);
  const preview = useEvidencePreview(siteId, settled);
  const exportPack = useExportPack(siteId, onExported);
  const { download, pendingId } = usePackDownload();

  // The last preview stays on screen, dimmed, while the next period's loads: nothing jumps.
  const lastPreview = useRef<EvidencePreview | undefined>(undefined);
  if (preview.data) lastPreview.current = preview.data;
  const shown = preview.data ?? lastPreview.current;
  const stale = !preview.data || preview.fetching || settled !== (valid ? range : null);
  const matchesExport = exported !== null && exported.periodFrom === range.from && exported.periodTo === range.to;

  const runExport = () => {
    if (!valid) return;
    onExported(null);
    void exportPack.start({ siteId, from: range.from, to: range.to });
  };

  const runDownload = (record: EvidencePackRecord) => {
    download(record.id).then(
      (fileName) => notify({ tone: 'success', text: `Downloading ${fileName}` }),
      (error: unknown) => notify({ tone: 'danger', text: `The pack could not be downloaded: ${errorMessage(error)}` }),
    );
  };

  return (
    <div className="evidence-build">
      <PeriodPicker preset={preset} range={range} today={today} timeZone={timeZone} onPreset={onPreset} onRange={onRange} />
      <div className="evidence-build__grid">
        <div className="evidence-build__main">
          {preview.error && !preview.fetching && valid ? (
            <InlineAlert title="The preview could not be built">{errorMessage(preview.error)}</InlineAlert>
          ) : shown ? (
            <PreviewPanel preview={shown} stale={stale} onNavigate={onNavigate} />
          ) : valid ? (
            <div className="card evidence-preview-loading" aria-busy="true" aria-label="Loading the preview">
              <div className="skeleton-block" />
            </div>
          ) : null}
        </div>
        <aside className="evidence-build__aside">
          <ExportPanel
            preview={shown}
            canExport={valid && !stale}
            exporting={exportPack.running}
            progress={{ phase: exportPack.phase, fraction: exportPack.fraction, cancelling: exportPack.cancelling }}
            onCancel={() => void exportPack.cancel()}
            error={exportPack.error ? errorMessage(exportPack.error) : null}
            exported={matchesExport ? exported : null}
            downloading={exported !== null && pendingId === exported.id}
            onExport={runExport}
            onDownload={runDownload}
            onVerify={() => onNavigate({ screen: 'evidence', tab: 'verify' })}
            onBranding={() => onNavigate({ screen: 'evidence', tab: 'settings' })}
          />
        </aside>
      </div>
    </div>
  );
}
