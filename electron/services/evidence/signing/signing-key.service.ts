/**
 * The installation's signing key as the rest of the app sees it: public information on demand,
 * a signer for packs, and an audit entry the moment the key is created (auditors pin its
 * fingerprint, so when it appeared is part of the record).
 */
import type { SigningKeyInfo } from '../../../../shared/contract/evidence';
import type { Clock } from '../../../platform/clock';
import type { Db } from '../../../db/database';
import type { AuditLogRepository } from '../../../db/repositories/audit-log.repository';
import type { EvidenceSigner, InstallationSigningKey } from './installation-key';
import { writeTransaction } from '../../../db/write-transaction';
import { actingActor } from '../../../platform/request-context';

export interface SigningKeyDeps {
  db: Db;
  key: InstallationSigningKey;
  audit: AuditLogRepository;
  clock: Clock;
  actor: string;
}

export class SigningKeyService {
  constructor(private readonly deps: SigningKeyDeps) {}

  /** The public key and fingerprint, creating the key on first use. */
  info(): SigningKeyInfo {
    return this.ensure();
  }

  /** A signer for a pack, creating the key on first use. */
  signer(): EvidenceSigner {
    this.ensure();
    return this.deps.key.signer();
  }

  /** The installation's fingerprint if it has a key, else null (never creates one). */
  installationFingerprint(): string | null {
    return this.deps.key.peekPublicInfo()?.fingerprint ?? null;
  }

  private ensure(): SigningKeyInfo {
    const { created, info } = this.deps.key.ensure();
    if (created) {
      const now = this.deps.clock.now().toISOString();
      writeTransaction(this.deps.db, () => {
        this.deps.audit.append({ at: now, actor: actingActor(this.deps.actor), siteId: null, entityType: 'evidence', entityId: null, action: 'signing-key-created', details: { fingerprint: info.fingerprint, publicKey: info.publicKey, file: this.deps.key.path } });
      });
    }
    return { algorithm: info.algorithm, publicKey: info.publicKey, publicKeyPem: info.publicKeyPem, fingerprint: info.fingerprint };
  }
}
