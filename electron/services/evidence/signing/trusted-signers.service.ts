/**
 * The keys, other than this installation's, whose evidence packs verify here. A valid signature
 * proves only who holds the key, so a pack verifies when its signer is this installation, the
 * key pinned for one check, or a key an admin added here after comparing its fingerprint with
 * the issuer by another channel. Every addition and removal is recorded in the audit log.
 */
import type { TrustedSigner } from '../../../../shared/contract/evidence';
import { AppError } from '../../../platform/app-error';
import type { Clock } from '../../../platform/clock';
import type { Db } from '../../../db/database';
import type { AuditLogRepository } from '../../../db/repositories/audit-log.repository';
import type { TrustedSignersRepository } from '../../../db/repositories/trusted-signers.repository';
import { writeTransaction } from '../../../db/write-transaction';
import { actingActor } from '../../../platform/request-context';

export interface TrustedSignersDeps {
  db: Db;
  signers: TrustedSignersRepository;
  audit: AuditLogRepository;
  clock: Clock;
  actor: string;
}

export class TrustedSignersService {
  constructor(private readonly deps: TrustedSignersDeps) {}

  /** Every trusted signer, by name. */
  list(): TrustedSigner[] {
    return this.deps.signers.list();
  }

  /**
   * Trusts a key. `fingerprint` is already in its one written form (the contract parses it);
   * a key trusted already is refused, naming who it is trusted as.
   */
  add(fingerprint: string, name: string): TrustedSigner {
    const signer: TrustedSigner = { fingerprint, name, addedBy: actingActor(this.deps.actor), addedAt: this.deps.clock.now().toISOString() };
    writeTransaction(this.deps.db, () => {
      const existing = this.deps.signers.get(fingerprint);
      if (existing) throw new AppError('conflict', `the key ${fingerprint} is already trusted, as "${existing.name}" (added by ${existing.addedBy} at ${existing.addedAt})`, [{ path: 'fingerprint', message: 'already trusted' }]);
      this.deps.signers.insert(signer);
      this.deps.audit.append({ at: signer.addedAt, actor: actingActor(this.deps.actor), siteId: null, entityType: 'evidence', entityId: null, action: 'trusted-signer-added', details: { fingerprint, name } });
    });
    return signer;
  }

  /** Stops trusting a key; refuses a key that is not in the list. */
  remove(fingerprint: string): void {
    const at = this.deps.clock.now().toISOString();
    writeTransaction(this.deps.db, () => {
      const existing = this.deps.signers.get(fingerprint);
      if (!existing) throw new AppError('not_found', `the key ${fingerprint} is not a trusted signer, so there is nothing to remove`, [{ path: 'fingerprint', message: 'not trusted' }]);
      this.deps.signers.delete(fingerprint);
      this.deps.audit.append({ at, actor: actingActor(this.deps.actor), siteId: null, entityType: 'evidence', entityId: null, action: 'trusted-signer-removed', details: { fingerprint, name: existing.name, addedBy: existing.addedBy, addedAt: existing.addedAt } });
    });
  }
}
