/**
 * What every host runs and misses: the fleet overview, one asset's detail with the age of each
 * missing update, offline collection files, and the approval of changed SSH host keys.
 */
import type { Asset } from '../../../shared/contract/assets';
import type { AssetPatchDetail, AssetPatchStatus, FleetStatus, HostCollection, HostKeyRecord, PatchState } from '../../../shared/contract/patch-status';
import { PatchState as PatchStateSchema } from '../../../shared/contract/patch-status';
import { lookupEndOfLife, type EolTable } from '../../../shared/domain/end-of-life';
import { slaStatus } from '../../../shared/domain/sla/sla-clock';
import { slaClockStart } from '../../../shared/domain/sla/clock-start';
import { AppError } from '../../core/app-error';
import type { Clock } from '../../core/clock';
import type { Db } from '../../db/database';
import type { AuditLogRepository } from '../../db/repositories/audit-log.repository';
import type { LatestCollection, OpenPendingUpdate, PatchStatusRepository } from '../../db/repositories/patch-status.repository';
import type { SiteSlaClock, SlaContext } from '../compliance/site-sla-clock';
import type { InventoryService } from '../inventory/inventory.service';
import { ageInDays, patchStates } from './patch-state';
import { writeTransaction } from '../../db/write-transaction';

/**
 * The end-of-life facts of a collected OS on a day (`YYYY-MM-DD`; the end-of-life day itself
 * still counts as supported); null without an OS or when the table does not know the release.
 * The fleet overview and the compliance figures both decide "unsupported OS" with it.
 */
export function endOfLifeOf(table: EolTable, os: { id: string; version: string; build: string } | null, today: string): { date: string; unsupported: boolean; source: string } | null {
  if (!os) return null;
  const eol = lookupEndOfLife(table, { osId: os.id, version: os.version, build: os.build }, today);
  return eol ? { date: eol.date, unsupported: eol.unsupported, source: eol.source } : null;
}

export interface PatchStatusDeps {
  db: Db;
  patchStatus: PatchStatusRepository;
  inventory: InventoryService;
  audit: AuditLogRepository;
  clock: Clock;
  actor: string;
  eolTable: EolTable;
  /** The site's SLA clock, for the due dates and overdue counts of missing fixes. */
  slaClock: SiteSlaClock;
}

/** How many of an asset's missing fixes are overdue, and how many an exception covers. */
interface SlaTally {
  overdue: number;
  excepted: number;
}

export class PatchStatusService {
  constructor(private readonly deps: PatchStatusDeps) {}

  /** The fleet overview of a site's active assets, with each asset's overdue and excepted fixes. */
  fleet(siteId: number): FleetStatus {
    const context = this.deps.slaClock.context(siteId);
    const assets = this.deps.inventory.list(siteId, ['active']);
    const latest = this.deps.patchStatus.latestBySite(siteId);
    const pending = this.deps.patchStatus.openPendingSummary(siteId, null, context.policy.fixAgeBasis === 'publication');
    const sla = this.deps.slaClock.standingCounts(context, new Map(assets.map((asset) => [asset.id, asset.tier])), this.deps.clock.now());
    const counts = Object.fromEntries(PatchStateSchema.options.map((state) => [state, 0])) as Record<PatchState, number>;
    const rows = assets.map((asset) => {
      const { status, states } = this.statusOf(asset, latest.get(asset.id), pending.get(asset.id), sla.get(asset.id));
      for (const state of states) counts[state]++;
      return status;
    });
    return { siteId, counts, assets: rows };
  }

  /** One asset: its status, latest collection, missing updates with ages and SLA clocks, packages and history. */
  detail(assetId: number): AssetPatchDetail {
    const asset = this.deps.inventory.get(assetId);
    const latest = this.deps.patchStatus.latestBySite(asset.siteId, assetId).get(assetId);
    const now = this.deps.clock.now();
    const context = this.deps.slaClock.context(asset.siteId);
    const summary = this.deps.patchStatus.openPendingSummary(asset.siteId, assetId, context.policy.fixAgeBasis === 'publication').get(assetId);
    const pending = this.deps.patchStatus.openPending(assetId).map((update) => ({ ...update, ageDays: ageInDays(slaClockStart(update, context.policy).at, now), sla: pendingSla(asset, update, context, now) }));
    const tally: SlaTally = { overdue: pending.filter((update) => update.sla.state === 'overdue').length, excepted: pending.filter((update) => update.sla.state === 'excepted').length };
    return {
      status: this.statusOf(asset, latest, summary, tally).status,
      latest: latest?.data ?? null,
      pending,
      installed: this.deps.patchStatus.installed(assetId),
      history: this.deps.patchStatus.history(assetId),
    };
  }

  /**
   * Stores a collection that arrived some other way (an offline file) for an asset. `source`
   * names the file, the host it says it came from and whether the admin overrode a mismatch, for
   * the audit log.
   */
  storeCollection(assetId: number, collection: HostCollection, runId: number | null, source?: { fileName: string; fileHostname: string; forcedHost: boolean }): { pending: number; security: number } {
    const asset = this.deps.inventory.get(assetId);
    return writeTransaction(this.deps.db, () => {
      const stored = this.deps.patchStatus.recordSuccess(assetId, runId, collection);
      this.deps.audit.append({
        at: this.deps.clock.now().toISOString(),
        actor: this.deps.actor,
        siteId: asset.siteId,
        entityType: 'asset',
        entityId: assetId,
        action: 'patch-status-collected',
        details: { method: collection.method, pending: stored.pending, security: stored.security, newlyMissing: stored.opened, resolved: stored.resolved, runId, ...(source ?? {}) },
      });
      return stored;
    });
  }

  /** Pinned host keys and changed ones waiting for approval. */
  hostKeys(siteId: number): HostKeyRecord[] {
    return this.deps.patchStatus.listKeys(siteId);
  }

  /** Accepts an asset's changed SSH host key after the admin compared the fingerprints. */
  approveHostKey(assetId: number, fingerprint: string): void {
    const asset = this.deps.inventory.get(assetId);
    const changed = this.deps.patchStatus.changedKey(assetId);
    if (!changed) throw new AppError('not_found', `${asset.hostname || `asset ${assetId}`} has no changed host key waiting for approval`);
    if (changed.fingerprint !== fingerprint) throw new AppError('conflict', `the key waiting for approval is ${changed.fingerprint}, not ${fingerprint}: compare again`);
    const at = this.deps.clock.now().toISOString();
    writeTransaction(this.deps.db, () => {
      this.deps.patchStatus.pinKey(assetId, changed.endpoint, changed.algorithm, changed.fingerprint, this.deps.actor, at);
      this.deps.audit.append({ at, actor: this.deps.actor, siteId: asset.siteId, entityType: 'asset', entityId: assetId, action: 'host-key-approved', details: { endpoint: changed.endpoint, fingerprint: changed.fingerprint } });
    });
  }

  private statusOf(
    asset: Asset,
    latest: LatestCollection | undefined,
    pending: { pending: number; security: number; oldestSecurityFirstSeen: string | null } | undefined,
    sla: SlaTally | undefined,
  ): { status: AssetPatchStatus; states: PatchState[] } {
    const data = latest?.data ?? null;
    const now = this.deps.clock.now();
    const eol = endOfLifeOf(this.deps.eolTable, data?.os ?? null, now.toISOString().slice(0, 10));
    const facts = {
      collected: latest !== undefined,
      lastCollectionFailed: latest?.latestOutcome === 'failed',
      unsupportedOs: eol?.unsupported ?? false,
      pending: pending?.pending ?? 0,
      security: pending?.security ?? 0,
      rebootRequired: data?.rebootRequired ?? null,
    };
    const states = patchStates(facts);
    return {
      states,
      status: {
        assetId: asset.id,
        hostname: asset.hostname || data?.hostname || '',
        address: asset.addresses[0] ?? '',
        tier: asset.tier,
        state: states[0] ?? 'never_collected',
        osName: data?.os.name ?? asset.osName,
        osVersion: data?.os.version ?? asset.osVersion,
        endOfLife: eol,
        pendingCount: facts.pending,
        securityCount: facts.security,
        rebootRequired: facts.rebootRequired,
        oldestSecurityAgeDays: pending?.oldestSecurityFirstSeen ? ageInDays(pending.oldestSecurityFirstSeen, now) : null,
        lastCollectedAt: latest?.latestAt ?? null,
        lastSuccessAt: latest?.lastSuccessAt ?? null,
        lastError: latest && latest.latestOutcome === 'failed' && latest.errorCode ? { code: latest.errorCode, message: latest.errorMessage, at: latest.latestAt } : null,
        overdue: sla?.overdue ?? 0,
        excepted: sla?.excepted ?? 0,
      },
    };
  }
}

/** The SLA clock of one missing update of an asset now, by the domain's `slaStatus`. */
function pendingSla(asset: Asset, update: OpenPendingUpdate, context: SlaContext, now: Date): NonNullable<AssetPatchDetail['pending'][number]['sla']> {
  const status = slaStatus(
    { assetId: asset.id, name: update.name, tier: asset.tier, firstSeenAt: update.firstSeenAt, publishedAt: update.publishedAt ?? null, publishedBasis: update.publishedBasis ?? null, security: update.security, severity: update.severity ?? null, cves: update.cves, advisories: update.advisories, timeZone: context.timeZone },
    context.policy,
    now.toISOString(),
    context.exceptions,
  );
  return {
    state: status.state,
    dueDate: status.dueDate,
    overdueDays: status.overdueDays,
    remainingDays: status.remainingDays,
    severity: status.severity,
    tier: status.tier,
    tierDefaulted: status.tierDefaulted,
    exceptionId: status.exception?.id ?? null,
    clockStartDate: status.clockStartDate,
    clockBasis: status.clockBasis,
  };
}
