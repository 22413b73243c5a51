/**
 * Files attached to checklist items travel inside the evidence pack, so an auditor sees the proof
 * itself and not just its name. Each gets a safe, unique path derived from its hash.
 */

import { fileNameOnly } from './file-name';

/** The folder inside the pack that holds checklist attachments. */
export const CHECKLIST_EVIDENCE_FOLDER = 'checklist-evidence';

/**
 * `checklist-evidence/<first 12 hex of SHA-256>-<file name reduced to safe characters>`. Only the
 * file name is kept, so a name recorded with its folders never puts a local path into the pack.
 */
export function checklistEvidencePath(sha256: string, name: string): string {
  const safe = fileNameOnly(name)
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._]+/, '')
    .slice(0, 80);
  return `${CHECKLIST_EVIDENCE_FOLDER}/${sha256.slice(0, 12)}-${safe || 'file'}`;
}
