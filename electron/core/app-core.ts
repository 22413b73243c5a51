/**
 * The composition root: open the database, migrate, build repositories and services, and wire
 * them to the contract's handlers. The desktop main process, the browser host and the CLI all
 * start here, so they behave the same.
 */
import { formatLocalDate, localDateOf } from '../../shared/domain/sla/local-time';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { openDatabase, type Db } from '../db/database';
import { JobEngine, type JobTimers } from '../jobs/job-engine';
import { LATEST_SCHEMA_VERSION } from '../db/migrations/index';
import { AssetsRepository } from '../db/repositories/assets.repository';
import { AuditLogRepository } from '../db/repositories/audit-log.repository';
import { ChangeFeedRepository } from '../db/repositories/change-feed.repository';
import { ComplianceRepository } from '../db/repositories/compliance.repository';
import { CredentialsRepository } from '../db/repositories/credentials.repository';
import { CyclesRepository } from '../db/repositories/cycles.repository';
import { EvidenceRepository } from '../db/repositories/evidence.repository';
import { ExceptionsRepository } from '../db/repositories/exceptions.repository';
import { PackageHistoryRepository } from '../db/repositories/package-history.repository';
import { PatchStatusRepository } from '../db/repositories/patch-status.repository';
import { RolloutsRepository } from '../db/repositories/rollouts.repository';
import { ScansRepository } from '../db/repositories/scans.repository';
import { SitesRepository } from '../db/repositories/sites.repository';
import { ChangeWatcher, type ChangeWatcherTimers } from '../services/changes/change-watcher';
import { TrustedSignersRepository } from '../db/repositories/trusted-signers.repository';
import { IntelImportRepository } from '../db/repositories/intel-import.repository';
import { IntelRepository } from '../db/repositories/intel.repository';
import { CveLinksRepository } from '../db/repositories/cve-links.repository';
import { CveLinkResolutionsRepository } from '../db/repositories/cve-link-resolutions.repository';
import { CveMappingJobs } from '../services/intel/mapping/cve-mapping-jobs';
import { CveMappingService } from '../services/intel/mapping/cve-mapping.service';
import { assetVulnerabilities, siteVulnerabilities } from '../services/intel/triage/site-vulnerabilities';
import { TriageService } from '../services/intel/triage/triage.service';
import { knownExploitedEvidence } from '../services/evidence/report/known-exploited-evidence';
import { feedAgeLimits } from '../../shared/domain/intel/feed-age';
import { siteKevLookup } from '../services/intel/mapping/kev-lookup';
import { IntelBundleService } from '../services/intel/feeds/intel-bundle.service';
import { readBundleFile } from '../services/intel/feeds/bundle-file';
import { IntelFetchService } from '../services/intel/feeds/intel-fetch.service';
import { IntelImportService } from '../services/intel/feeds/intel-import.service';
import { IntelService } from '../services/intel/feeds/intel.service';
import type { runDiscovery } from '../services/discovery/index';
import { ComplianceService } from '../services/compliance/compliance.service';
import { SiteSlaClock } from '../services/compliance/site-sla-clock';
import { CredentialVaultService, type KeychainProtector } from '../services/credentials/credential-vault.service';
import { ChecklistEvidenceStore } from '../services/cycles/checklist-evidence-store';
import { CyclesService } from '../services/cycles/cycles.service';
import { BrandingService } from '../services/evidence/branding/branding.service';
import { EvidenceExportJobsService } from '../services/evidence/evidence-export-jobs.service';
import { EvidenceExportService } from '../services/evidence/evidence-export.service';
import { EvidencePackService } from '../services/evidence/pack/evidence-pack.service';
import { removeInterruptedPackFiles } from '../services/evidence/pack/partial-pack-files';
import { InstallationSigningKey } from '../services/evidence/signing/installation-key';
import { SigningKeyService } from '../services/evidence/signing/signing-key.service';
import { TrustedSignersService } from '../services/evidence/signing/trusted-signers.service';
import { ExceptionRegisterService } from '../services/exceptions/exception-register.service';
import { InventoryImportService } from '../services/inventory/inventory-import.service';
import { InventoryService } from '../services/inventory/inventory.service';
import { CollectJobsService } from '../services/patch-status/collect-jobs.service';
import { loadEolTable } from '../services/patch-status/eol-table.loader';
import type { HostCollector } from '../services/patch-status/host-collector';
import { PatchStatusService } from '../services/patch-status/patch-status.service';
import { PackageHistoryService } from '../services/patch-status/package-history.service';
import { OfflineCollectionService } from '../services/patch-status/offline-collection.service';
import { createRemoteExecutor } from '../services/remote/executor/remote-executor';
import { createHostAccess, type HostAccess } from '../services/rollouts/host-access';
import { engineRolloutJobs, rolloutJobKind } from '../services/rollouts/rollout-job-kind';
import { familyFor, type PackageFamilyOperations } from '../services/rollouts/package-family';
import { abortableSleep } from '../services/rollouts/sleep';
import { RolloutsService, type RolloutLimits } from '../services/rollouts/rollouts.service';
import { fixingUpdatesByAsset } from '../../shared/domain/rollouts/selection';
import { ScanJobsService } from '../services/scans/scan-jobs.service';
import { SitesService } from '../services/sites/sites.service';
import { TiersService } from '../services/tiers/tiers.service';
import { resolveActor } from './actor';
import { AppError } from '../platform/app-error';
import { actingActor } from '../platform/request-context';
import { systemClock, type Clock } from '../platform/clock';
import { DATABASE_FILE } from './data-dir';
import { processOwnerProbe, type OwnerProbe } from '../platform/job-owner';
import { tightenPrivateTree } from '../platform/private-files';
import { createDispatcher, type Dispatcher } from './dispatcher';
import { EventBus } from '../platform/event-bus';
import { APP_VERSION } from '../platform/version';

export interface AppCoreOptions {
  dataDir: string;
  mode: 'desktop' | 'browser' | 'cli';
  actor?: string;
  clock?: Clock;
  discover?: typeof runDiscovery;
  checkResponses?: boolean;
  /** Desktop only: the OS keychain that protects the vault's key. */
  keychain?: KeychainProtector;
  /** Collects one host; tests pass a scripted one. Defaults to SSH/WinRM. */
  collector?: HostCollector;
  /** Where bundled data lives (resources/); the Electron main process passes its own. */
  resourcesDir?: string;
  /** Tests: scripted hosts for rollouts instead of SSH (how hosts are reached, and their package manager). */
  rolloutHosts?: { access: HostAccess; family: (packageManager: string) => PackageFamilyOperations | undefined };
  /** Tests: shorter rollout limits (the dpkg lock wait, install and reboot timeouts). */
  rolloutLimits?: Partial<RolloutLimits>;
  /** This process as the owner of the jobs it starts; tests pass another to act as a second process. */
  owner?: OwnerProbe;
  /** The job engine's heartbeat timer; tests pass one they fire themselves. */
  jobTimers?: JobTimers;
}

/** Everything a transport needs, plus the services for the CLI's direct use. */
export interface AppCore {
  db: Db;
  dispatcher: Dispatcher;
  events: EventBus;
  /** The one engine every long job of this process runs on. */
  jobs: JobEngine;
  /** Settles once the OS keychain (desktop) has opened the vault, or failed to; at once without a keychain. */
  vaultReady: Promise<void>;
  services: {
    sites: SitesService;
    inventory: InventoryService;
    tiers: TiersService;
    scans: ScanJobsService;
    imports: InventoryImportService;
    vault: CredentialVaultService;
    patchStatus: PatchStatusService;
    packageHistory: PackageHistoryService;
    collections: CollectJobsService;
    offline: OfflineCollectionService;
    exceptions: ExceptionRegisterService;
    compliance: ComplianceService;
    branding: BrandingService;
    signingKey: SigningKeyService;
    trustedSigners: TrustedSignersService;
    evidencePacks: EvidencePackService;
    evidence: EvidenceExportService;
    evidenceJobs: EvidenceExportJobsService;
    cycles: CyclesService;
    intel: IntelService;
    intelImport: IntelImportService;
    cveMapping: CveMappingService;
    cveMappingJobs: CveMappingJobs;
    triage: TriageService;
    intelBundles: IntelBundleService;
    intelFetch: IntelFetchService;
    rollouts: RolloutsService;
  };
  audit: AuditLogRepository;
  /**
   * Fills the compliance trend caches of every site in the background, one site per turn of the
   * event loop, so the first dashboard a user opens answers as fast as the later ones (the first
   * summary reads twelve months of history). For long-running hosts (desktop, browser), not the CLI.
   */
  warmUp(): void;
  /**
   * Starts pushing a `data:changed` event after every committed write, this process's or another
   * one's on the same data folder (the CLI included), so open screens stay true. For long-running
   * hosts (desktop, browser), not the CLI. Returns the watcher; tests pass timers and tick it.
   */
  watchChanges(options?: { timers?: ChangeWatcherTimers; pollMs?: number }): ChangeWatcher;
  /** Stops running jobs and closes the database. */
  close(): Promise<void>;
}

/** The discovery engine, loaded on the first scan so other commands start fast. */
const loadDiscoveryOnDemand: typeof runDiscovery = async (run) => (await import('../services/discovery/index')).runDiscovery(run);

/** The SSH/WinRM collector, loaded on the first collection so other commands start fast. */
const loadCollectorOnDemand: HostCollector = async (request) => (await import('../services/patch-status/remote-host-collector')).createRemoteHostCollector()(request);

/** resources/ beside the source tree (the desktop app passes its packaged folder instead). */
function defaultResourcesDir(): string {
  return fileURLToPath(new URL('../../resources/', import.meta.url));
}

/** Where packs exported from the app are kept, inside the data folder. */
export const PACK_LIBRARY_FOLDER = 'evidence-packs';

/** Where copies of imported vulnerability feed files are kept, inside the data folder. */
export const INTEL_FEEDS_FOLDER = 'intel-feeds';

/** Opens an installation's data and builds the services over it. */
export function openAppCore(options: AppCoreOptions): AppCore {
  // Folders and files made by older versions (or copied in) lose group and other access.
  const tightened = tightenPrivateTree(options.dataDir);
  if (tightened.failures.length > 0) console.warn(`patchdesk: could not make these private to this user: ${tightened.failures.join('; ')}`);
  const db = openDatabase(join(options.dataDir, DATABASE_FILE));
  const clock = options.clock ?? systemClock;
  const actor = options.actor ?? resolveActor();
  const events = new EventBus();

  // `actor` is this core's own: a CLI command forwarding to it acts as its own actor instead (see platform/request-context.ts).
  const repositories = { sites: new SitesRepository(db), assets: new AssetsRepository(db), scans: new ScansRepository(db), audit: new AuditLogRepository(db, options.mode) };
  const common = { db, clock, actor, audit: repositories.audit };
  const owner = options.owner ?? processOwnerProbe;
  // A CLI command is short-lived: it never takes over another process's interrupted job to resume it.
  const jobs = new JobEngine({ db, clock, owner, events, actor, via: options.mode, resumeInterrupted: options.mode !== 'cli', ...(options.jobTimers ? { timers: options.jobTimers } : {}) });
  const sites = new SitesService({ ...common, sites: repositories.sites });
  const inventory = new InventoryService({ ...common, assets: repositories.assets, sites: repositories.sites });
  const tiers = new TiersService({ ...common, assets: repositories.assets, inventory });
  const scans = new ScanJobsService({ ...common, sites: repositories.sites, assets: repositories.assets, scans: repositories.scans, inventory, events, jobs, discover: options.discover ?? loadDiscoveryOnDemand });
  const imports = new InventoryImportService({ ...common, sites: repositories.sites, inventory });
  const vault = new CredentialVaultService({ ...common, credentials: new CredentialsRepository(db), ...(options.keychain ? { keychain: options.keychain } : {}) });
  // With a keychain that answers from another process (the desktop core), this settles later: see vaultReady.
  const vaultReady = vault.unlockWithKeychain().then(
    () => undefined,
    (error: Error) => console.warn(`patchdesk: the OS keychain could not open the credentials vault (${error.message}); the master passphrase applies`),
  );
  const eol = loadEolTable(options.resourcesDir ?? defaultResourcesDir(), options.dataDir);
  if (eol.warning) console.warn(`patchdesk: ${eol.warning}`);
  const patchStatusRepository = new PatchStatusRepository(db);
  const exceptionsRepository = new ExceptionsRepository(db);
  const complianceRepository = new ComplianceRepository(db);
  // KEV facts come from the CVE mapping and the intel feeds, built further down.
  const slaClock = new SiteSlaClock({ sites, exceptions: exceptionsRepository, compliance: complianceRepository, kev: (siteId) => siteKevLookup({ mapping: cveMappingJobs, links: cveLinks, intel: intelRepository, assets: (id) => inventory.list(id, ['active']) }, siteId),
    mapping: (siteId) => {
      const fresh = cveMappingJobs.forRead(siteId);
      return { ...fresh.mapping, assetIds: [...fresh.pending].sort((a, b) => a - b) };
    },
  });
  const packageHistoryRepository = new PackageHistoryRepository(db);
  const patchStatus = new PatchStatusService({ ...common, collectionStored: (siteId) => cveMappingJobs.trigger(siteId), patchStatus: patchStatusRepository, packageHistory: packageHistoryRepository, inventory, eolTable: eol.table, slaClock });
  const packageHistory = new PackageHistoryService({ packageHistory: packageHistoryRepository, inventory });
  const collections = new CollectJobsService({ ...common, patchStatus: patchStatusRepository, status: patchStatus, inventory, vault, events, jobs, collector: options.collector ?? loadCollectorOnDemand });
  const offline = new OfflineCollectionService({ inventory, assets: repositories.assets, patchStatus, clock });
  const exceptions = new ExceptionRegisterService({ ...common, exceptions: exceptionsRepository, sites, inventory });
  // Late checklist items come from the cycles service, built just below (it needs the site services first).
  const compliance = new ComplianceService({ compliance: complianceRepository, slaClock, clock, eolTable: eol.table, lateChecklistItems: (siteId, at) => cycles.lateItems(siteId, at) });
  const evidenceRepository = new EvidenceRepository(db);
  const branding = new BrandingService({ ...common, evidence: evidenceRepository });
  const signingKey = new SigningKeyService({ ...common, key: new InstallationSigningKey(options.dataDir) });
  const trustedSigners = new TrustedSignersService({ ...common, signers: new TrustedSignersRepository(db) });
  const evidencePacks = new EvidencePackService({ ...common, evidence: evidenceRepository, sites, signingKey });
  const cycles = new CyclesService({ ...common, cycles: new CyclesRepository(db), sites, inventory, evidence: new ChecklistEvidenceStore(join(options.dataDir, 'cycle-evidence')) });
  const libraryDir = join(options.dataDir, PACK_LIBRARY_FOLDER);
  const evidence = new EvidenceExportService({
    ...common,
    sites,
    compliance,
    cycles,
    exceptions,
    branding,
    signingKey,
    trustedSigners,
    packs: evidencePacks,
    libraryDir,
    // Built just below; called only when a pack is made.
    deployments: (siteId, from, to) => rollouts.deploymentRows(siteId, from, to),
    knownExploited: (siteId, from, to) =>
      knownExploitedEvidence(
        {
          triage: (id, cve) => triage.triage(id, cve),
          kevCveIds: () => intelRepository.kevCveIds(),
          linkedCves: (id, cves) => cveLinks.assetsByCves(id, cves),
          // One streamed pass over the period's fixes (the SLA engine's own rows), not a query per KEV CVE.
          fixCves: function* (id, periodFrom, periodTo) {
            for (const fix of complianceRepository.eachFixOverlapping(id, periodFrom, periodTo, { withLists: true })) if (fix.resolvedAt !== null) yield* fix.cves;
            // Fixes whose link came from a feed: the record the mapping kept when they were installed.
            yield* cveLinkResolutions.cvesFixedBetween(id, periodFrom, periodTo);
          },
          // Built just below; the feeds with their ages now, judged by the site policy's limits.
          feeds: () => intel.status(),
          feedAgeLimits: (id) => feedAgeLimits(sites.getPolicy(id).feedAgeLimitDays),
          now: () => clock.now(),
          localDate: (id, at) => formatLocalDate(localDateOf(at.getTime(), sites.get(id).timezone)),
        },
        siteId,
        from,
        to,
      ),
  });
  const evidenceJobs = new EvidenceExportJobsService({ evidence, sites, jobs });
  const remote = createRemoteExecutor();
  const rollouts = new RolloutsService({
    ...common,
    rollouts: new RolloutsRepository(db),
    sites,
    inventory,
    windows: (siteId) => cycles.windows(siteId).windows,
    patchStatusRepository,
    access: options.rolloutHosts?.access ?? createHostAccess({ vault, patchStatus: patchStatusRepository, executor: remote, status: patchStatus }),
    family: options.rolloutHosts?.family ?? familyFor,
    jobs: engineRolloutJobs(jobs),
    cycles,
    sleep: abortableSleep,
    ...(options.rolloutLimits ? { limits: options.rolloutLimits } : {}),
    // One rule for "the fixing updates": the triage's (built below; asked only when a plan needs it).
    fixingUpdates: (siteId, trigger) => fixingUpdatesByAsset(triage.triage(siteId, trigger).assets),
  });
  jobs.register(rolloutJobKind(() => rollouts));
  // An export cut short (crash, power cut, killed process) leaves its temporary file behind.
  removeInterruptedPackFiles(libraryDir, { clock });
  const intelRepository = new IntelRepository(db);
  const intel = new IntelService({ intel: intelRepository, clock });
  const intelImport = new IntelImportService({ ...common, imports: new IntelImportRepository(db), intel: intelRepository, storeDir: join(options.dataDir, INTEL_FEEDS_FOLDER), feedsChanged: () => cveMappingJobs.triggerAll() });
  const cveLinks = new CveLinksRepository(db);
  const cveLinkResolutions = new CveLinkResolutionsRepository(db);
  const cveMapping = new CveMappingService({ db, links: cveLinks, resolutions: cveLinkResolutions, history: packageHistoryRepository, intel: intelRepository, clock });
  // Remapping runs as a job; a CLI process (short-lived) remaps synchronously before it answers.
  const cveMappingJobs = new CveMappingJobs({ jobs, mapping: cveMapping, siteIds: () => sites.list().map((site) => site.id), synchronous: options.mode === 'cli' });
  const triage = new TriageService({ mapping: cveMapping, mappingJobs: cveMappingJobs, links: cveLinks, resolutions: cveLinkResolutions, patchStatus: patchStatusRepository, inventory, slaClock, intel: intelRepository, clock });
  const intelBundles = new IntelBundleService({ ...common, intel: intelRepository, imports: intelImport, signingKey, trustedSigners, storeDir: join(options.dataDir, INTEL_FEEDS_FOLDER) });
  const intelFetch = new IntelFetchService({ imports: intelImport, clock, tempDir: join(options.dataDir, INTEL_FEEDS_FOLDER) });

  const direct = createDispatcher(
    {
      'app:info': () => ({ version: APP_VERSION, mode: options.mode, dataDir: options.dataDir, actor: actingActor(actor), schemaVersion: LATEST_SCHEMA_VERSION }),
      'sites:list': () => sites.list(),
      'sites:create': (request) => sites.create(request),
      'sites:update': (request) => sites.update(request.id, request.changes),
      'assets:list': (request) => inventory.list(request.siteId, request.statuses),
      'assets:get': (request) => inventory.get(request.id),
      'assets:create': (request) => inventory.create(request.siteId, request.fields),
      'assets:update': (request) => inventory.update(request.id, request.expectedVersion, request.changes),
      'assets:review': (request) => ({ updated: inventory.review(request.ids, request.decision) }),
      'assets:retire': (request) => ({ updated: inventory.retire(request.ids, request.reason) }),
      'assets:setAccess': (request) => ({ updated: inventory.setAccess(request.ids, request.access) }),
      'assets:history': (request) => inventory.history(request.id),
      'assets:packageHistory': (request) => packageHistory.query(request),
      'tiers:classify': (request) => ({ updated: tiers.classify(request.assetIds, request.classification) }),
      'tiers:override': (request) =>
        ({ updated: request.action === 'set' ? tiers.setOverride(request.assetIds, request.tier, request.reason) : tiers.clearOverride(request.assetIds, request.reason) }),
      'policy:get': (request) => sites.getPolicy(request.siteId),
      'policy:update': (request) => sites.updatePolicy(request.siteId, request.policy),
      'scan:start': (request) => scans.start(request),
      'scan:cancel': (request) => {
        scans.cancel(request.jobId);
        return {};
      },
      'scan:list': (request) => scans.list(request.siteId),
      'import:csvPreview': (request) => imports.previewCsv(request.text, { fileName: request.fileName, ...(request.delimiter ? { delimiter: request.delimiter } : {}), ...(request.hasHeader !== undefined ? { hasHeader: request.hasHeader } : {}) }),
      'import:csvCommit': (request) => imports.importCsv(request),
      'import:nmap': (request) => imports.importNmap(request),
      'export:assets': (request) => imports.exportAssets(request),
      'vault:status': () => vault.status(),
      'vault:setup': (request) => vault.setupWithPassphrase(request.passphrase),
      'vault:unlock': (request) => vault.unlock(request.passphrase),
      'vault:lock': () => vault.lock(),
      'credentials:list': (request) => vault.list(request.siteId),
      'credentials:create': (request) => vault.create(request),
      'credentials:retire': (request) => {
        vault.retire(request.id);
        return {};
      },
      'credentials:bind': (request) => vault.bind(request.credentialId, request.assetIds, request.tags),
      'credentials:unbind': (request) => vault.unbind(request.credentialId, request.assetIds, request.tags),
      'credentials:uses': (request) => vault.uses(request.id),
      'status:fleet': (request) => patchStatus.fleet(request.siteId),
      'status:asset': (request) => patchStatus.detail(request.assetId),
      'collect:start': (request) => collections.start(request),
      'collect:cancel': (request) => {
        collections.cancel(request.jobId);
        return {};
      },
      'collect:list': (request) => collections.list(request.siteId),
      'collect:importFile': (request) => offline.importFile(request.siteId, request.text, { assetId: request.assetId, fileName: request.fileName, forceHost: request.forceHost }),
      'hostkeys:list': (request) => patchStatus.hostKeys(request.siteId),
      'hostkeys:approve': (request) => {
        patchStatus.approveHostKey(request.assetId, request.fingerprint);
        return {};
      },
      'exceptions:list': (request) => exceptions.list(request.siteId),
      'exceptions:create': (request) => exceptions.create(request),
      'exceptions:close': (request) => exceptions.close(request.id, request.reason),
      'exceptions:renew': (request) => exceptions.renew(request.id, request.expiresAt, request.reason),
      'compliance:summary': (request) => compliance.summary(request.siteId, request),
      'compliance:report': (request) => compliance.report(request.siteId, request),
      'evidence:branding': () => branding.get(),
      'evidence:setBranding': (request) => branding.set(request),
      'evidence:signingKey': () => signingKey.info(),
      'evidence:installationFingerprint': () => ({ fingerprint: signingKey.installationFingerprint() }),
      'evidence:packs': (request) => evidencePacks.list(request.siteId),
      'evidence:defaultPeriod': (request) => evidence.defaultPeriod(request.siteId),
      'evidence:preview': (request) => evidence.preview(request.siteId, request.from, request.to),
      'evidence:export': (request) => evidenceJobs.start(request),
      'evidence:cancel': (request) => {
        evidenceJobs.cancel(request.jobId);
        return {};
      },
      'evidence:download': (request) => evidence.download(request.id),
      'evidence:verify': (request) => evidence.verify(Buffer.from(request.base64, 'base64'), request.fileName, request.pinnedFingerprint),
      'evidence:trustedSigners': () => trustedSigners.list(),
      'evidence:trustSigner': (request) => trustedSigners.add(request.fingerprint, request.name),
      'evidence:untrustSigner': (request) => {
        trustedSigners.remove(request.fingerprint);
        return {};
      },
      'cycles:list': (request) => cycles.list(request.siteId, request.status),
      'cycles:get': (request) => cycles.get(request.cycleId),
      'cycles:openBaseline': (request) => cycles.openBaseline(request.siteId, request.month),
      'cycles:openEmergency': (request) => cycles.openEmergency(request),
      'cycles:tick': (request) => cycles.tick(request),
      'cycles:reopenItem': (request) => cycles.reopenItem(request.cycleId, request.key, request.reason),
      'cycles:close': (request) => cycles.close(request.cycleId, request.note, request.force),
      'cycles:late': (request) => cycles.lateItems(request.siteId, request.at),
      'cycles:settings': (request) => cycles.settings(request.siteId),
      'cycles:updateSettings': (request) => cycles.updateSettings(request.siteId, request.changes),
      'cycles:template': (request) => cycles.template(request.siteId, request.kind),
      'cycles:updateTemplate': (request) => cycles.updateTemplate(request.siteId, request.kind, request.items),
      'cycles:rings': (request) => cycles.rings(request.siteId),
      'cycles:setRings': (request) => cycles.setRings(request.siteId, request.assetIds, request.ring),
      'cycles:windows': (request) => cycles.windows(request.siteId),
      'cycles:setWindows': (request) => cycles.setWindows(request.siteId, request.windows),
      'rollouts:plan': (request) => rollouts.plan(request),
      'rollouts:preview': (request) => rollouts.preview(request.rolloutId),
      'rollouts:get': (request) => rollouts.get(request.rolloutId),
      'rollouts:list': (request) => rollouts.list(request.siteId),
      'rollouts:approve': (request) => rollouts.approve(request.rolloutId, request.ringId),
      'rollouts:start': (request) => rollouts.start(request.rolloutId),
      'rollouts:halt': (request) => rollouts.halt(request.rolloutId),
      'rollouts:resume': (request) => rollouts.resume(request.rolloutId),
      'rollouts:cancel': (request) => rollouts.cancel(request.rolloutId),
      'rollouts:rollback': (request) => rollouts.rollback(request.rolloutId, request.assetIds),
      'rollouts:manualDone': (request) => rollouts.manualDone(request),
      'jobs:list': (request) => jobs.list(request),
      'jobs:get': (request) => jobs.get(request.jobId),
      'jobs:cancel': (request) => jobs.cancel(request.jobId),
      'intel:status': () => intel.status(),
      'intel:import': (request) => intelImport.importBytes(request.fileName, Buffer.from(request.base64, 'base64')),
      'intel:importBundle': (request) => intelBundles.import(Buffer.from(request.base64, 'base64'), request.fileName, request.pinnedFingerprint === undefined ? {} : { pinnedFingerprint: request.pinnedFingerprint }),
      'intel:cve': (request) => intel.cve(request.cveId),
      'intel:importFile': async (request) => {
        const bytes = readBundleFile(request.path);
        if (bytes) return { kind: 'bundle' as const, result: await intelBundles.import(bytes, basename(request.path), request.pinnedFingerprint === undefined ? {} : { pinnedFingerprint: request.pinnedFingerprint }) };
        return { kind: 'feed' as const, result: await intelImport.importFile(request.path) };
      },
      'intel:writeBundle': (request) => intelBundles.write(request.outPath),
      'intel:fetch': async (request) => {
        const [outcome] = await intelFetch.fetchAll([request.target]);
        if (!outcome?.ok) throw new AppError('unavailable', `${request.target.label}: ${outcome?.error ?? 'nothing was fetched'}`);
        return outcome.result;
      },
      'audit:verify': () => {
        const broken = repositories.audit.verifyChain();
        return { intact: broken === null, entries: repositories.audit.count(), brokenAtId: broken?.brokenAtId ?? null, reason: broken?.reason ?? null };
      },
      'triage:run': (request) => triage.triage(request.siteId, request.id),
      'triage:site': (request) => siteVulnerabilities({ mapping: cveMapping, mappingJobs: cveMappingJobs, links: cveLinks, inventory, intel: intelRepository }, request.siteId),
      'triage:asset': (request) => assetVulnerabilities({ mapping: cveMapping, mappingJobs: cveMappingJobs, links: cveLinks, inventory, intel: intelRepository }, request.assetId),
    },
    { checkResponses: options.checkResponses ?? process.env['PATCHDESK_CHECK_RESPONSES'] === '1', dataDir: options.dataDir },
  );
  let changes: ChangeWatcher | undefined;
  // A request that wrote something is announced at once, not at the next poll.
  const dispatcher: Dispatcher = {
    async invoke(channel, request) {
      const result = await direct.invoke(channel, request);
      changes?.poke();
      return result;
    },
  };

  jobs.open();

  let closed = false;
  return {
    db,
    dispatcher,
    events,
    jobs,
    vaultReady,
    services: { sites, inventory, tiers, scans, imports, vault, patchStatus, packageHistory, collections, offline, exceptions, compliance, branding, signingKey, trustedSigners, evidencePacks, evidence, evidenceJobs, cycles, intel, intelImport, intelBundles, intelFetch, cveMapping, cveMappingJobs, triage, rollouts },
    audit: repositories.audit,
    warmUp() {
      const pending = sites.list().map((site) => site.id);
      const next = () => {
        const siteId = pending.shift();
        if (siteId === undefined || closed) return;
        try {
          compliance.summary(siteId);
        } catch (error) {
          console.warn(`patchdesk: could not prepare the compliance figures of site ${siteId}: ${(error as Error).message}`);
        }
        setImmediate(next);
      };
      setImmediate(next);
    },
    watchChanges(watchOptions = {}) {
      changes ??= new ChangeWatcher({ feed: new ChangeFeedRepository(db), events, ...watchOptions });
      changes.start();
      return changes;
    },
    async close() {
      closed = true;
      changes?.stop();
      vault.lock();
      await jobs.stopAll();
      await remote.close();
      db.close();
    },
  };
}
