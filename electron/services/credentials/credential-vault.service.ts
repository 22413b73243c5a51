/**
 * The credentials vault. Secrets are sealed under a data key that lives in memory only while the
 * vault is unlocked; the data key is wrapped by the master passphrase (browser host, CLI) or by
 * the OS keychain (desktop app). Secrets leave this service only towards the executors that use
 * them, and every such use is recorded.
 */
import type { Credential, CredentialCreate, CredentialSecrets, VaultStatus } from '../../../shared/contract/credentials';
import { AppError, notFound } from '../../platform/app-error';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../db/database';
import type { AuditLogRepository } from '../../db/repositories/audit-log.repository';
import type { CredentialsRepository } from '../../db/repositories/credentials.repository';
import { sshKeyFingerprint } from './ssh-key-info';
import { deriveKeyFromPassphrase, isBelowCurrentCost, newDataKey, newScryptParams, open, seal, VaultDecryptError, type ScryptParams } from './vault-crypto';
import { writeTransaction } from '../../db/write-transaction';
import { actingActor } from '../../platform/request-context';

/** The OS keychain, when the desktop app has a secure one (never Linux's basic_text store). */
export interface KeychainProtector {
  /** May answer later: the desktop app's core process asks the main process, which owns the keychain. */
  wrap(dataKey: Buffer): string | Promise<string>;
  unwrap(wrapped: string): Buffer | Promise<Buffer>;
}

export interface CredentialVaultDeps {
  db: Db;
  credentials: CredentialsRepository;
  audit: AuditLogRepository;
  clock: Clock;
  actor: string;
  keychain?: KeychainProtector;
}

type ParsedCreate = Omit<CredentialCreate, 'username'> & { username: string };

const WRAP_CONTEXT = 'patchdesk-vault-data-key';

export class CredentialVaultService {
  private dataKey: Buffer | undefined;

  constructor(private readonly deps: CredentialVaultDeps) {}

  /** Whether the vault exists, is unlocked, and how its key is protected. */
  status(): VaultStatus {
    const vault = this.deps.credentials.getVault();
    return { initialized: vault !== undefined, unlocked: this.dataKey !== undefined, protection: vault?.protection ?? null };
  }

  /** Creates the vault protected by a master passphrase, and leaves it unlocked. */
  async setupWithPassphrase(passphrase: string): Promise<VaultStatus> {
    const exists = () => new AppError('conflict', 'the vault already exists: unlock it with its passphrase');
    if (this.deps.credentials.getVault()) throw exists();
    const params = newScryptParams();
    const kek = await deriveKeyFromPassphrase(passphrase, params);
    const dataKey = newDataKey();
    const wrappedDataKey = seal(kek, dataKey, WRAP_CONTEXT);
    kek.fill(0);
    writeTransaction(this.deps.db, () => {
      // Checked again under the write lock: another process may have set the vault up meanwhile.
      if (this.deps.credentials.getVault()) throw exists();
      this.deps.credentials.insertVault({ protection: 'passphrase', kdfParamsJson: JSON.stringify(params), wrappedDataKey }, this.now());
      this.audit('vault-created', { protection: 'passphrase' });
    });
    this.dataKey = dataKey;
    return this.status();
  }

  /** Unlocks with the passphrase; a wrong one is refused without saying more. */
  async unlock(passphrase: string): Promise<VaultStatus> {
    const vault = this.deps.credentials.getVault();
    if (!vault) throw new AppError('not_found', 'there is no vault yet: set a master passphrase first');
    if (vault.protection !== 'passphrase') return this.unlockWithKeychain();
    const params = JSON.parse(vault.kdfParamsJson) as ScryptParams;
    const kek = await deriveKeyFromPassphrase(passphrase, params);
    try {
      this.dataKey = open(kek, vault.wrappedDataKey, WRAP_CONTEXT);
    } catch (error) {
      if (error instanceof VaultDecryptError) throw new AppError('unauthorized', 'wrong passphrase');
      throw error;
    } finally {
      kek.fill(0);
    }
    if (isBelowCurrentCost(params)) await this.rewrap(passphrase, this.dataKey, vault.kdfParamsJson, params);
    return this.status();
  }

  /**
   * Wraps the data key again at today's scrypt cost, so a vault made by an older version gets
   * the stronger protection once its passphrase is known. The secrets themselves do not change.
   */
  private async rewrap(passphrase: string, dataKey: Buffer, oldParamsJson: string, oldParams: ScryptParams): Promise<void> {
    const params = newScryptParams();
    const kek = await deriveKeyFromPassphrase(passphrase, params);
    const wrappedDataKey = seal(kek, dataKey, WRAP_CONTEXT);
    kek.fill(0);
    writeTransaction(this.deps.db, () => {
      if (!this.deps.credentials.rewrapVault(oldParamsJson, JSON.stringify(params), wrappedDataKey, this.now())) return;
      this.audit('vault-rewrapped', { from: { N: oldParams.N, r: oldParams.r, p: oldParams.p }, to: { N: params.N, r: params.r, p: params.p } });
    });
  }

  /**
   * Desktop: creates or opens the vault with the OS keychain. Without a secure keychain it does
   * nothing, and the passphrase applies.
   */
  async unlockWithKeychain(): Promise<VaultStatus> {
    const keychain = this.deps.keychain;
    if (!keychain) return this.status();
    const vault = this.deps.credentials.getVault();
    if (!vault) {
      const dataKey = newDataKey();
      const wrappedDataKey = await keychain.wrap(dataKey);
      const created = writeTransaction(this.deps.db, () => {
        // Another process may have created it a moment ago; then that one is used below.
        if (this.deps.credentials.getVault()) return false;
        this.deps.credentials.insertVault({ protection: 'os-keychain', kdfParamsJson: '{}', wrappedDataKey }, this.now());
        this.audit('vault-created', { protection: 'os-keychain' });
        return true;
      });
      if (!created) return this.unlockWithKeychain();
      this.dataKey = dataKey;
    } else if (vault.protection === 'os-keychain') {
      this.dataKey = await keychain.unwrap(vault.wrappedDataKey);
    }
    return this.status();
  }

  /** Forgets the data key. */
  lock(): VaultStatus {
    this.dataKey?.fill(0);
    this.dataKey = undefined;
    return this.status();
  }

  /** Credentials usable on a site, without secrets. */
  list(siteId: number | null): Credential[] {
    return this.deps.credentials.list(siteId);
  }

  /** Stores a new credential; the secrets are sealed before they touch the database. */
  create(input: ParsedCreate): Credential {
    const key = this.requireUnlocked();
    const secrets = input.secrets;
    const keyFingerprint = secrets.authMethod === 'key' ? sshKeyFingerprint(secrets.privateKey, secrets.passphrase) : '';
    const publicInfo = {
      hasSudoPassword: 'sudoPassword' in secrets && Boolean(secrets.sudoPassword),
      hasKeyPassphrase: secrets.authMethod === 'key' && Boolean(secrets.passphrase),
      keyFingerprint,
    };
    const id = writeTransaction(this.deps.db, () => {
      const at = this.now();
      let newId: number;
      try {
        newId = this.deps.credentials.insert({ siteId: input.siteId, name: input.name, kind: input.kind, authMethod: secrets.authMethod, username: input.username, publicInfo }, at);
      } catch (error) {
        if (/UNIQUE/.test((error as Error).message)) throw new AppError('conflict', `a credential named "${input.name}" already exists here`, [{ path: 'name', message: 'already in use' }]);
        throw error;
      }
      this.deps.credentials.setSealedSecrets(newId, seal(key, Buffer.from(JSON.stringify(secrets), 'utf8'), contextFor(newId)), at);
      this.audit('credential-created', { credentialId: newId, name: input.name, kind: input.kind, authMethod: secrets.authMethod, username: input.username }, input.siteId);
      return newId;
    });
    return this.get(id);
  }

  /** One credential, without secrets. */
  get(id: number): Credential {
    const credential = this.deps.credentials.get(id);
    if (!credential) throw notFound('credential', id);
    return credential;
  }

  /** Retires a credential and erases its secrets; its record of use stays. */
  retire(id: number): void {
    const credential = this.get(id);
    writeTransaction(this.deps.db, () => {
      this.deps.credentials.retire(id, this.now());
      this.audit('credential-retired', { credentialId: id, name: credential.name }, credential.siteId);
    });
  }

  /** Maps assets and tags to a credential. */
  bind(credentialId: number, assetIds: readonly number[], tags: readonly string[]): Credential {
    const credential = this.get(credentialId);
    writeTransaction(this.deps.db, () => {
      this.deps.credentials.bind(credentialId, assetIds, tags, this.now());
      this.audit('credential-bound', { credentialId, assetIds, tags }, credential.siteId);
    });
    return this.get(credentialId);
  }

  /**
   * Stops using a credential on assets and tags. Only the named bindings go; a host that loses
   * its last binding is not collected until another credential is bound to it.
   */
  unbind(credentialId: number, assetIds: readonly number[], tags: readonly string[]): Credential {
    const credential = this.get(credentialId);
    writeTransaction(this.deps.db, () => {
      const removed = this.deps.credentials.unbind(credentialId, assetIds, tags);
      if (removed > 0) this.audit('credential-unbound', { credentialId, assetIds, tags }, credential.siteId);
    });
    return this.get(credentialId);
  }

  /** The credential of a kind bound to an asset (directly, else through a tag). */
  findForAsset(asset: { id: number; tags: readonly string[] }, kind: Credential['kind']): Credential | undefined {
    const id = this.deps.credentials.findForAsset(asset.id, asset.tags, kind);
    return id === undefined ? undefined : this.deps.credentials.get(id);
  }

  /**
   * Opens a credential's secrets for an executor and records the use, in the credential's record
   * of use and in the audit log (which credential, on which asset, what for; never the secret).
   * Only main-side executors call this; the result must never be logged, returned over the
   * contract or exported. `siteId` is the site of the asset it is used on.
   */
  useSecrets(credentialId: number, use: { assetId: number | null; purpose: string; siteId?: number | null }): CredentialSecrets {
    const key = this.requireUnlocked();
    const sealed = this.deps.credentials.getSealedSecrets(credentialId);
    if (!sealed) throw notFound('credential', credentialId);
    const secrets = JSON.parse(open(key, sealed, contextFor(credentialId)).toString('utf8')) as CredentialSecrets;
    writeTransaction(this.deps.db, () => {
      this.deps.credentials.recordUse(credentialId, use.assetId, use.purpose, 'opened', this.now());
      this.audit('credential-used', { credentialId, assetId: use.assetId, purpose: use.purpose }, use.siteId ?? this.deps.credentials.get(credentialId)?.siteId ?? null);
    });
    return secrets;
  }

  /** Records how a use ended (connected, auth_failed, ...). */
  recordOutcome(credentialId: number, assetId: number | null, purpose: string, outcome: string): void {
    this.deps.credentials.recordUse(credentialId, assetId, purpose, outcome, this.now());
  }

  /** A credential's record of use, newest first. */
  uses(credentialId: number) {
    this.get(credentialId);
    return this.deps.credentials.listUses(credentialId);
  }

  private requireUnlocked(): Buffer {
    if (!this.dataKey) {
      const vault = this.deps.credentials.getVault();
      throw new AppError('unavailable', vault ? 'the vault is locked: unlock it with the master passphrase' : 'there is no vault yet: set a master passphrase first');
    }
    return this.dataKey;
  }

  private audit(action: string, details: Record<string, unknown>, siteId: number | null = null): void {
    this.deps.audit.append({ at: this.now(), actor: actingActor(this.deps.actor), siteId, entityType: 'credential', entityId: typeof details['credentialId'] === 'number' ? details['credentialId'] : null, action, details });
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }
}

/** Binds sealed secrets to their row, so secrets copied onto another credential do not open. */
function contextFor(credentialId: number): string {
  return `credential:${credentialId}`;
}
