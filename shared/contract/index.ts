/**
 * The one API contract. Every channel has a request and a response schema; every push event has
 * a payload schema. The Electron preload, the browser host and the CLI all serve exactly this,
 * through the same dispatcher, and the renderer reaches it only through its API client.
 */
import { z } from 'zod';
import { AppInfo } from './app';
import { AuditVerification } from './audit';
import { Asset, AssetChange, AssetCreate, AssetListRequest, AssetRetire, AssetReview, AssetSetAccess, AssetUpdate, BulkResult } from './assets';
import { DataChangedEvent } from './changes';
import { Empty, Id } from './common';
import { ComplianceDetail, ComplianceReportRequest, ComplianceSummary, ComplianceSummaryRequest } from './compliance';
import { ExceptionClose, ExceptionCreate, ExceptionRecord, ExceptionRenew } from './exceptions';
import { Branding, BrandingUpdate, EvidenceDownload, EvidenceExportStarted, EvidencePackRecord, EvidencePeriodRequest, EvidencePreview, EvidenceVerification, EvidenceVerifyRequest, InstallationFingerprint, SigningKeyInfo, TrustedSigner, TrustSignerRequest, UntrustSignerRequest } from './evidence';
import {
  AssetRing,
  ChecklistTemplate,
  CloseCycleRequest,
  CycleDetail,
  CycleListRequest,
  CycleSettings,
  CycleSettingsUpdate,
  CycleSummary,
  LateCycleItem,
  LateItemsRequest,
  MaintenanceWindows,
  OpenBaselineRequest,
  OpenEmergencyRequest,
  ReopenItemRequest,
  SetRingsRequest,
  SetWindowsRequest,
  TemplateRequest,
  TemplateUpdate,
  TickRequest,
} from './cycles';
import { Credential, CredentialBind, CredentialCreate, CredentialUse, Passphrase, VaultStatus } from './credentials';
import { ScanHostEvent, ScanStarted, ScanStartRequest, ScanSummary } from './discovery';
import { CsvCommitRequest, CsvPreview, CsvPreviewRequest, ExportedFile, ExportRequest, ImportReport, MAX_COLLECTION_FILE_BYTES, NmapImportRequest } from './import-export';
import {
  AssetPatchDetail,
  CollectHostEvent,
  CollectionRunSummary,
  CollectStartRequest,
  FleetStatus,
  HostKeyRecord,
} from './patch-status';
import { PackageHistoryRequest, PackageHistoryResponse } from './package-history';
import { JobCancelRequest, JobDetail, JobListRequest, JobProgressEvent, JobRecord } from './jobs';
import { CveId, CveIntel, IntelBundleImportRequest, IntelBundleImportResult, IntelBundleWritten, IntelFeedStatus, IntelFetchRequest, IntelImportFileRequest, IntelImportFileResult, IntelImportRequest, IntelImportResult, LocalFilePath } from './intel';
import { AssetVulnerabilities, SiteVulnerabilities, TriageRequest, TriageResult } from './triage';
import { RolloutApproveRequest, RolloutDetail, RolloutManualDoneRequest, RolloutPlanRequest, RolloutRef, RolloutRollbackRequest, RolloutStarted, RolloutSummary } from './rollouts';
import { Site, SiteInput, SiteUpdate } from './sites';
import { ClassifyRequest, OverrideRequest, PatchPolicySchema, PolicyUpdate } from './tiers';

const channel = <Req extends z.ZodType, Res extends z.ZodType>(request: Req, response: Res) => ({ request, response });

/** Every request/response channel, named `domain:verb`. */
export const channels = {
  'app:info': channel(Empty, AppInfo),

  'sites:list': channel(Empty, z.array(Site)),
  'sites:create': channel(SiteInput, Site),
  'sites:update': channel(SiteUpdate, Site),

  'assets:list': channel(AssetListRequest, z.array(Asset)),
  'assets:get': channel(z.object({ id: Id }), Asset),
  'assets:create': channel(AssetCreate, Asset),
  'assets:update': channel(AssetUpdate, Asset),
  'assets:review': channel(AssetReview, BulkResult),
  'assets:retire': channel(AssetRetire, BulkResult),
  'assets:setAccess': channel(AssetSetAccess, BulkResult),
  'assets:history': channel(z.object({ id: Id }), z.array(AssetChange)),
  'assets:packageHistory': channel(PackageHistoryRequest, PackageHistoryResponse),

  'tiers:classify': channel(ClassifyRequest, BulkResult),
  'tiers:override': channel(OverrideRequest, BulkResult),
  'policy:get': channel(z.object({ siteId: Id }), PatchPolicySchema),
  'policy:update': channel(PolicyUpdate, PatchPolicySchema),

  'scan:start': channel(ScanStartRequest, ScanStarted),
  'scan:cancel': channel(z.object({ jobId: z.string() }), Empty),
  'scan:list': channel(z.object({ siteId: Id }), z.array(ScanSummary)),

  'import:csvPreview': channel(CsvPreviewRequest, CsvPreview),
  'import:csvCommit': channel(CsvCommitRequest, ImportReport),
  'import:nmap': channel(NmapImportRequest, ImportReport),
  'export:assets': channel(ExportRequest, ExportedFile),

  'vault:status': channel(Empty, VaultStatus),
  'vault:setup': channel(z.object({ passphrase: Passphrase }), VaultStatus),
  'vault:unlock': channel(z.object({ passphrase: z.string().max(1024) }), VaultStatus),
  'vault:lock': channel(Empty, VaultStatus),
  'credentials:list': channel(z.object({ siteId: Id.nullable() }), z.array(Credential)),
  'credentials:create': channel(CredentialCreate, Credential),
  'credentials:retire': channel(z.object({ id: Id }), Empty),
  'credentials:bind': channel(CredentialBind, Credential),
  'credentials:unbind': channel(CredentialBind, Credential),
  'credentials:uses': channel(z.object({ id: Id }), z.array(CredentialUse)),

  'status:fleet': channel(z.object({ siteId: Id }), FleetStatus),
  'status:asset': channel(z.object({ assetId: Id }), AssetPatchDetail),
  'collect:start': channel(CollectStartRequest, z.object({ jobId: z.string(), runId: Id, hostsTotal: z.number().int() })),
  'collect:cancel': channel(z.object({ jobId: z.string() }), Empty),
  'collect:list': channel(z.object({ siteId: Id }), z.array(CollectionRunSummary)),
  'collect:importFile': channel(
    z.object({
      siteId: Id,
      assetId: Id.optional(),
      text: z.string().max(MAX_COLLECTION_FILE_BYTES, 'the file is larger than 100 MB'),
      fileName: z.string().default(''),
      /** Attach the file to `assetId` even though it names another host; the audit log records it. */
      forceHost: z.boolean().default(false),
    }),
    z.object({ assetId: Id, hostname: z.string(), pending: z.number().int(), security: z.number().int() }),
  ),
  'hostkeys:list': channel(z.object({ siteId: Id }), z.array(HostKeyRecord)),
  'hostkeys:approve': channel(z.object({ assetId: Id, fingerprint: z.string().min(1) }), Empty),

  'exceptions:list': channel(z.object({ siteId: Id }), z.array(ExceptionRecord)),
  'exceptions:create': channel(ExceptionCreate, ExceptionRecord),
  'exceptions:close': channel(ExceptionClose, ExceptionRecord),
  'exceptions:renew': channel(ExceptionRenew, ExceptionRecord),

  'compliance:summary': channel(ComplianceSummaryRequest, ComplianceSummary),
  'compliance:report': channel(ComplianceReportRequest, ComplianceDetail),

  'evidence:branding': channel(Empty, Branding),
  'evidence:setBranding': channel(BrandingUpdate, Branding),
  'evidence:signingKey': channel(Empty, SigningKeyInfo),
  'evidence:installationFingerprint': channel(Empty, InstallationFingerprint),
  'evidence:packs': channel(z.object({ siteId: Id }), z.array(EvidencePackRecord)),
  'evidence:defaultPeriod': channel(z.object({ siteId: Id }), z.object({ from: z.string(), to: z.string() })),
  'evidence:preview': channel(EvidencePeriodRequest, EvidencePreview),
  /** Starts an export as a job (kind `evidence-export`); progress and the pack come as `job:progress` events. */
  'evidence:export': channel(EvidencePeriodRequest, EvidenceExportStarted),
  'evidence:cancel': channel(z.object({ jobId: z.string() }), Empty),
  'evidence:download': channel(z.object({ id: Id }), EvidenceDownload),
  'evidence:verify': channel(EvidenceVerifyRequest, EvidenceVerification),
  'evidence:trustedSigners': channel(Empty, z.array(TrustedSigner)),
  'evidence:trustSigner': channel(TrustSignerRequest, TrustedSigner),
  'evidence:untrustSigner': channel(UntrustSignerRequest, Empty),

  'cycles:list': channel(CycleListRequest, z.array(CycleSummary)),
  'cycles:get': channel(z.object({ cycleId: Id }), CycleDetail),
  'cycles:openBaseline': channel(OpenBaselineRequest, CycleDetail),
  'cycles:openEmergency': channel(OpenEmergencyRequest, CycleDetail),
  'cycles:tick': channel(TickRequest, CycleDetail),
  'cycles:reopenItem': channel(ReopenItemRequest, CycleDetail),
  'cycles:close': channel(CloseCycleRequest, CycleDetail),
  'cycles:late': channel(LateItemsRequest, z.array(LateCycleItem)),
  'cycles:settings': channel(z.object({ siteId: Id }), CycleSettings),
  'cycles:updateSettings': channel(CycleSettingsUpdate, CycleSettings),
  'cycles:template': channel(TemplateRequest, ChecklistTemplate),
  'cycles:updateTemplate': channel(TemplateUpdate, ChecklistTemplate),
  'cycles:rings': channel(z.object({ siteId: Id }), z.array(AssetRing)),
  'cycles:setRings': channel(SetRingsRequest, BulkResult),
  'cycles:windows': channel(z.object({ siteId: Id }), MaintenanceWindows),
  'cycles:setWindows': channel(SetWindowsRequest, MaintenanceWindows),

  /** Every process's long jobs on this data folder, newest first. */
  'jobs:list': channel(JobListRequest, z.array(JobRecord)),
  'jobs:get': channel(z.object({ jobId: z.string().min(1).max(64) }), JobDetail),
  /** Asks a job to stop; answers with the job as it is now (its owner stops at its next step or heartbeat). */
  'jobs:cancel': channel(JobCancelRequest, JobRecord),
  /** Every current feed with its provenance and age (the Feeds panel). */
  'intel:status': channel(Empty, z.array(IntelFeedStatus)),
  /** Imports one feed file (KEV, EPSS, NVD, OSV, Debian tracker, Microsoft, or a signed bundle). */
  'intel:import': channel(IntelImportRequest, IntelImportResult),
  /** Verifies a signed intel bundle (trusted signers only) and imports its feeds. */
  'intel:importBundle': channel(IntelBundleImportRequest, IntelBundleImportResult),
  /** What the imported feeds say about one CVE. */
  'intel:cve': channel(z.object({ cveId: CveId }), CveIntel),
  /** Imports a feed file or signed bundle the core reads from disk (the CLI: same user, same machine). */
  'intel:importFile': channel(IntelImportFileRequest, IntelImportFileResult),
  /** Writes a signed bundle of the current feeds to a path on the core's machine. */
  'intel:writeBundle': channel(z.object({ outPath: LocalFilePath }), IntelBundleWritten),
  /** Downloads one feed from its address (or a mirror) and imports it. */
  'intel:fetch': channel(IntelFetchRequest, IntelImportResult),

  /** Walks the audit log's hash chain. */
  'audit:verify': channel(Empty, AuditVerification),

  /** Which assets a CVE, KB or advisory affects, how, and what is unknown (the triage view, `patchdesk triage`). */
  'triage:run': channel(TriageRequest, TriageResult),
  /** CVEs, KEV and EPSS per pending update, mapping per asset, and known-exploited fixes still missing. */
  'triage:site': channel(z.object({ siteId: Id }), SiteVulnerabilities),
  /** One asset's CVE links (fix pending, not offered, no fix yet) with KEV, EPSS and CVSS (the asset drawer). */
  'triage:asset': channel(z.object({ assetId: Id }), AssetVulnerabilities),

  'rollouts:plan': channel(RolloutPlanRequest, RolloutDetail),
  /** Asks each host's package manager what the plan would do, pins the versions, checks rollback; stored on the rollout. */
  'rollouts:preview': channel(RolloutRef, RolloutDetail),
  'rollouts:get': channel(RolloutRef, RolloutDetail),
  'rollouts:list': channel(z.object({ siteId: Id }), z.array(RolloutSummary)),
  'rollouts:approve': channel(RolloutApproveRequest, RolloutDetail),
  /** Starts the approved rollout as a long job; progress is in rollouts:get. */
  'rollouts:start': channel(RolloutRef, RolloutStarted),
  'rollouts:halt': channel(RolloutRef, RolloutDetail),
  'rollouts:resume': channel(RolloutRef, RolloutStarted),
  'rollouts:cancel': channel(RolloutRef, RolloutDetail),
  'rollouts:rollback': channel(RolloutRollbackRequest, RolloutStarted),
  /** A network device's manual step, ticked by an admin with evidence (audited). */
  'rollouts:manualDone': channel(RolloutManualDoneRequest, RolloutDetail),
} as const;

/** Push events from the main side to the UI. */
export const events = {
  'scan:host': ScanHostEvent,
  'collect:host': CollectHostEvent,
  'data:changed': DataChangedEvent,
  'job:progress': JobProgressEvent,
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type EventName = keyof typeof events;

/** The request a caller passes (defaults not yet applied). */
export type RequestOf<C extends ChannelName> = z.input<Channels[C]['request']>;
/** The request a service receives (parsed, defaults applied). */
export type ParsedRequestOf<C extends ChannelName> = z.output<Channels[C]['request']>;
/** The response a caller receives. */
export type ResponseOf<C extends ChannelName> = z.output<Channels[C]['response']>;
/** An event payload. */
export type EventOf<E extends EventName> = z.output<(typeof events)[E]>;

/** All channel names, for the preload (one method per channel) and the host's allow-list. */
export const CHANNEL_NAMES = Object.keys(channels) as ChannelName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

/** True when the text names a channel of the contract. */
export function isChannelName(name: string): name is ChannelName {
  return Object.prototype.hasOwnProperty.call(channels, name);
}

export * from './changes';
export * from './common';
export * from './credentials';
export * from './exceptions';
export * from './compliance';
export * from './evidence';
export * from './cycles';
export * from './app';
export * from './audit';
export * from './assets';
export * from './discovery';
export * from './import-export';
export * from './jobs';
export * from './intel';
export * from './triage';
export * from './patch-status';
export * from './rollouts';
export * from './sites';
export * from './tiers';
