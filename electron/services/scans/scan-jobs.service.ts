/**
 * Discovery scans as long jobs: start returns at once with a job id, progress and each live host
 * are pushed as events, every host is merged into the inventory as soon as it is found (so a
 * crash loses nothing already seen), and a completed scan flags hosts it should have seen but
 * did not.
 */
import type { DiscoveredHost, ScanOptions, ScanSummary } from '../../../shared/contract/discovery';
import { LARGE_SCAN_THRESHOLD, MAX_SCAN_ADDRESSES, parseTargets, rangesContain, type TargetRange } from '../../../shared/domain/network-targets';
import { AppError, notFound } from '../../core/app-error';
import type { Clock } from '../../core/clock';
import type { EventBus } from '../../core/event-bus';
import { interruptOrphanedJobs, startHeartbeat, type OwnerProbe } from '../../core/job-owner';
import { JobRegistry } from '../../core/job-registry';
import type { Db } from '../../db/database';
import type { AssetsRepository } from '../../db/repositories/assets.repository';
import type { AuditLogRepository } from '../../db/repositories/audit-log.repository';
import { JobOwnershipRepository } from '../../db/repositories/job-ownership.repository';
import type { ScanCounters, ScansRepository } from '../../db/repositories/scans.repository';
import type { SitesRepository } from '../../db/repositories/sites.repository';
import type { runDiscovery as RunDiscovery } from '../discovery/index';
import type { InventoryService } from '../inventory/inventory.service';
import { writeTransaction } from '../../db/write-transaction';

export interface ScanJobsDeps {
  db: Db;
  sites: SitesRepository;
  assets: AssetsRepository;
  scans: ScansRepository;
  audit: AuditLogRepository;
  inventory: InventoryService;
  events: EventBus;
  clock: Clock;
  actor: string;
  /** This process, recorded as the owner of its scans, and how to tell whether another is running. */
  owner: OwnerProbe;
  /** The discovery engine; tests may pass a scripted one. */
  discover: typeof RunDiscovery;
}

const PROGRESS_SAVE_INTERVAL_MS = 1000;

export class ScanJobsService {
  private readonly jobs = new JobRegistry<ScanSummary>('scan');
  private readonly ownership: JobOwnershipRepository;

  constructor(private readonly deps: ScanJobsDeps) {
    this.ownership = new JobOwnershipRepository(deps.db, 'scans');
    // Only scans whose process stopped: another live process (the desktop app beside this CLI) keeps its own.
    const interrupted = interruptOrphanedJobs(deps.db, this.ownership, deps.owner, deps.clock.now());
    if (interrupted > 0) console.warn(`${interrupted} scan(s) were interrupted when the Patchdesk process running them stopped; their hosts found so far are kept.`);
  }

  /** Validates and starts a scan; resolves as soon as it is running. */
  start(request: { siteId: number; targets: string[]; options: ScanOptions; confirmLarge: boolean }): { jobId: string; scanId: number; totalAddresses: number } {
    const site = this.deps.sites.get(request.siteId);
    if (!site) throw notFound('site', request.siteId);
    const targets = request.targets.length > 0 ? request.targets : site.networks;
    if (targets.length === 0) {
      throw new AppError('bad_request', `site "${site.name}" has no networks yet: give targets to scan, or add networks to the site`, [{ path: 'targets', message: 'required' }]);
    }
    const parsed = parseTargets(targets);
    if (!parsed.ok) {
      throw new AppError(
        'bad_request',
        `invalid scan targets: ${parsed.problems.map((problem) => problem.message).join('; ')}`,
        parsed.problems.map((problem) => ({ path: `targets.${problem.index}`, message: problem.message })),
      );
    }
    if (parsed.addressCount > MAX_SCAN_ADDRESSES) {
      throw new AppError('bad_request', `the targets cover ${parsed.addressCount.toLocaleString('en')} addresses; one scan covers at most ${MAX_SCAN_ADDRESSES.toLocaleString('en')} (a /8)`);
    }
    if (parsed.addressCount > LARGE_SCAN_THRESHOLD && !request.confirmLarge) {
      throw new AppError(
        'needs_confirmation',
        `the targets cover ${parsed.addressCount.toLocaleString('en')} addresses, more than a /16 (65,536). Confirm to scan them all.`,
      );
    }

    const scanId = writeTransaction(this.deps.db, () => {
      const id = this.deps.scans.start(site.id, targets, request.options, parsed.addressCount, this.now());
      this.ownership.claim(id, this.deps.owner.self, this.now());
      this.deps.audit.append({ at: this.now(), actor: this.deps.actor, siteId: site.id, entityType: 'scan', entityId: id, action: 'scan-started', details: { targets, ports: request.options.ports, addresses: parsed.addressCount } });
      return id;
    });
    const jobId = this.jobs.start((id, signal) => this.run(id, scanId, site.id, parsed.ranges, request.options, parsed.addressCount, signal));
    return { jobId, scanId, totalAddresses: parsed.addressCount };
  }

  /** Asks a running scan to stop; what it found so far is kept. Unknown or finished jobs are ignored. */
  cancel(jobId: string): void {
    this.jobs.cancel(jobId);
  }

  /** Resolves with the summary when the job ends (for the CLI and tests). */
  wait(jobId: string): Promise<ScanSummary> {
    return this.jobs.wait(jobId);
  }

  /** A site's scans, newest first. */
  list(siteId: number): ScanSummary[] {
    if (!this.deps.sites.get(siteId)) throw notFound('site', siteId);
    return this.deps.scans.list(siteId);
  }

  /** Cancels every running scan and waits for them to settle (on shutdown). */
  stopAll(): Promise<void> {
    return this.jobs.stopAll();
  }

  private async run(jobId: string, scanId: number, siteId: number, ranges: TargetRange[], options: ScanOptions, totalAddresses: number, signal: AbortSignal): Promise<ScanSummary> {
    const started = Date.now();
    const counters: ScanCounters = { probedAddresses: 0, liveHosts: 0, newHosts: 0, staleMarked: 0 };
    let lastSaved = 0;
    const note = `scan ${scanId}`;

    const onHost = (host: DiscoveredHost) => {
      const seenAt = this.now();
      const outcome = writeTransaction(this.deps.db, () => {
        const merged = this.deps.inventory.mergeDiscovery(
          siteId,
          { hostname: host.hostname, addresses: [host.address], mac: host.mac, osFamily: host.osFamily, osName: host.osName, deviceType: host.deviceType, openPorts: host.openPorts, evidence: host.evidence, seenAt },
          'scan',
          note,
        );
        this.deps.scans.recordHost(scanId, host, merged.assetId);
        return merged;
      });
      counters.liveHosts++;
      if (outcome.outcome === 'created') counters.newHosts++;
      this.deps.events.emit('scan:host', { jobId, scanId, host, merge: outcome.outcome === 'created' ? 'new' : 'updated', assetId: outcome.assetId });
    };

    const onProgress = (progress: { probedAddresses: number; liveHosts: number }) => {
      counters.probedAddresses = progress.probedAddresses;
      this.deps.events.emit('scan:progress', { jobId, scanId, probedAddresses: progress.probedAddresses, totalAddresses, liveHosts: counters.liveHosts, elapsedMs: Date.now() - started });
      if (Date.now() - lastSaved >= PROGRESS_SAVE_INTERVAL_MS) {
        lastSaved = Date.now();
        this.deps.scans.saveProgress(scanId, counters);
      }
    };

    let status: 'completed' | 'cancelled' | 'failed' = 'completed';
    let error = '';
    const stopHeartbeat = startHeartbeat(() => this.ownership.heartbeat(scanId, this.now()), `scan ${scanId}`);
    try {
      const result = await this.deps.discover({ ranges, options, signal, onHost, onProgress });
      counters.probedAddresses = result.probedAddresses;
      if (result.cancelled) status = 'cancelled';
      else counters.staleMarked = this.markMissed(scanId, siteId, ranges);
    } catch (caught) {
      status = 'failed';
      error = (caught as Error).message;
    } finally {
      stopHeartbeat();
    }
    writeTransaction(this.deps.db, () => {
      this.deps.scans.finish(scanId, status, counters, this.now(), error);
      this.deps.audit.append({ at: this.now(), actor: this.deps.actor, siteId, entityType: 'scan', entityId: scanId, action: `scan-${status}`, details: { ...counters, error } });
    });
    const summary = this.deps.scans.get(scanId);
    if (!summary) throw new Error(`scan ${scanId} vanished`);
    this.deps.events.emit('scan:finished', { jobId, summary });
    return summary;
  }

  /** Counts a missed scan for every asset inside the scanned ranges that this scan did not see. */
  private markMissed(scanId: number, siteId: number, ranges: TargetRange[]): number {
    const policy = this.deps.sites.getPolicy(siteId);
    const staleAfter = policy?.staleAfterMissedScans ?? 3;
    const seen = this.deps.scans.seenAssetIds(scanId);
    let newlyStale = 0;
    writeTransaction(this.deps.db, () => {
      for (const asset of this.deps.assets.listScanCoverage(siteId)) {
        if (seen.has(asset.id)) continue;
        if (!asset.addresses.some((address) => rangesContain(ranges, address))) continue;
        if (this.deps.assets.recordMissedScan(asset.id, staleAfter, this.now())) {
          newlyStale++;
          this.deps.audit.append({ at: this.now(), actor: this.deps.actor, siteId, entityType: 'asset', entityId: asset.id, action: 'marked-stale', details: { changes: { stale: [false, true] }, note: `missing from ${staleAfter} scans in a row (last: scan ${scanId})` } });
        }
      }
    });
    return newlyStale;
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }
}
