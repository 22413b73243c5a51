import { z } from 'zod';
import { Id, IsoTimestamp, NonEmptyText } from './common';

/**
 * Secrets travel only renderer → main, when the admin types them; no response ever carries one.
 * Their schemas use fixed messages that never echo the value.
 */
const Secret = (what: string, max = 4096) => z.string().min(1, `${what} is required`).max(max, `${what} is too long`);

export const CredentialKind = z.enum(['ssh', 'winrm', 'snmp']);
export type CredentialKind = z.infer<typeof CredentialKind>;

export const CredentialSecrets = z.discriminatedUnion('authMethod', [
  z.object({ authMethod: z.literal('key'), privateKey: Secret('the private key', 65_536), passphrase: z.string().max(1024).optional(), sudoPassword: z.string().max(1024).optional() }),
  z.object({ authMethod: z.literal('password'), password: Secret('the password'), sudoPassword: z.string().max(1024).optional() }),
  z.object({ authMethod: z.literal('ntlm'), password: Secret('the password') }),
  z.object({ authMethod: z.literal('basic'), password: Secret('the password') }),
  z.object({ authMethod: z.literal('community'), community: Secret('the community', 256) }),
]);
export type CredentialSecrets = z.infer<typeof CredentialSecrets>;

/** A stored credential as everyone but the executors sees it: no secret, ever. */
export const Credential = z.object({
  id: Id,
  siteId: Id.nullable(),
  name: z.string(),
  kind: CredentialKind,
  authMethod: z.enum(['key', 'password', 'ntlm', 'basic', 'community']),
  username: z.string(),
  hasSudoPassword: z.boolean(),
  hasKeyPassphrase: z.boolean(),
  /** For SSH keys: the public key's SHA-256 fingerprint, to check against authorized_keys. */
  keyFingerprint: z.string(),
  boundAssetIds: z.array(Id),
  boundTags: z.array(z.string()),
  lastUsedAt: IsoTimestamp.nullable(),
  createdAt: IsoTimestamp,
});
export type Credential = z.infer<typeof Credential>;

export const CredentialCreate = z
  .object({
    /** null: usable on every site. */
    siteId: Id.nullable(),
    name: NonEmptyText(120),
    kind: CredentialKind,
    /** SSH user, or WinRM `DOMAIN\\user` / `user@domain`; empty for SNMP. */
    username: z.string().trim().max(256).default(''),
    secrets: CredentialSecrets,
  })
  .superRefine((value, context) => {
    const allowed = { ssh: ['key', 'password'], winrm: ['ntlm', 'basic'], snmp: ['community'] }[value.kind];
    if (!allowed.includes(value.secrets.authMethod)) {
      context.addIssue({ code: 'custom', path: ['secrets', 'authMethod'], message: `a ${value.kind} credential uses ${allowed.join(' or ')}` });
    }
    if (value.kind !== 'snmp' && value.username === '') context.addIssue({ code: 'custom', path: ['username'], message: 'a user name is required' });
  });
export type CredentialCreate = z.input<typeof CredentialCreate>;

export const CredentialBind = z.object({
  credentialId: Id,
  assetIds: z.array(Id).default([]),
  tags: z.array(z.string().trim().min(1).max(60)).default([]),
});

export const CredentialUse = z.object({ id: Id, at: IsoTimestamp, assetId: Id.nullable(), assetName: z.string(), purpose: z.string(), outcome: z.string() });

export const VaultStatus = z.object({
  initialized: z.boolean(),
  unlocked: z.boolean(),
  protection: z.enum(['passphrase', 'os-keychain']).nullable(),
});
export type VaultStatus = z.infer<typeof VaultStatus>;

/** A master passphrase: long enough to resist guessing when the database file is stolen. */
export const Passphrase = z.string().min(12, 'the passphrase must be at least 12 characters').max(1024, 'the passphrase is too long');
