/**
 * Files attached to checklist items as evidence. Each file is kept once under the data folder,
 * named by the SHA-256 of its bytes, so the same report attached twice takes the space once and
 * the evidence pack can prove a file is the one that was attached.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../../platform/private-files';
import { join } from 'node:path';
import { MAX_CHECKLIST_EVIDENCE_BYTES } from '../../../shared/contract/cycles';
import { AppError } from '../../platform/app-error';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const SHA256 = /^[0-9a-f]{64}$/;

/** A stored evidence file. */
export interface StoredEvidenceFile {
  name: string;
  sha256: string;
  size: number;
}

export class ChecklistEvidenceStore {
  /** @param dir the folder files are kept in (created on first use). */
  constructor(private readonly dir: string) {}

  /**
   * Keeps a file given as base64 and returns its name, SHA-256 and size. `path` names the request
   * field in error messages. Writing goes through a temporary name, so a crash never leaves a
   * truncated file under a hash it does not match.
   */
  save(name: string, contentBase64: string, path: string): StoredEvidenceFile {
    const cleaned = contentBase64.replace(/\s+/g, '');
    if (!BASE64.test(cleaned) || cleaned.length % 4 === 1) throw new AppError('bad_request', `the evidence file "${name}" is not valid base64`, [{ path, message: 'not valid base64' }]);
    const bytes = Buffer.from(cleaned, 'base64');
    if (bytes.length === 0) throw new AppError('bad_request', `the evidence file "${name}" is empty`, [{ path, message: 'the file is empty' }]);
    if (bytes.length > MAX_CHECKLIST_EVIDENCE_BYTES) throw new AppError('bad_request', `the evidence file "${name}" is larger than ${MAX_CHECKLIST_EVIDENCE_BYTES / 1024 / 1024} MB`, [{ path, message: 'the file is too large' }]);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const target = this.pathOf(sha256);
    if (!existsSync(target)) {
      mkdirSync(join(this.dir, sha256.slice(0, 2)), { recursive: true, mode: PRIVATE_DIR_MODE });
      const temporary = `${target}.${process.pid}.tmp`;
      writeFileSync(temporary, bytes, { mode: PRIVATE_FILE_MODE });
      renameSync(temporary, target);
    }
    // Only the last path segment is a name; a client's folder layout is none of our business.
    return { name: name.split(/[\\/]/).pop() || name, sha256, size: bytes.length };
  }

  /** Where the file with this SHA-256 is kept (whether or not it exists). */
  pathOf(sha256: string): string {
    if (!SHA256.test(sha256)) throw new AppError('bad_request', `"${sha256}" is not a SHA-256 in hex`);
    return join(this.dir, sha256.slice(0, 2), sha256);
  }

  /** The bytes of a kept file; not_found when it is missing. */
  read(sha256: string): Buffer {
    const path = this.pathOf(sha256);
    if (!existsSync(path)) throw new AppError('not_found', `evidence file ${sha256} is not in the data folder`);
    return readFileSync(path);
  }
}
