import { useState } from 'react';
import type { ImportReport } from '../../../../shared/contract';
import { MAX_NMAP_FILE_BYTES } from '../../../../shared/contract/import-export';
import { errorMessage } from '../../api/api-client-error';
import { Dialog } from '../../components/dialog';
import { InlineAlert } from '../../components/inline-alert';
import { FilePicker } from './file-picker';
import { ImportReportView } from './import-report-view';
import { useNmapImport } from './use-import-export';

/** Imports an nmap XML report (`nmap -oX`), merging hosts like a scan would. */
export function NmapImportDialog({ siteId, onClose }: { siteId: number; onClose: () => void }) {
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  const nmap = useNmapImport();

  const importFile = async (file: File) => {
    setError(null);
    if (file.size > MAX_NMAP_FILE_BYTES) {
      setError(`“${file.name}” is ${(file.size / 1024 / 1024).toFixed(1)} MB; an nmap import reads files up to ${MAX_NMAP_FILE_BYTES / 1024 / 1024} MB. Nothing was read.`);
      return;
    }
    setReading(true);
    try {
      const xml = await file.text();
      setReport(await nmap.run({ siteId, xml, fileName: file.name }));
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setReading(false);
    }
  };

  return (
    <Dialog
      title="Import nmap XML"
      description={
        <>
          A report saved with <code>nmap -oX</code>. New hosts arrive as unreviewed, known hosts are updated.
        </>
      }
      onClose={onClose}
      size="medium"
      testId="nmap-import-dialog"
      footer={
        <button type="button" className={`button${report ? ' button--primary' : ''}`} onClick={onClose} data-testid="nmap-done">
          {report ? 'Done' : 'Cancel'}
        </button>
      }
    >
      {error ? <InlineAlert title="Nothing was imported">{error}</InlineAlert> : null}
      {report ? <ImportReportView report={report} /> : <FilePicker label="nmap XML file" accept=".xml,text/xml,application/xml" busy={reading || nmap.pending} onFile={(file) => void importFile(file)} testId="nmap-file" />}
    </Dialog>
  );
}
