/**
 * Collection runs as jobs of the job engine (kind `collect`): start returns a job id at once;
 * hosts are collected with bounded concurrency, each as one step of the job, each failing on its
 * own with a coded reason; every host's result is stored as it arrives, and progress is pushed
 * per host (`collect:host`, and `job:progress` with the counts; the run's summary is the job's
 * result). Credentials are opened only
 * here, per host, and each use is recorded. The run's own row carries the job id.
 */
import { z } from 'zod';
import type { Asset } from '../../../shared/contract/assets';
import type { CollectionErrorCode, CollectionRunSummary } from '../../../shared/contract/patch-status';
import { AppError, notFound } from '../../platform/app-error';
import type { CollectJobProgress } from '../../../shared/contract/jobs';
import type { Clock } from '../../platform/clock';
import type { EventBus } from '../../platform/event-bus';
import type { Db } from '../../db/database';
import type { AuditLogRepository } from '../../db/repositories/audit-log.repository';
import { JobLinksRepository } from '../../db/repositories/job-links.repository';
import type { PatchStatusRepository } from '../../db/repositories/patch-status.repository';
import { writeTransaction } from '../../db/write-transaction';
import type { JobEngine } from '../../jobs/job-engine';
import { JobStoppedError } from '../../jobs/job-errors';
import type { JobContext, JobStep } from '../../jobs/job-kind';
import type { CredentialVaultService } from '../credentials/credential-vault.service';
import type { InventoryService } from '../inventory/inventory.service';
import type { HostCollector } from './host-collector';
import type { PatchStatusService } from './patch-status.service';
import { actingActor } from '../../platform/request-context';

export interface CollectJobsDeps {
  db: Db;
  patchStatus: PatchStatusRepository;
  status: PatchStatusService;
  inventory: InventoryService;
  vault: CredentialVaultService;
  audit: AuditLogRepository;
  events: EventBus;
  clock: Clock;
  actor: string;
  /** The engine the runs go on; the service registers the `collect` kind with it. */
  jobs: JobEngine;
  collector: HostCollector;
}

export interface CollectRequest {
  siteId: number;
  assetIds: number[];
  concurrency: number;
  connectTimeoutMs: number;
  commandTimeoutMs: number;
}

const DEFAULT_PORTS = { ssh: 22, winrm: 5985 } as const;

/** The job kind of collection runs. */
export const COLLECT_JOB_KIND = 'collect';

/** What a collection job stores as its parameters. */
const CollectJobParameters = z.object({
  runId: z.number().int().positive(),
  assetIds: z.array(z.number().int().positive()).min(1),
  concurrency: z.number().int().positive(),
  connectTimeoutMs: z.number().int().positive(),
  commandTimeoutMs: z.number().int().positive(),
});
type CollectJobParameters = z.infer<typeof CollectJobParameters>;

export class CollectJobsService {
  private readonly links: JobLinksRepository;

  constructor(private readonly deps: CollectJobsDeps) {
    this.links = new JobLinksRepository(deps.db);
    deps.jobs.register<CollectJobParameters, CollectionRunSummary>({
      kind: COLLECT_JOB_KIND,
      parameters: CollectJobParameters,
      run: (context) => this.run(context),
      // Hosts already collected stay stored; only the run's row says it did not finish.
      interrupted: (jobId, at) => this.links.interruptCollectionRun(jobId, at),
    });
  }

  /** Starts collecting the chosen assets (or every reachable active asset of the site). */
  start(request: CollectRequest): { jobId: string; runId: number; hostsTotal: number } {
    const assets = this.selectAssets(request);
    if (assets.length === 0) {
      throw new AppError('bad_request', 'no assets to collect: give active assets an access method (SSH or WinRM) and a credential first');
    }
    const started = writeTransaction(this.deps.db, () => {
      const id = this.deps.patchStatus.startRun(request.siteId, assets.length, { concurrency: request.concurrency, assetIds: request.assetIds }, this.now());
      const parameters: CollectJobParameters = { runId: id, assetIds: assets.map((asset) => asset.id), concurrency: request.concurrency, connectTimeoutMs: request.connectTimeoutMs, commandTimeoutMs: request.commandTimeoutMs };
      const job = this.deps.jobs.start(COLLECT_JOB_KIND, request.siteId, parameters);
      this.links.linkCollectionRun(id, job);
      this.deps.audit.append({ at: this.now(), actor: actingActor(this.deps.actor), siteId: request.siteId, entityType: 'collection', entityId: id, action: 'collection-started', details: { hosts: assets.length } });
      return { runId: id, jobId: job };
    });
    return { ...started, hostsTotal: assets.length };
  }

  /** Stops a run (in this process or another); hosts already collected stay stored. Unknown or finished jobs are ignored. */
  cancel(jobId: string): void {
    if (this.deps.jobs.list({ kind: COLLECT_JOB_KIND, states: ['queued', 'running', 'waiting'] }).some((job) => job.id === jobId)) this.deps.jobs.cancel(jobId);
  }

  /** Resolves with the run's summary when it ends. */
  async wait(jobId: string): Promise<CollectionRunSummary> {
    await this.deps.jobs.wait(jobId);
    const runId = this.links.collectionRunOf(jobId);
    const summary = runId === null ? undefined : this.deps.patchStatus.getRun(runId);
    if (!summary) throw new AppError('not_found', `no collection job ${jobId}`);
    return summary;
  }

  /** A site's runs, newest first. */
  list(siteId: number): CollectionRunSummary[] {
    return this.deps.patchStatus.listRuns(siteId);
  }

  private selectAssets(request: CollectRequest): Asset[] {
    const active = this.deps.inventory.list(request.siteId, ['active']);
    if (request.assetIds.length === 0) return active.filter((asset) => asset.access.method !== 'none');
    const byId = new Map(active.map((asset) => [asset.id, asset]));
    return request.assetIds.map((id) => {
      const asset = byId.get(id);
      if (!asset) throw notFound('active asset in this site', id);
      return asset;
    });
  }

  private async run(context: JobContext<CollectJobParameters>): Promise<CollectionRunSummary> {
    const { jobId, signal, params: request } = context;
    const { runId } = request;
    const siteId = context.siteId ?? 0;
    const byId = new Map(this.deps.inventory.list(siteId, ['active']).map((asset) => [asset.id, asset]));
    const assets = request.assetIds.flatMap((id) => byId.get(id) ?? []);
    const counts = { ok: 0, failed: 0 };
    const queue = [...assets];
    for (const asset of assets) this.emitHost(jobId, runId, asset, 'queued');
    const worker = async () => {
      for (let asset = queue.shift(); asset && !signal.aborted; asset = queue.shift()) {
        const current = asset;
        let ok: boolean;
        try {
          ok = await context.step(`asset:${current.id}`, 'collect', (step) => this.collectOne(jobId, runId, request, current, signal, step), { detail: current.hostname || current.addresses[0] || '' });
        } catch (error) {
          // A cancel left by another process, found before the step started: stop taking hosts.
          if (error instanceof JobStoppedError) return;
          throw error;
        }
        counts[ok ? 'ok' : 'failed']++;
        context.progress({ runId, hostsTotal: assets.length, ...counts } satisfies CollectJobProgress);
      }
    };
    await Promise.all(Array.from({ length: Math.min(request.concurrency, assets.length) }, worker));
    const status = context.stopReason() === 'shutdown' ? 'interrupted' : signal.aborted ? 'cancelled' : 'completed';
    writeTransaction(this.deps.db, () => {
      this.deps.patchStatus.finishRun(runId, status, counts, this.now());
      this.deps.audit.append({ at: this.now(), actor: actingActor(this.deps.actor), siteId, entityType: 'collection', entityId: runId, action: `collection-${status}`, details: counts });
    });
    const summary = this.deps.patchStatus.getRun(runId);
    if (!summary) throw new Error(`collection run ${runId} vanished`);
    return summary;
  }

  /** Collects one host; every problem is recorded against that host only. */
  private async collectOne(jobId: string, runId: number, request: Pick<CollectRequest, 'connectTimeoutMs' | 'commandTimeoutMs'>, asset: Asset, signal: AbortSignal, step: JobStep): Promise<boolean> {
    const method = asset.access.method === 'winrm' ? 'winrm' : 'ssh';
    const fail = (code: CollectionErrorCode, message: string) => {
      step.fail(`${code}: ${message}`);
      this.deps.patchStatus.recordFailure(asset.id, runId, this.now(), method, code, message);
      this.emitHost(jobId, runId, asset, 'failed', { errorCode: code, message });
      return false;
    };
    const host = asset.addresses[0] ?? asset.hostname;
    if (!host) return fail('no_address', 'the asset has no address or hostname to connect to');
    const credential = this.deps.vault.findForAsset(asset, method === 'winrm' ? 'winrm' : 'ssh');
    if (!credential) return fail('no_credential', `no ${method === 'winrm' ? 'WinRM' : 'SSH'} credential is mapped to this asset or its tags`);
    if (!this.deps.vault.status().unlocked) return fail('vault_locked', 'the credentials vault is locked: unlock it and collect again');

    const port = asset.access.port ?? DEFAULT_PORTS[method];
    const endpoint = `${host}:${port}`;
    const pinned = this.deps.patchStatus.pinnedKey(asset.id, endpoint);
    let result;
    try {
      const secrets = this.deps.vault.useSecrets(credential.id, { assetId: asset.id, purpose: 'collect', siteId: asset.siteId });
      result = await this.deps.collector({
        asset,
        host,
        port,
        username: asset.access.username || credential.username,
        secrets,
        ...(pinned ? { pinnedKey: pinned } : {}),
        connectTimeoutMs: request.connectTimeoutMs,
        commandTimeoutMs: request.commandTimeoutMs,
        signal,
        onPhase: (phase) => this.emitHost(jobId, runId, asset, phase),
      });
    } catch (error) {
      result = { ok: false as const, code: 'internal' as const, message: `collecting failed unexpectedly: ${(error as Error).message}` };
    }
    this.deps.vault.recordOutcome(credential.id, asset.id, 'collect', result.ok ? 'ok' : result.code);

    if (!result.ok && result.code === 'host_key_changed' && result.presentedKey && pinned) {
      this.deps.patchStatus.recordChangedKey(asset.id, endpoint, result.presentedKey.algorithm, result.presentedKey.fingerprint, pinned.fingerprint, this.now());
    }
    if (!result.ok) return fail(result.code, result.message);
    // SSH host keys and WinRM HTTPS certificates are both pinned on first use.
    if (!pinned && result.presentedKey) {
      this.deps.patchStatus.pinKey(asset.id, endpoint, result.presentedKey.algorithm, result.presentedKey.fingerprint, `${actingActor(this.deps.actor)} (first use)`, this.now());
    }
    const stored = this.deps.status.storeCollection(asset.id, result.collection, runId);
    this.emitHost(jobId, runId, asset, 'done', { pendingCount: stored.pending, securityCount: stored.security });
    return true;
  }

  private emitHost(jobId: string, runId: number, asset: Asset, phase: 'queued' | 'connecting' | 'collecting' | 'done' | 'failed', extra: { errorCode?: CollectionErrorCode; message?: string; pendingCount?: number; securityCount?: number } = {}): void {
    this.deps.events.emit('collect:host', { jobId, runId, assetId: asset.id, hostname: asset.hostname || asset.addresses[0] || `asset ${asset.id}`, phase, ...extra });
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }
}
