import { z } from 'zod';
import { parseSigningFingerprint } from '../domain/evidence/signing-fingerprint';
import { COVERAGE_GAP_REASONS } from '../domain/coverage';
import { Id, IsoDate, IsoTimestamp } from './common';

/** The largest logo an evidence pack carries (it is printed on every report's cover). */
export const MAX_LOGO_BYTES = 512 * 1024;
/**
 * The largest logo width or height in pixels. A small PNG can hold a huge image (it compresses
 * well) and the PDF renderer decodes it whole: 2,048 × 2,048 is at most 16 MB decoded, and far
 * more than the 1.5 cm the cover prints it at.
 */
export const MAX_LOGO_SIDE_PX = 2048;

/** The image types a report can embed. */
export const LOGO_MIME_TYPES = ['image/png', 'image/jpeg'] as const;
export type LogoMimeType = (typeof LOGO_MIME_TYPES)[number];

/** A logo as it crosses the contract: base64 of the file, with its type. */
export const BrandingLogo = z.object({
  mimeType: z.enum(LOGO_MIME_TYPES, 'the logo must be a PNG or JPEG image (image/png or image/jpeg)'),
  /** 512 KB of data is at most 699,052 base64 characters; the service checks the decoded bytes. */
  base64: z.string().trim().min(1, 'the logo is empty').max(Math.ceil(MAX_LOGO_BYTES / 3) * 4 + 4, 'the logo is larger than 512 KB'),
});
export type BrandingLogo = z.infer<typeof BrandingLogo>;

/** Single-line text up to `max` characters, empty allowed (an in-house IT team may have no MSP name). */
const OptionalLine = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .refine((value) => !/[\r\n]/.test(value), 'must be a single line');

/** The MSP branding printed on evidence reports: installation-wide, not per site. */
export const Branding = z.object({
  mspName: z.string(),
  contactLine: z.string(),
  logo: BrandingLogo.nullable(),
  /** Null until branding was first saved. */
  updatedAt: IsoTimestamp.nullable(),
  updatedBy: z.string(),
});
export type Branding = z.infer<typeof Branding>;

/** Replaces the branding as a whole (no defaults, so nothing is reset by accident). */
export const BrandingUpdate = z.object({
  mspName: OptionalLine(200),
  contactLine: OptionalLine(300),
  logo: BrandingLogo.nullable(),
});
export type BrandingUpdate = z.input<typeof BrandingUpdate>;

/** The installation's evidence signing key, public half only. */
export const SigningKeyInfo = z.object({
  algorithm: z.literal('Ed25519'),
  /** The raw 32-byte public key, base64. */
  publicKey: z.string(),
  /** The same key as an SPKI PEM block, for `openssl pkeyutl -verify`. */
  publicKeyPem: z.string(),
  /** `SHA256:` + unpadded base64 of SHA-256 of the raw public key: what auditors compare and pin. */
  fingerprint: z.string(),
});
export type SigningKeyInfo = z.infer<typeof SigningKeyInfo>;

/** This installation's fingerprint if it has a signing key yet, else null: reading it never creates the key. */
export const InstallationFingerprint = z.object({ fingerprint: z.string().nullable() });
export type InstallationFingerprint = z.infer<typeof InstallationFingerprint>;

/** One exported evidence pack, as recorded when it was written. */
export const EvidencePackRecord = z.object({
  id: Id,
  siteId: Id,
  periodFrom: IsoDate,
  periodTo: IsoDate,
  generatedAt: IsoTimestamp,
  generatedBy: z.string(),
  /** Where the pack was written (absolute path on the machine that wrote it). */
  filePath: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  /** SHA-256 (hex) of the exact manifest.json bytes that were signed. */
  manifestSha256: z.string(),
  signerFingerprint: z.string(),
  /** The audit log's newest hash when the pack was built. */
  auditHeadHash: z.string(),
});
export type EvidencePackRecord = z.infer<typeof EvidencePackRecord>;

/**
 * What can be wrong with a pack, file by file. `unknown_signer`: the signature is checked with a
 * key that is neither this installation's, nor pinned, nor a trusted signer, so it proves nothing.
 */
export const PACK_PROBLEM_KINDS = ['changed', 'missing', 'unexpected', 'signature', 'manifest', 'not_a_pack', 'unknown_signer'] as const;
export type PackProblemKind = (typeof PACK_PROBLEM_KINDS)[number];

/** One problem found while verifying a pack: the file it concerns and what is wrong, in words. */
export const PackProblem = z.object({ file: z.string(), problem: z.enum(PACK_PROBLEM_KINDS), detail: z.string() });
export type PackProblem = z.infer<typeof PackProblem>;


// ---- Building, previewing, downloading and verifying packs -------------------------------------

/** A pack's period: whole local days in the site's time zone, both included. */
export const EvidencePeriodRequest = z.object({ siteId: Id, from: IsoDate, to: IsoDate });
export type EvidencePeriodRequest = z.input<typeof EvidencePeriodRequest>;

/** An export started as a long job: its id, for progress events and `evidence:cancel`. */
export const EvidenceExportStarted = z.object({ jobId: z.string() });
export type EvidenceExportStarted = z.infer<typeof EvidenceExportStarted>;

/**
 * The steps of an export, in order: reading the period's figures, laying out and rendering the
 * PDF, writing the data files, then signing and writing the ZIP.
 */
export const EvidenceExportPhase = z.enum(['reading', 'pdf', 'data', 'writing']);
export type EvidenceExportPhase = z.infer<typeof EvidenceExportPhase>;

/** What a pack for a period will hold, before it is built: the headline numbers, the sections and the files. */
export const EvidencePreview = z.object({
  siteName: z.string(),
  period: z.object({ from: IsoTimestamp, to: IsoTimestamp, fromDate: IsoDate, toDate: IsoDate, label: z.string(), timezone: z.string() }),
  /** The headline figures as the PDF states them; patched shares are over the measured assets (null: none measured). */
  summary: z.object({
    assetsInScope: z.number().int().nonnegative(),
    assetsMeasured: z.number().int().nonnegative(),
    coverageShare: z.number().nullable(),
    fullyPatched: z.number().int().nonnegative(),
    fullyPatchedShare: z.number().nullable(),
    securityPatched: z.number().int().nonnegative(),
    securityPatchedShare: z.number().nullable(),
    withinSlaShare: z.number().nullable(),
    overdue: z.number().int().nonnegative(),
    exceptionsActive: z.number().int().nonnegative(),
    exceptionsExpired: z.number().int().nonnegative(),
    coverageGaps: z.number().int().nonnegative(),
    failedCollections: z.number().int().nonnegative(),
    unsupportedOs: z.number().int().nonnegative(),
  }),
  /** Coverage per tier (tiers 1-4 then unclassified), as the PDF's tier table has it. */
  coverageByTier: z.array(z.object({ tier: z.number().int().nullable(), assetsInScope: z.number().int().nonnegative(), assetsMeasured: z.number().int().nonnegative(), coverageShare: z.number().nullable() })),
  /** The assets not measured at the end of the period, in the one gap order, with the reason in the PDF's words. */
  coverageGaps: z.array(z.object({ hostname: z.string(), tier: z.number().int().nullable(), reason: z.enum(COVERAGE_GAP_REASONS), reasonText: z.string() })),
  /** The report's sections with how many rows each holds. */
  sections: z.array(z.object({ title: z.string(), rows: z.number().int().nonnegative() })),
  /** Every file the ZIP will hold, including the manifest and its signature. */
  files: z.array(z.string()),
  /** Things the admin may want to fix before handing the pack out (no data, failed collections...). */
  warnings: z.array(z.string()),
  branding: z.object({ mspName: z.string(), hasLogo: z.boolean() }),
  signerFingerprint: z.string(),
});
export type EvidencePreview = z.infer<typeof EvidencePreview>;

/** An exported pack's bytes for the browser's download. */
export const EvidenceDownload = z.object({ fileName: z.string(), mimeType: z.literal('application/zip'), base64: z.string() });

/**
 * A signing key fingerprint typed or pasted by a person, checked and written the one way
 * (`SHA256:` + 43 base64 characters); a bad one is refused with a message quoting it.
 */
export const SigningFingerprint = z
  .string()
  .max(200, 'a fingerprint is SHA256: followed by 43 base64 characters')
  .transform((text, context) => {
    const parsed = parseSigningFingerprint(text);
    if (parsed.ok) return parsed.fingerprint;
    context.addIssue({ code: 'custom', message: parsed.message });
    return z.NEVER;
  });

/** A pack sent for checking (the UI reads the file the user picks). */
export const EvidenceVerifyRequest = z.object({
  fileName: z.string().trim().max(500).default('pack.zip'),
  base64: z.string().max(700 * 1024 * 1024, 'the pack is larger than 500 MB'),
  /** Only this key may have signed it: any other signer fails, trusted or not. */
  pinnedFingerprint: SigningFingerprint.optional(),
});

/**
 * Whose key signed a pack, as far as this installation trusts it: this installation's key, the
 * pinned key, a trusted signer (with the name the admin gave it), a key that is not the pinned
 * one, or an unknown key (which makes the pack fail).
 */
export const SIGNER_TRUST_KINDS = ['installation', 'pinned', 'trusted_signer', 'not_pinned', 'unknown'] as const;
export type SignerTrustKind = (typeof SIGNER_TRUST_KINDS)[number];
export const SignerTrust = z.object({ kind: z.enum(SIGNER_TRUST_KINDS), name: z.string().nullable() });
export type SignerTrust = z.infer<typeof SignerTrust>;

/** The outcome of checking a pack, file by file. */
export const EvidenceVerification = z.object({
  ok: z.boolean(),
  problems: z.array(PackProblem),
  files: z.array(z.object({ path: z.string(), status: z.enum(['ok', 'changed', 'missing', 'unexpected']) })),
  /** The signer's fingerprint, computed from the key in the manifest; null when unreadable. */
  fingerprint: z.string().nullable(),
  signatureValid: z.boolean(),
  /** Whether this installation's key signed it; null when the manifest names no readable key. */
  signedByThisInstallation: z.boolean().nullable(),
  /** Whether the signer is trusted, and as what; null when the manifest names no readable key. */
  trust: SignerTrust.nullable(),
  /** What the manifest says the pack is about; null when the manifest cannot be read. */
  about: z.object({ siteName: z.string(), from: z.string(), to: z.string(), timezone: z.string(), generatedAt: z.string(), generatedBy: z.string() }).nullable(),
});
export type EvidenceVerification = z.infer<typeof EvidenceVerification>;

// ---- Trusted signers ---------------------------------------------------------------------------

/**
 * A key, other than this installation's, whose packs verify here: another office of the same MSP,
 * a previous installation, a partner. Added by an admin after comparing the fingerprint with the
 * issuer by another channel; every addition and removal is in the audit log.
 */
export const TrustedSigner = z.object({
  fingerprint: z.string(),
  /** Who the key belongs to, as the admin named it. */
  name: z.string(),
  addedBy: z.string(),
  addedAt: IsoTimestamp,
});
export type TrustedSigner = z.infer<typeof TrustedSigner>;

/** Trusts a key by its fingerprint, under a name. */
export const TrustSignerRequest = z.object({
  fingerprint: SigningFingerprint,
  name: z
    .string()
    .trim()
    .min(1, 'say whose key this is (a name)')
    .max(200, 'must be at most 200 characters')
    .refine((value) => !/[\u0000-\u001f\u007f-\u009f]/.test(value), 'must be a single line of text without control characters'),
});
export type TrustSignerRequest = z.input<typeof TrustSignerRequest>;

/** Stops trusting a key. */
export const UntrustSignerRequest = z.object({ fingerprint: SigningFingerprint });
