/**
 * Offline collection for hosts Patchdesk cannot reach: the admin runs the script by hand, saves
 * its output as a `.pdc` file and imports it.
 *
 * Linux:   `sh patchdesk-collect.sh > "$(uname -n).pdc"` (no root needed)
 * Windows: `powershell -NoProfile -ExecutionPolicy Bypass -File patchdesk-collect.ps1 | Out-File -Encoding utf8 "$env:COMPUTERNAME.pdc"`
 *          (a plain `>` in Windows PowerShell 5.1 writes UTF-16; {@link decodeCollectionFile} reads that too)
 */
import type { HostCollection } from '../../../../shared/contract/patch-status';
import type { CollectionContext } from './collection-outcome';
import { parseLinuxCollection } from './linux-collection.parser';
import { LINUX_COLLECTOR_SCRIPT } from './linux-collector.script';
import { readCollectionHeader } from './linux-sections.parser';
import { parseWindowsCollection } from './windows-collection.parser';
import { WINDOWS_COLLECTOR_SCRIPT } from './windows-collector.script';

/** The file names the UI suggests when saving the scripts. */
export const OFFLINE_SCRIPT_FILE_NAMES = { linux: 'patchdesk-collect.sh', windows: 'patchdesk-collect.ps1' } as const;

/** The script an admin runs by hand; it prints the same collection the remote run produces. */
export function collectScript(platform: 'linux' | 'windows'): string {
  return platform === 'linux' ? LINUX_COLLECTOR_SCRIPT : WINDOWS_COLLECTOR_SCRIPT;
}

/**
 * Decodes a collection file's bytes: UTF-16 (little- or big-endian, with a BOM, as Windows
 * PowerShell's `>` writes) or UTF-8, with invalid bytes replaced rather than refused.
 */
export function decodeCollectionFile(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  return new TextDecoder('utf-8').decode(bytes);
}

/**
 * Reads a collection file: recognises the `# patchdesk-collection` header, dispatches to the
 * Linux or Windows parser with method `offline-file`, and refuses truncated files (no end
 * marker) and files from other tools with a message for the admin. `collectedAt` defaults to
 * the file's import time, since the output carries none the host could be trusted for.
 */
export function parseCollectionFile(text: string, collectedAt: string = new Date().toISOString()): { ok: true; value: HostCollection } | { ok: false; message: string } {
  const clean = text.replace(/^\uFEFF/, '');
  if (clean.trim() === '') return { ok: false, message: 'the file is empty' };
  const headerLine = clean.split(/\r?\n/, 50).find((l) => l.startsWith('# patchdesk-collection'));
  const header = headerLine ? readCollectionHeader(headerLine.trimEnd()) : null;
  if (!header) {
    const hint = /\u0000/.test(clean.slice(0, 200)) ? ' (it looks like UTF-16 read as UTF-8; decode it with decodeCollectionFile)' : '';
    return { ok: false, message: `not a Patchdesk collection file: it has no "# patchdesk-collection v1 platform=..." header line${hint}` };
  }
  if (header.version !== 1) return { ok: false, message: `collection format v${header.version} is newer than this Patchdesk reads (v1); update Patchdesk` };
  const context: CollectionContext = { collectedAt, method: 'offline-file' };
  const parsed = header.platform === 'linux' ? parseLinuxCollection(clean, context) : header.platform === 'windows' ? parseWindowsCollection(clean, context) : null;
  if (!parsed) return { ok: false, message: `collection files for platform "${header.platform}" are not supported` };
  return parsed.ok ? parsed : { ok: false, message: parsed.message };
}
