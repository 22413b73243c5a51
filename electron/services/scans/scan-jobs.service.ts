/**
 * Discovery scans as jobs of the job engine (kind `scan`): start returns at once with a job id,
 * progress and the final summary go out as `job:progress` (the summary as the job's result),
 * each live host as `scan:host`, every host is merged into the inventory as soon as it is found (so a crash loses
 * nothing already seen), and a completed scan flags hosts it should have seen but did not. The
 * scan's own row (which screens and reports read) carries the job id.
 */
import { z } from 'zod';
import { ScanOptions, type DiscoveredHost, type ScanSummary } from '../../../shared/contract/discovery';
import { LARGE_SCAN_THRESHOLD, MAX_SCAN_ADDRESSES, parseTargets, rangesContain, type TargetRange } from '../../../shared/domain/network-targets';
import { AppError, notFound } from '../../platform/app-error';
import type { ScanJobProgress } from '../../../shared/contract/jobs';
import type { Clock } from '../../platform/clock';
import type { EventBus } from '../../platform/event-bus';
import type { Db } from '../../db/database';
import type { AssetsRepository } from '../../db/repositories/assets.repository';
import type { AuditLogRepository } from '../../db/repositories/audit-log.repository';
import { JobLinksRepository } from '../../db/repositories/job-links.repository';
import type { ScanCounters, ScansRepository } from '../../db/repositories/scans.repository';
import type { SitesRepository } from '../../db/repositories/sites.repository';
import type { runDiscovery as RunDiscovery } from '../discovery/index';
import type { InventoryService } from '../inventory/inventory.service';
import { writeTransaction } from '../../db/write-transaction';
import type { JobEngine } from '../../jobs/job-engine';
import { JobFailedError } from '../../jobs/job-errors';
import type { JobContext } from '../../jobs/job-kind';
import { actingActor } from '../../platform/request-context';

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
  /** The engine the scans run on; the service registers the `scan` kind with it. */
  jobs: JobEngine;
  /** The discovery engine; tests may pass a scripted one. */
  discover: typeof RunDiscovery;
}

const PROGRESS_SAVE_INTERVAL_MS = 1000;

/** The job kind of scans. */
export const SCAN_JOB_KIND = 'scan';

/** What a scan job stores as its parameters (the SNMP community is never stored: it stays in memory). */
const ScanJobParameters = z.object({ scanId: z.number().int().positive(), targets: z.array(z.string()).min(1), options: ScanOptions.omit({ snmpCommunity: true }) });
type ScanJobParameters = z.infer<typeof ScanJobParameters>;

export class ScanJobsService {
  private readonly links: JobLinksRepository;
  /** SNMP communities of scans started here, handed to their job in memory and never stored. */
  private readonly communities = new Map<number, string>();

  constructor(private readonly deps: ScanJobsDeps) {
    this.links = new JobLinksRepository(deps.db);
    deps.jobs.register<ScanJobParameters, ScanSummary>({
      kind: SCAN_JOB_KIND,
      parameters: ScanJobParameters,
      run: (context) => this.run(context),
      // What the scan found so far is kept; only its row says it did not finish.
      interrupted: (jobId, at) => this.links.interruptScan(jobId, at, 'the Patchdesk process running the scan stopped'),
    });
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

    const { snmpCommunity, ...storedOptions } = request.options;
    const started = writeTransaction(this.deps.db, () => {
      const id = this.deps.scans.start(site.id, targets, request.options, parsed.addressCount, this.now());
      const job = this.deps.jobs.start(SCAN_JOB_KIND, site.id, { scanId: id, targets, options: storedOptions } satisfies ScanJobParameters);
      this.links.linkScan(id, job);
      this.deps.audit.append({ at: this.now(), actor: actingActor(this.deps.actor), siteId: site.id, entityType: 'scan', entityId: id, action: 'scan-started', details: { targets, ports: request.options.ports, addresses: parsed.addressCount } });
      return { scanId: id, jobId: job };
    });
    if (snmpCommunity !== undefined) this.communities.set(started.scanId, snmpCommunity);
    return { ...started, totalAddresses: parsed.addressCount };
  }

  /** Asks a running scan to stop (in this process or another); what it found so far is kept. Unknown or finished jobs are ignored. */
  cancel(jobId: string): void {
    if (this.deps.jobs.list({ kind: SCAN_JOB_KIND, states: ['queued', 'running', 'waiting'] }).some((job) => job.id === jobId)) this.deps.jobs.cancel(jobId);
  }

  /** Resolves with the summary when the job ends (for the CLI and tests). */
  async wait(jobId: string): Promise<ScanSummary> {
    await this.deps.jobs.wait(jobId);
    const scanId = this.links.scanOf(jobId);
    const summary = scanId === null ? undefined : this.deps.scans.get(scanId);
    if (!summary) throw new AppError('not_found', `no scan job ${jobId}`);
    return summary;
  }

  /** A site's scans, newest first. */
  list(siteId: number): ScanSummary[] {
    if (!this.deps.sites.get(siteId)) throw notFound('site', siteId);
    return this.deps.scans.list(siteId);
  }

  private async run(context: JobContext<ScanJobParameters>): Promise<ScanSummary> {
    const { jobId, signal } = context;
    const { scanId, targets } = context.params;
    const community = this.communities.get(scanId);
    this.communities.delete(scanId);
    const options: ScanOptions = { ...context.params.options, ...(community !== undefined ? { snmpCommunity: community } : {}) };
    const parsed = parseTargets(targets);
    if (!parsed.ok) throw new Error(`scan ${scanId}: its stored targets no longer parse`);
    const { ranges, addressCount: totalAddresses } = parsed;
    const siteId = context.siteId ?? 0;
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
      const payload: ScanJobProgress = { scanId, probedAddresses: progress.probedAddresses, totalAddresses, liveHosts: counters.liveHosts, elapsedMs: Date.now() - started };
      context.progress(payload);
      if (Date.now() - lastSaved >= PROGRESS_SAVE_INTERVAL_MS) {
        lastSaved = Date.now();
        this.deps.scans.saveProgress(scanId, counters);
      }
    };

    let status: 'completed' | 'cancelled' | 'failed' | 'interrupted' = 'completed';
    let error = '';
    try {
      const result = await context.step(`site:${siteId}`, 'discover', () => this.deps.discover({ ranges, options, signal, onHost, onProgress }), { detail: targets.join(', ').slice(0, 200) });
      counters.probedAddresses = result.probedAddresses;
      if (result.cancelled) status = context.stopReason() === 'shutdown' ? 'interrupted' : 'cancelled';
      else counters.staleMarked = await context.step(`site:${siteId}`, 'mark-missed', () => this.markMissed(scanId, siteId, ranges));
    } catch (caught) {
      if (caught instanceof AppError && caught.code === 'cancelled') {
        status = context.stopReason() === 'shutdown' ? 'interrupted' : 'cancelled';
      } else {
        status = 'failed';
        error = (caught as Error).message;
      }
    }
    if (status === 'interrupted') error = 'Patchdesk was closed during the scan';
    writeTransaction(this.deps.db, () => {
      this.deps.scans.finish(scanId, status, counters, this.now(), error);
      this.deps.audit.append({ at: this.now(), actor: actingActor(this.deps.actor), siteId, entityType: 'scan', entityId: scanId, action: `scan-${status}`, details: { ...counters, error } });
    });
    const summary = this.deps.scans.get(scanId);
    if (!summary) throw new Error(`scan ${scanId} vanished`);
    if (status === 'failed') throw new JobFailedError(error, summary);
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
          this.deps.audit.append({ at: this.now(), actor: actingActor(this.deps.actor), siteId, entityType: 'asset', entityId: asset.id, action: 'marked-stale', details: { changes: { stale: [false, true] }, note: `missing from ${staleAfter} scans in a row (last: scan ${scanId})` } });
        }
      }
    });
    return newlyStale;
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }
}
