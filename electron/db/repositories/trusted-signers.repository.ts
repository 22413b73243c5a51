/** SQL for the trusted signers of evidence packs. */
import type { TrustedSigner } from '../../../shared/contract/evidence';
import type { Db } from '../database';

interface SignerRow {
  fingerprint: string;
  name: string;
  added_by: string;
  added_at: string;
}

export class TrustedSignersRepository {
  constructor(private readonly db: Db) {}

  /** Every trusted signer, by name. */
  list(): TrustedSigner[] {
    return this.db.prepare<[], SignerRow>('SELECT fingerprint, name, added_by, added_at FROM evidence_trusted_signers ORDER BY name COLLATE NOCASE, fingerprint').all().map(toSigner);
  }

  /** One trusted signer by its fingerprint (`SHA256:...`, as stored). */
  get(fingerprint: string): TrustedSigner | undefined {
    const row = this.db.prepare<[string], SignerRow>('SELECT fingerprint, name, added_by, added_at FROM evidence_trusted_signers WHERE fingerprint = ?').get(fingerprint);
    return row ? toSigner(row) : undefined;
  }

  /** Records a new trusted signer. */
  insert(signer: TrustedSigner): void {
    this.db.prepare('INSERT INTO evidence_trusted_signers (fingerprint, name, added_by, added_at) VALUES (?, ?, ?, ?)').run(signer.fingerprint, signer.name, signer.addedBy, signer.addedAt);
  }

  /** Removes a trusted signer; false when there was none. */
  delete(fingerprint: string): boolean {
    return this.db.prepare('DELETE FROM evidence_trusted_signers WHERE fingerprint = ?').run(fingerprint).changes > 0;
  }
}

function toSigner(row: SignerRow): TrustedSigner {
  return { fingerprint: row.fingerprint, name: row.name, addedBy: row.added_by, addedAt: row.added_at };
}
