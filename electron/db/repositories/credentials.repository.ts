/** SQL for the credentials vault. Secrets are stored only sealed; this layer never sees them in clear. */
import type { Credential, CredentialKind } from '../../../shared/contract/credentials';
import type { Db } from '../database';

/** The vault's single row. */
export interface VaultRow {
  protection: 'passphrase' | 'os-keychain';
  kdfParamsJson: string;
  wrappedDataKey: string;
}

/** Non-secret facts kept beside the sealed secrets. */
export interface CredentialPublicInfo {
  hasSudoPassword: boolean;
  hasKeyPassphrase: boolean;
  keyFingerprint: string;
}

interface CredentialRow {
  id: number;
  site_id: number | null;
  name: string;
  kind: CredentialKind;
  auth_method: Credential['authMethod'];
  username: string;
  public_info_json: string;
  created_at: string;
  asset_ids_json: string;
  tags_json: string;
  last_used_at: string | null;
}

const SELECT_CREDENTIALS = `
  SELECT c.id, c.site_id, c.name, c.kind, c.auth_method, c.username, c.public_info_json, c.created_at,
    (SELECT json_group_array(asset_id) FROM credential_bindings WHERE credential_id = c.id AND asset_id IS NOT NULL) AS asset_ids_json,
    (SELECT json_group_array(tag) FROM credential_bindings WHERE credential_id = c.id AND tag IS NOT NULL) AS tags_json,
    (SELECT MAX(at) FROM credential_uses WHERE credential_id = c.id) AS last_used_at
  FROM credentials c WHERE c.retired_at IS NULL`;

export class CredentialsRepository {
  constructor(private readonly db: Db) {}

  /** The vault row, or undefined before setup. */
  getVault(): VaultRow | undefined {
    const row = this.db.prepare<[], { protection: VaultRow['protection']; kdf_params_json: string; wrapped_data_key: string }>('SELECT protection, kdf_params_json, wrapped_data_key FROM vault WHERE id = 1').get();
    return row ? { protection: row.protection, kdfParamsJson: row.kdf_params_json, wrappedDataKey: row.wrapped_data_key } : undefined;
  }

  /**
   * Replaces the passphrase wrapping of the data key, only if it is still `expectedKdfParamsJson`
   * (another process may have re-wrapped it meanwhile). Returns whether it was replaced.
   */
  rewrapVault(expectedKdfParamsJson: string, kdfParamsJson: string, wrappedDataKey: string, at: string): boolean {
    return (
      this.db
        .prepare("UPDATE vault SET kdf_params_json = ?, wrapped_data_key = ?, updated_at = ? WHERE id = 1 AND protection = 'passphrase' AND kdf_params_json = ?")
        .run(kdfParamsJson, wrappedDataKey, at, expectedKdfParamsJson).changes === 1
    );
  }

  /** Creates the vault row. */
  insertVault(vault: VaultRow, at: string): void {
    this.db.prepare('INSERT INTO vault (id, protection, kdf_params_json, wrapped_data_key, created_at, updated_at) VALUES (1, ?, ?, ?, ?, ?)').run(vault.protection, vault.kdfParamsJson, vault.wrappedDataKey, at, at);
  }

  /** Credentials usable on a site (its own and the global ones), by name. */
  list(siteId: number | null): Credential[] {
    const rows = siteId === null
      ? this.db.prepare<[], CredentialRow>(`${SELECT_CREDENTIALS} AND c.site_id IS NULL ORDER BY c.name`).all()
      : this.db.prepare<[number], CredentialRow>(`${SELECT_CREDENTIALS} AND (c.site_id = ? OR c.site_id IS NULL) ORDER BY c.name`).all(siteId);
    return rows.map(toCredential);
  }

  /** One live credential. */
  get(id: number): Credential | undefined {
    const row = this.db.prepare<[number], CredentialRow>(`${SELECT_CREDENTIALS} AND c.id = ?`).get(id);
    return row ? toCredential(row) : undefined;
  }

  /** Inserts a credential with a placeholder, so the sealed secrets can be bound to its id. */
  insert(values: { siteId: number | null; name: string; kind: CredentialKind; authMethod: Credential['authMethod']; username: string; publicInfo: CredentialPublicInfo }, at: string): number {
    const result = this.db
      .prepare('INSERT INTO credentials (site_id, name, kind, auth_method, username, public_info_json, sealed_secrets, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(values.siteId, values.name, values.kind, values.authMethod, values.username, JSON.stringify(values.publicInfo), '', at, at);
    return Number(result.lastInsertRowid);
  }

  /** Stores a credential's sealed secrets. */
  setSealedSecrets(id: number, sealed: string, at: string): void {
    this.db.prepare('UPDATE credentials SET sealed_secrets = ?, updated_at = ? WHERE id = ?').run(sealed, at, id);
  }

  /** The sealed secrets of a live credential. */
  getSealedSecrets(id: number): string | undefined {
    return this.db.prepare<[number], { sealed_secrets: string }>('SELECT sealed_secrets FROM credentials WHERE id = ? AND retired_at IS NULL').get(id)?.sealed_secrets;
  }

  /** Retires a credential: its secrets are erased, its history of use stays. */
  retire(id: number, at: string): boolean {
    return this.db.prepare("UPDATE credentials SET retired_at = ?, sealed_secrets = '', updated_at = ? WHERE id = ? AND retired_at IS NULL").run(at, at, id).changes > 0;
  }

  /** Adds bindings to assets and tags (existing ones are kept). */
  bind(credentialId: number, assetIds: readonly number[], tags: readonly string[], at: string): void {
    const insertAsset = this.db.prepare('INSERT OR IGNORE INTO credential_bindings (credential_id, asset_id, created_at) VALUES (?, ?, ?)');
    const insertTag = this.db.prepare('INSERT OR IGNORE INTO credential_bindings (credential_id, tag, created_at) VALUES (?, ?, ?)');
    for (const assetId of assetIds) insertAsset.run(credentialId, assetId, at);
    for (const tag of tags) insertTag.run(credentialId, tag, at);
  }

  /** Removes bindings to assets and tags; returns how many were removed (absent ones are ignored). */
  unbind(credentialId: number, assetIds: readonly number[], tags: readonly string[]): number {
    const deleteAsset = this.db.prepare('DELETE FROM credential_bindings WHERE credential_id = ? AND asset_id = ?');
    const deleteTag = this.db.prepare('DELETE FROM credential_bindings WHERE credential_id = ? AND tag = ?');
    let removed = 0;
    for (const assetId of assetIds) removed += deleteAsset.run(credentialId, assetId).changes;
    for (const tag of tags) removed += deleteTag.run(credentialId, tag).changes;
    return removed;
  }

  /** The credential bound to an asset directly, else through one of its tags, of the given kind. */
  findForAsset(assetId: number, tags: readonly string[], kind: CredentialKind): number | undefined {
    const direct = this.db
      .prepare<[number, string], { id: number }>('SELECT c.id FROM credential_bindings b JOIN credentials c ON c.id = b.credential_id WHERE b.asset_id = ? AND c.kind = ? AND c.retired_at IS NULL ORDER BY b.id DESC LIMIT 1')
      .get(assetId, kind);
    if (direct) return direct.id;
    for (const tag of tags) {
      const byTag = this.db
        .prepare<[string, string], { id: number }>('SELECT c.id FROM credential_bindings b JOIN credentials c ON c.id = b.credential_id WHERE b.tag = ? AND c.kind = ? AND c.retired_at IS NULL ORDER BY b.id DESC LIMIT 1')
        .get(tag, kind);
      if (byTag) return byTag.id;
    }
    return undefined;
  }

  /** Records one use of a credential. */
  recordUse(credentialId: number, assetId: number | null, purpose: string, outcome: string, at: string): void {
    this.db.prepare('INSERT INTO credential_uses (credential_id, asset_id, at, purpose, outcome) VALUES (?, ?, ?, ?, ?)').run(credentialId, assetId, at, purpose, outcome);
  }

  /** A credential's uses, newest first. */
  listUses(credentialId: number, limit = 200): { id: number; at: string; assetId: number | null; assetName: string; purpose: string; outcome: string }[] {
    return this.db
      .prepare<[number, number], { id: number; at: string; asset_id: number | null; asset_name: string | null; purpose: string; outcome: string }>(
        `SELECT u.id, u.at, u.asset_id, COALESCE(NULLIF(a.hostname, ''), (SELECT address FROM asset_addresses WHERE asset_id = a.id ORDER BY position LIMIT 1)) AS asset_name, u.purpose, u.outcome
         FROM credential_uses u LEFT JOIN assets a ON a.id = u.asset_id WHERE u.credential_id = ? ORDER BY u.id DESC LIMIT ?`,
      )
      .all(credentialId, limit)
      .map((row) => ({ id: row.id, at: row.at, assetId: row.asset_id, assetName: row.asset_name ?? '', purpose: row.purpose, outcome: row.outcome }));
  }
}

function toCredential(row: CredentialRow): Credential {
  const info = JSON.parse(row.public_info_json) as Partial<CredentialPublicInfo>;
  return {
    id: row.id,
    siteId: row.site_id,
    name: row.name,
    kind: row.kind,
    authMethod: row.auth_method,
    username: row.username,
    hasSudoPassword: info.hasSudoPassword ?? false,
    hasKeyPassphrase: info.hasKeyPassphrase ?? false,
    keyFingerprint: info.keyFingerprint ?? '',
    boundAssetIds: JSON.parse(row.asset_ids_json) as number[],
    boundTags: JSON.parse(row.tags_json) as string[],
    lastUsedAt: row.last_used_at,
    createdAt: row.created_at,
  };
}
