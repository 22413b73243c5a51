/** `patchdesk import csv|nmap FILE`: the same importers the UI uses, with the suggested mapping. */
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { MAX_COLLECTION_FILE_BYTES, MAX_CSV_FILE_BYTES, MAX_NMAP_FILE_BYTES, type ImportReport } from '../../../shared/contract/import-export';
import { decodeCollectionFile } from '../../services/collect/collectors/index';
import { decodeCsvFile } from '../../services/import/csv-parser';
import { resolveAsset, resolveSite, type CliContext } from '../cli-context';
import { usageError } from '../cli-error';

export const IMPORT_USAGE =
  'patchdesk import csv FILE [--site NAME] [--delimiter ,|;|tab] [--no-header] [--json]\npatchdesk import nmap FILE [--site NAME] [--json]\npatchdesk import collection FILE [--site NAME] [--asset HOST [--force-host]] [--json]';

/** Runs an import and prints its report; bad rows make the exit code 2 after the good rows landed. */
export async function runImportCommand(context: CliContext, args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { site: { type: 'string' }, asset: { type: 'string' }, 'force-host': { type: 'boolean' }, delimiter: { type: 'string' }, 'no-header': { type: 'boolean' }, json: { type: 'boolean' } },
  });
  const [kind, file, ...extra] = positionals;
  if ((kind !== 'csv' && kind !== 'nmap' && kind !== 'collection') || !file || extra.length > 0) throw usageError(`Usage:\n${IMPORT_USAGE}`);
  const site = await resolveSite(context, values.site);
  const bytes = await readBounded(file, kind);

  if (kind === 'collection') {
    if (values['force-host'] && !values.asset) throw usageError('--force-host needs --asset HOST: it attaches the file to that asset although the file names another host');
    const asset = values.asset ? await resolveAsset(context, site, values.asset, '--asset') : undefined;
    const stored = await context.call('collect:importFile', {
      siteId: site.id,
      text: decodeCollectionFile(bytes),
      fileName: basename(file),
      forceHost: values['force-host'] ?? false,
      ...(asset ? { assetId: asset.id } : {}),
    });
    if (values.json) context.out(JSON.stringify(stored, null, 2));
    else context.out(`Imported the collection of ${stored.hostname} (asset ${stored.assetId}): ${stored.pending} pending updates, ${stored.security} security.`);
    return;
  }

  let report: ImportReport;
  if (kind === 'csv') {
    const { text } = decodeCsvFile(bytes);
    const delimiter = parseDelimiter(values.delimiter);
    const preview = await context.call('import:csvPreview', { text, fileName: basename(file), ...(delimiter ? { delimiter } : {}), ...(values['no-header'] ? { hasHeader: false } : {}) });
    if (Object.keys(preview.suggestedMapping).length === 0) {
      throw usageError(`${file}: no column could be matched to an inventory field (columns: ${preview.columns.join(', ')}). Name columns like hostname, ip, mac, os, owner.`);
    }
    report = await context.call('import:csvCommit', { siteId: site.id, text, fileName: basename(file), delimiter: preview.delimiter, hasHeader: preview.hasHeader, mapping: preview.suggestedMapping });
  } else {
    report = await context.call('import:nmap', { siteId: site.id, xml: bytes.toString('utf8'), fileName: basename(file) });
  }

  if (values.json) context.out(JSON.stringify(report, null, 2));
  else {
    context.out(`Imported ${basename(file)} into "${site.name}": ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.errors.length} rejected.`);
    for (const error of report.errors) context.err(`${basename(file)}: line ${error.line}: ${stripLinePrefix(error.message)}`);
    for (const warning of report.warnings) context.err(`${basename(file)}: warning: ${warning}`);
  }
  if (report.errors.length > 0) process.exitCode = 2;
}

const LIMITS = { csv: MAX_CSV_FILE_BYTES, nmap: MAX_NMAP_FILE_BYTES, collection: MAX_COLLECTION_FILE_BYTES } as const;

/** Reads the file only after its size is known to be within the import's limit. */
async function readBounded(file: string, kind: keyof typeof LIMITS): Promise<Buffer> {
  const unreadable = (error: NodeJS.ErrnoException) => usageError(`cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
  const info = await stat(file).catch((error: NodeJS.ErrnoException) => {
    throw unreadable(error);
  });
  if (!info.isFile()) throw usageError(`cannot read ${file}: it is not a regular file`);
  const limit = LIMITS[kind];
  if (info.size > limit) {
    throw usageError(`${file} is ${(info.size / 1024 / 1024).toFixed(1)} MB; a ${kind} import reads files up to ${limit / 1024 / 1024} MB. Nothing was read or imported.`);
  }
  return readFile(file).catch((error: NodeJS.ErrnoException) => {
    throw unreadable(error);
  });
}

function parseDelimiter(value: string | undefined): ',' | ';' | '\t' | undefined {
  if (value === undefined) return undefined;
  if (value === ',' || value === ';') return value;
  if (value === 'tab' || value === '\t') return '\t';
  throw usageError(`--delimiter must be ",", ";" or "tab" (got "${value}")`);
}

function stripLinePrefix(message: string): string {
  return message.replace(/^line \d+:\s*/, '');
}
