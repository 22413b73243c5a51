import { useState } from 'react';
import type { CsvMapping, CsvPreview, ImportReport } from '../../../../shared/contract';
import { MAX_CSV_FILE_BYTES } from '../../../../shared/contract/import-export';
import { errorMessage } from '../../api/api-client-error';
import { pruneMapping } from './csv-mapping';
import { useCsvCommit, useCsvPreview } from './use-import-export';

/** A CSV delimiter the host understands. */
export type Delimiter = CsvPreview['delimiter'];

interface LoadedFile {
  name: string;
  text: string;
}

/**
 * The CSV import flow: choose a file → preview (delimiter, header, suggested mapping) → adjust
 * the mapping → commit → report. Changing delimiter or header asks the host again, so the
 * sample always shows exactly how the file will be read.
 */
export function useCsvImport(siteId: number) {
  const [file, setFile] = useState<LoadedFile | null>(null);
  const [preview, setPreview] = useState<CsvPreview | null>(null);
  const [mapping, setMapping] = useState<CsvMapping>({});
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  const previewCall = useCsvPreview();
  const commitCall = useCsvCommit();

  const load = async (loaded: LoadedFile, options: { delimiter?: Delimiter; hasHeader?: boolean }) => {
    setError(null);
    try {
      const next = await previewCall.run({ text: loaded.text, fileName: loaded.name, ...options });
      setPreview(next);
      // Columns may have changed with the delimiter or header, so start again from the host's suggestion.
      setMapping(pruneMapping(next.suggestedMapping, next.columns.length));
    } catch (caught) {
      setError(errorMessage(caught));
    }
  };

  const chooseFile = async (chosen: File) => {
    setReport(null);
    // Checked before reading, so a wrong pick (a disk image, a log archive) never fills memory.
    if (chosen.size > MAX_CSV_FILE_BYTES) {
      setError(`“${chosen.name}” is ${(chosen.size / 1024 / 1024).toFixed(1)} MB; a CSV import reads files up to ${MAX_CSV_FILE_BYTES / 1024 / 1024} MB. Nothing was read.`);
      return;
    }
    setReading(true);
    try {
      const loaded = { name: chosen.name, text: await chosen.text() };
      setFile(loaded);
      await load(loaded, {});
    } catch (caught) {
      setError(`The file could not be read: ${errorMessage(caught)}`);
    } finally {
      setReading(false);
    }
  };

  const setDelimiter = (delimiter: Delimiter) => {
    if (file && preview) void load(file, { delimiter, hasHeader: preview.hasHeader });
  };
  const setHasHeader = (hasHeader: boolean) => {
    if (file && preview) void load(file, { delimiter: preview.delimiter, hasHeader });
  };

  const commit = async () => {
    if (!file || !preview) return;
    setError(null);
    try {
      setReport(await commitCall.run({ siteId, text: file.text, fileName: file.name, delimiter: preview.delimiter, hasHeader: preview.hasHeader, mapping }));
    } catch (caught) {
      setError(errorMessage(caught));
    }
  };

  const restart = () => {
    setFile(null);
    setPreview(null);
    setMapping({});
    setReport(null);
    setError(null);
  };

  return {
    file,
    preview,
    mapping,
    setMapping,
    report,
    error,
    busy: reading || previewCall.pending,
    committing: commitCall.pending,
    chooseFile,
    setDelimiter,
    setHasHeader,
    commit,
    restart,
  };
}
