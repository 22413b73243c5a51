import { useMemo, useState } from 'react';
import type { Asset, ResponseOf } from '../../../../shared/contract';
import { errorMessage, isApiClientError } from '../../api/api-client-error';
import { Dialog } from '../../components/dialog';
import { Field } from '../../components/field';
import { InlineAlert } from '../../components/inline-alert';
import { formatCount } from '../../lib/format';
import { FilePicker } from '../import-export/file-picker';
import { decodeCollectionBytes } from './decode-collection-file';
import { useImportCollection } from './use-patch-status';

/** Larger than the host accepts; refused before reading so a wrong pick does not freeze the window. */
const MAX_BYTES = 100 * 1024 * 1024;

/**
 * Imports an offline collection file: for hosts Patchdesk cannot reach, the admin runs the
 * collection script there and brings back its output. The file is read as bytes and decoded
 * here, because Windows PowerShell writes UTF-16.
 */
export function OfflineImportDialog({ siteId, assets, onClose, onOpenHost }: { siteId: number; assets: readonly Asset[]; onClose: () => void; onOpenHost: (assetId: number) => void }) {
  const [assetId, setAssetId] = useState<number | ''>('');
  const [result, setResult] = useState<(ResponseOf<'collect:importFile'> & { fileName: string }) | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  // A file that names another host than the chosen asset waits here until the admin attaches it anyway.
  const [otherHost, setOtherHost] = useState<File | null>(null);
  const importFile = useImportCollection();
  const active = useMemo(() => assets.filter((asset) => asset.status === 'active').sort((a, b) => (a.hostname || a.addresses[0] || '').localeCompare(b.hostname || b.addresses[0] || '')), [assets]);

  const read = async (file: File, forceHost = false) => {
    setError(null);
    setOtherHost(null);
    if (file.size > MAX_BYTES) {
      setError('The file is larger than 100 MB; that is not a collection file.');
      return;
    }
    setReading(true);
    try {
      const text = decodeCollectionBytes(new Uint8Array(await file.arrayBuffer()));
      const imported = await importFile.run({ siteId, text, fileName: file.name, forceHost, ...(assetId === '' ? {} : { assetId }) });
      setResult({ ...imported, fileName: file.name });
    } catch (caught) {
      setError(errorMessage(caught));
      if (isApiClientError(caught, 'conflict') && assetId !== '') setOtherHost(file);
    } finally {
      setReading(false);
    }
  };

  return (
    <Dialog
      title="Import an offline collection"
      description="For hosts Patchdesk cannot reach over the network."
      onClose={onClose}
      size="medium"
      testId="offline-import-dialog"
      footer={
        <>
          {result ? (
            <button type="button" className="button" onClick={() => setResult(null)} data-testid="offline-import-another">
              Import another
            </button>
          ) : null}
          <button type="button" className={`button${result ? ' button--primary' : ''}`} onClick={onClose} data-testid="offline-import-done">
            {result ? 'Done' : 'Cancel'}
          </button>
        </>
      }
    >
      {result ? (
        <div className="import-result" data-testid="offline-import-result">
          <InlineAlert tone="success" title={`Imported ${result.hostname}`}>
            From <span className="mono">{result.fileName}</span>:{' '}
            <strong data-testid="offline-import-pending">{formatCount(result.pending)}</strong> pending updates,{' '}
            <strong data-testid="offline-import-security" className={result.security > 0 ? 'text-danger' : undefined}>
              {formatCount(result.security)}
            </strong>{' '}
            of them security fixes.
          </InlineAlert>
          <button type="button" className="button" onClick={() => onOpenHost(result.assetId)} data-testid="offline-import-open">
            Open {result.hostname}
          </button>
        </div>
      ) : (
        <div className="form-sections">
          <ol className="plain-list offline-steps">
            <li>
              Save the script with <code>patchdesk collect-script linux &gt; patchdesk-collect.sh</code> (or <code>windows &gt; patchdesk-collect.ps1</code>) and copy it to the host.
            </li>
            <li>
              Run it there: <code>sh patchdesk-collect.sh &gt; "$(uname -n).pdc"</code>, or on Windows <code>powershell -ExecutionPolicy Bypass -File patchdesk-collect.ps1 &gt; "$env:COMPUTERNAME.pdc"</code>. No root needed, nothing is installed.
            </li>
            <li>Bring the .pdc file back and pick it below.</li>
          </ol>
          <Field label="Asset" hint="Leave on “Match by hostname” to use the hostname in the file.">
            {(control) => (
              <select {...control} className="select" value={assetId} onChange={(event) => setAssetId(event.target.value === '' ? '' : Number(event.target.value))} data-testid="offline-import-asset">
                <option value="">Match by hostname in the file</option>
                {active.map((asset) => (
                  <option key={asset.id} value={asset.id}>
                    {asset.hostname || asset.addresses[0] || `asset ${asset.id}`}
                    {asset.hostname && asset.addresses[0] ? ` (${asset.addresses[0]})` : ''}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <FilePicker label="collection file" accept=".pdc,.txt,text/plain" busy={reading || importFile.pending} onFile={(file) => void read(file)} testId="offline-import-file" />
          {error ? (
            <InlineAlert title="Nothing was imported" testId="offline-import-error">
              {error}
            </InlineAlert>
          ) : null}
          {otherHost ? (
            <button type="button" className="button" onClick={() => void read(otherHost, true)} data-testid="offline-import-force-host">
              Attach {otherHost.name} to this asset anyway
            </button>
          ) : null}
        </div>
      )}
    </Dialog>
  );
}
