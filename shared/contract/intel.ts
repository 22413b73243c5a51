/**
 * Vulnerability intelligence: the feeds Patchdesk imports (CISA KEV, FIRST EPSS, NVD, OSV, the
 * Debian security tracker, Microsoft's security updates), their provenance, and what they say
 * about one CVE. Every record names the feed it came from, so every figure can be traced to a
 * file, its SHA-256 and the feed's own version or date.
 */
import { z } from 'zod';
import { Id } from './common';
import { SignerTrust } from './evidence';

/** The kinds of feed Patchdesk reads. */
export const INTEL_FEED_KINDS = ['kev', 'epss', 'nvd', 'osv', 'debian-tracker', 'msrc'] as const;
export const IntelFeedKind = z.enum(INTEL_FEED_KINDS);
export type IntelFeedKind = z.infer<typeof IntelFeedKind>;

/** Human names of the kinds, for tables and messages. */
export const INTEL_FEED_KIND_LABELS: Record<IntelFeedKind, string> = {
  kev: 'CISA KEV',
  epss: 'FIRST EPSS',
  nvd: 'NVD CVE API 2.0',
  osv: 'OSV',
  'debian-tracker': 'Debian security tracker',
  msrc: 'Microsoft security updates',
};

/**
 * One imported feed file and its provenance. `scope` says which part of its kind the file
 * covers: '' for a whole feed (KEV, EPSS, the Debian tracker), a distribution for an OSV
 * `all.zip` (`debian`, `ubuntu`, `almalinux`, `rocky`, `redhat`), `records` for single records
 * or pages (NVD, single OSV records, Microsoft documents) that add to what is there.
 */
export const IntelFeed = z.object({
  id: Id,
  kind: IntelFeedKind,
  scope: z.string(),
  /** The file's base name as imported (or as downloaded). */
  fileName: z.string(),
  /** The address it was downloaded from; null for a file the user supplied. */
  sourceUrl: z.string().nullable(),
  /** When the file was downloaded, or, for a file the user supplied, its modification time. */
  retrievedAt: z.string(),
  /** Lowercase hex SHA-256 of the file's bytes as imported (compressed, if it was). */
  sha256: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  /** The feed's own version: KEV `catalogVersion`, EPSS `model_version`, NVD `version`, ... */
  feedVersion: z.string().nullable(),
  /** The feed's own date: KEV `dateReleased`, EPSS `score_date`, NVD `timestamp`, newest OSV `modified`, ... */
  feedDate: z.string().nullable(),
  /** Records the file held (KEV entries, EPSS rows, CVEs, advisories, tracker package/issue pairs). */
  recordCount: z.number().int().nonnegative(),
  /** What the importer noticed but accepted (a KEV count that does not match its entries, ...). */
  warnings: z.array(z.string()),
  importedAt: z.string(),
  importedBy: z.string(),
  /** When a newer file of the same kind and scope replaced this one; null while current. */
  supersededAt: z.string().nullable(),
});
export type IntelFeed = z.infer<typeof IntelFeed>;

/** A feed as the status list shows it: with its age. */
export const IntelFeedStatus = IntelFeed.extend({
  /**
   * Whole days since the feed's own date (or, without one, since it was retrieved), at the
   * moment of the request; null when neither date can be read.
   */
  ageDays: z.number().int().nullable(),
});
export type IntelFeedStatus = z.infer<typeof IntelFeedStatus>;

/** One entry of the CISA KEV catalogue. */
export const KevEntry = z.object({
  cveId: z.string(),
  feedId: Id,
  vendorProject: z.string(),
  product: z.string(),
  vulnerabilityName: z.string(),
  /** YYYY-MM-DD. */
  dateAdded: z.string(),
  shortDescription: z.string(),
  requiredAction: z.string(),
  /** YYYY-MM-DD: CISA's due date for US federal agencies. */
  dueDate: z.string(),
  /** `Known`, `Unknown`, or null when the catalogue did not say. */
  knownRansomwareCampaignUse: z.string().nullable(),
  notes: z.string().nullable(),
  cwes: z.array(z.string()),
});
export type KevEntry = z.infer<typeof KevEntry>;

/** One EPSS score. Scores of different model versions are not comparable. */
export const EpssScore = z.object({
  cveId: z.string(),
  feedId: Id,
  /** Probability of exploitation activity in the next 30 days, 0..1. */
  score: z.number(),
  /** Null in the oldest files (2021), which had no percentile column. */
  percentile: z.number().nullable(),
  /** Null in files before the `#model_version` comment line existed. */
  modelVersion: z.string().nullable(),
  /** YYYY-MM-DD, from the comment line or, failing that, the file name. */
  scoreDate: z.string().nullable(),
});
export type EpssScore = z.infer<typeof EpssScore>;

/** One CVSS base score as a source stated it. */
export const CvssScore = z.object({
  /** `4.0`, `3.1`, `3.0` or `2.0`. */
  version: z.string(),
  score: z.number(),
  severity: z.string().nullable(),
  vector: z.string(),
  /** Who scored it (`nvd@nist.gov`, a CNA's address). */
  source: z.string(),
  /** `Primary` or `Secondary` in NVD's terms. */
  type: z.string().nullable(),
});
export type CvssScore = z.infer<typeof CvssScore>;

/** A product NVD says is affected, from one CPE match of its configurations. */
export const AffectedProduct = z.object({
  criteria: z.string(),
  part: z.string(),
  vendor: z.string(),
  product: z.string(),
  /** The CPE's version field (`*` when a range applies). */
  version: z.string(),
  versionStartIncluding: z.string().nullable(),
  versionStartExcluding: z.string().nullable(),
  versionEndIncluding: z.string().nullable(),
  versionEndExcluding: z.string().nullable(),
  vulnerable: z.boolean(),
});
export type AffectedProduct = z.infer<typeof AffectedProduct>;

/** NVD's record of one CVE. `cvss` is the preferred score (newest version, Primary first); `scores` all of them. */
export const CveRecord = z.object({
  cveId: z.string(),
  feedId: Id,
  sourceIdentifier: z.string().nullable(),
  /** ISO-8601 UTC (NVD gives no zone; it is UTC). */
  published: z.string().nullable(),
  lastModified: z.string().nullable(),
  vulnStatus: z.string().nullable(),
  description: z.string().nullable(),
  cvss: CvssScore.nullable(),
  scores: z.array(CvssScore),
  cwes: z.array(z.string()),
  products: z.array(AffectedProduct),
});
export type CveRecord = z.infer<typeof CveRecord>;

/** Where an affected/fixed record came from. */
export const AffectedSource = z.enum(['debian-tracker', 'osv', 'msrc']);
export type AffectedSource = z.infer<typeof AffectedSource>;

/**
 * One "package P in release R of distribution D is (or was) affected by V": the mapping rows.
 * `status`: `fixed` (in `fixedVersion`), `open` (no fix yet: `fixedVersion` null),
 * `not_affected` (the tracker's fixed version "0"), `undetermined`.
 */
export const AffectedRecord = z.object({
  source: AffectedSource,
  feedId: Id,
  /** `debian`, `ubuntu`, `almalinux`, `rocky`, `redhat`, `windows`. */
  distribution: z.string(),
  /**
   * The release: Debian and Ubuntu by codename (`bookworm`, `jammy`) where it is known, else as the
   * feed states it (`22.04`); AlmaLinux and Rocky by major version (`9`); Red Hat as its OSV
   * ecosystem states it after `Red Hat:` (`rhel_eus:9.2::appstream`).
   */
  release: z.string(),
  /** The ecosystem as the feed wrote it (`Ubuntu:22.04:LTS`), or `debian:<codename>` for the tracker. */
  ecosystem: z.string(),
  /** Debian and Ubuntu: the source package; RPM distributions: the binary package; Windows: the product. */
  package: z.string(),
  /** A CVE id, a Debian `TEMP-` id, or null for an advisory that names no CVE. */
  cveId: z.string().nullable(),
  advisoryId: z.string().nullable(),
  status: z.enum(['fixed', 'open', 'not_affected', 'undetermined']),
  fixedVersion: z.string().nullable(),
  /** Debian tracker urgency (`low`, `medium`, `high`, `unimportant`, ...), else null. */
  urgency: z.string().nullable(),
  /** Debian tracker `nodsa`/`nodsa_reason`, when given. */
  note: z.string().nullable(),
});
export type AffectedRecord = z.infer<typeof AffectedRecord>;

/** One advisory (OSV record, Microsoft KB) and the CVEs it names. */
export const AdvisoryRecord = z.object({
  source: AffectedSource,
  advisoryId: z.string(),
  feedId: Id,
  distribution: z.string().nullable(),
  published: z.string().nullable(),
  modified: z.string().nullable(),
  withdrawn: z.string().nullable(),
  summary: z.string().nullable(),
  /** A CVSS vector the advisory states (OSV `severity`), without a computed score. */
  severityVector: z.string().nullable(),
  cveIds: z.array(z.string()),
});
export type AdvisoryRecord = z.infer<typeof AdvisoryRecord>;

/** The Debian tracker's own words on one issue of one source package. */
export const TrackerIssue = z.object({
  package: z.string(),
  cveId: z.string(),
  feedId: Id,
  description: z.string().nullable(),
  scope: z.string().nullable(),
  debianBug: z.number().int().nullable(),
});
export type TrackerIssue = z.infer<typeof TrackerIssue>;

/** Everything the imported feeds say about one CVE. Empty parts mean no imported feed says anything. */
export const CveIntel = z.object({
  cveId: z.string(),
  kev: KevEntry.nullable(),
  epss: EpssScore.nullable(),
  nvd: CveRecord.nullable(),
  advisories: z.array(AdvisoryRecord),
  affected: z.array(AffectedRecord),
  tracker: z.array(TrackerIssue),
  /** The feeds the parts above came from, so each figure can be traced. */
  feeds: z.array(IntelFeed),
});
export type CveIntel = z.infer<typeof CveIntel>;

/** What an import did. `unchanged`: the same file was already the current one. */
export const IntelImportResult = z.object({
  outcome: z.enum(['imported', 'unchanged']),
  feed: IntelFeed,
  /** Feeds this import replaced. */
  superseded: z.array(Id),
});
export type IntelImportResult = z.infer<typeof IntelImportResult>;

/** The largest feed file the app's import channel takes (the CLI reads files of any size from disk). */
export const MAX_INTEL_UPLOAD_BYTES = 200 * 1024 * 1024;

/** A CVE id, upper-cased: `CVE-2024-3094`. */
export const CveId = z
  .string()
  .trim()
  .transform((value) => value.toUpperCase())
  .refine((value) => /^CVE-\d{4}-\d{4,19}$/.test(value), 'expected a CVE id such as CVE-2024-3094');

export const IntelImportRequest = z.object({
  fileName: z.string().trim().min(1, 'name the file').max(255),
  base64: z.string().max(Math.ceil(MAX_INTEL_UPLOAD_BYTES / 3) * 4 + 4, 'the file is larger than 200 MB: import it with "patchdesk intel import FILE"'),
});
export type IntelImportRequest = z.infer<typeof IntelImportRequest>;

/** What importing a signed intel bundle did: who signed it and how they are trusted, then each feed. */
export const IntelBundleImportResult = z.object({
  signer: z.object({ fingerprint: z.string(), trust: SignerTrust }),
  generatedAt: z.string(),
  imported: z.array(IntelImportResult),
  /** Feeds left out because the installation already has a newer one of the same kind. */
  skipped: z.array(z.object({ fileName: z.string(), kind: IntelFeedKind, reason: z.string() })),
});
export type IntelBundleImportResult = z.infer<typeof IntelBundleImportResult>;

export const IntelBundleImportRequest = IntelImportRequest.extend({
  /** Only this key may have signed the bundle (`SHA256:...`); the trusted list then does not apply. */
  pinnedFingerprint: z.string().trim().optional(),
});
export type IntelBundleImportRequest = z.infer<typeof IntelBundleImportRequest>;

/**
 * Whether a file's bytes are a signed bundle (or an evidence pack: both carry `manifest.json` and
 * `manifest.sig`), from the names in the ZIP's central directory at its end. The app sends such a
 * file to `intel:importBundle`, which verifies it; anything else to `intel:import`.
 */
export function looksLikeSignedBundle(bytes: Uint8Array): boolean {
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) return false;
  const tail = bytes.subarray(Math.max(0, bytes.length - 70_000));
  return containsAscii(tail, 'manifest.json') && containsAscii(tail, 'manifest.sig');
}

function containsAscii(bytes: Uint8Array, text: string): boolean {
  const first = text.charCodeAt(0);
  for (let at = bytes.indexOf(first); at >= 0 && at + text.length <= bytes.length; at = bytes.indexOf(first, at + 1)) {
    let index = 1;
    while (index < text.length && bytes[at + index] === text.charCodeAt(index)) index++;
    if (index === text.length) return true;
  }
  return false;
}

/**
 * A file on the core's machine, named by its path: the CLI passes paths because it runs as the
 * same user on the same machine as the core that reads them (a feed may be larger than a message).
 */
export const LocalFilePath = z.string().trim().min(1, 'name the file').max(4096);

/** `intel:importFile`: imports one feed file (or signed bundle) the core reads from disk. */
export const IntelImportFileRequest = z.object({ path: LocalFilePath, pinnedFingerprint: z.string().trim().optional() });
export type IntelImportFileRequest = z.infer<typeof IntelImportFileRequest>;

/** What `intel:importFile` did: a feed file, or a verified bundle. */
export const IntelImportFileResult = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('feed'), result: IntelImportResult }),
  z.object({ kind: z.literal('bundle'), result: IntelBundleImportResult }),
]);
export type IntelImportFileResult = z.infer<typeof IntelImportFileResult>;

/** `intel:writeBundle`: writes a signed bundle of the current feeds to a path on the core's machine. */
export const IntelBundleWritten = z.object({ path: z.string(), size: z.number().int().nonnegative(), feeds: z.array(IntelFeed), fingerprint: z.string() });
export type IntelBundleWritten = z.infer<typeof IntelBundleWritten>;

/** `intel:fetch`: downloads one feed from its address and imports it. */
export const IntelFetchRequest = z.object({ target: z.object({ label: z.string().min(1).max(200), url: z.string().url().max(2048), fileName: z.string().min(1).max(255) }) });
export type IntelFetchRequest = z.infer<typeof IntelFetchRequest>;
