/**
 * What every host runs and misses: the fleet overview, one asset's detail with the age of each
 * missing update, offline collection files, and the approval of changed SSH host keys.
 */
import type { Asset } from '../../../shared/contract/assets';
import type { AssetPatchDetail, AssetPatchStatus, FleetStatus, HostCollection, HostKeyRecord, PatchState } from '../../../shared/contract/patch-status';
import { PatchState as PatchStateSchema } from '../../../shared/contract/patch-status';
import { lookupEndOfLife, type EolTable } from '../../../shared/domain/end-of-life';
import { fixAgeDays } from '../../../shared/domain/sla/oldest-fix';
import { formatLocalDate, localDateOf } from '../../../shared/domain/sla/local-time';
import { inventoryEolQuery } from '../../../shared/domain/inventory-os';
import { measurementAt } from '../../../shared/domain/coverage';
import { exceptionsAffecting, SlaEngine, type PreparedFix } from '../../../shared/domain/sla/sla-engine';
import { AppError } from '../../platform/app-error';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../db/database';
import type { AuditLogRepository } from '../../db/repositories/audit-log.repository';
import type { LatestCollection, OpenPendingUpdate, PatchStatusRepository } from '../../db/repositories/patch-status.repository';
import type { PackageHistoryRepository } from '../../db/repositories/package-history.repository';
import type { AssetSlaStanding, SiteSlaClock } from '../compliance/site-sla-clock';
import type { InventoryService } from '../inventory/inventory.service';
import { patchStates } from './patch-state';
import { writeTransaction } from '../../db/write-transaction';
import { actingActor } from '../../platform/request-context';

/**
 * The end-of-life facts of an asset's OS on a day (`YYYY-MM-DD`; the end-of-life day itself
 * still counts as supported): the OS a successful collection reported, or, while none has, the
 * OS name and version of the inventory (CSV, nmap, fingerprint, manual entry), marked
 * `osSource: 'inventory'`. Null when neither names a release the table knows. The fleet
 * overview and the compliance figures both decide "unsupported OS" with it.
 */
export function endOfLifeOf(
  table: EolTable,
  os: { id: string; name?: string; version: string; build: string } | null,
  inventory: { osName: string; osVersion: string },
  today: string,
): { date: string; unsupported: boolean; source: string; osSource: 'collection' | 'inventory' } | null {
  if (os) {
    const eol = lookupEndOfLife(table, { osId: os.id, version: os.version, build: os.build, ...(os.name ? { name: os.name } : {}) }, today);
    return eol ? { date: eol.date, unsupported: eol.unsupported, source: eol.source, osSource: 'collection' } : null;
  }
  const query = inventoryEolQuery(inventory.osName, inventory.osVersion);
  const eol = query ? lookupEndOfLife(table, query, today) : null;
  return eol ? { date: eol.date, unsupported: eol.unsupported, source: eol.source, osSource: 'inventory' } : null;
}

export interface PatchStatusDeps {
  /** Called after a collection is stored (starts the site's CVE mapping job). */
  collectionStored?: (siteId: number) => void;
  db: Db;
  patchStatus: PatchStatusRepository;
  /** Appends what each stored collection changed in the asset's installed packages. */
  packageHistory: PackageHistoryRepository;
  inventory: InventoryService;
  audit: AuditLogRepository;
  clock: Clock;
  actor: string;
  eolTable: EolTable;
  /** The site's SLA clock, for the due dates and overdue counts of missing fixes. */
  slaClock: SiteSlaClock;
}

/** How many of an asset's missing fixes are overdue, how many an exception covers, and its oldest missing security fix. */
interface SlaTally {
  overdue: number;
  excepted: number;
  oldestSecurity: AssetSlaStanding['oldestSecurity'];
}

export class PatchStatusService {
  constructor(private readonly deps: PatchStatusDeps) {}

  /** The fleet overview of a site's active assets, with each asset's overdue and excepted fixes. */
  fleet(siteId: number): FleetStatus {
    const context = this.deps.slaClock.context(siteId);
    const assets = this.deps.inventory.list(siteId, ['active']);
    const latest = this.deps.patchStatus.latestBySite(siteId);
    const pending = this.deps.patchStatus.openPendingSummary(siteId);
    const sla = this.deps.slaClock.standings(context, new Map(assets.map((asset) => [asset.id, asset.tier])), this.deps.clock.now());
    const counts = Object.fromEntries(PatchStateSchema.options.map((state) => [state, 0])) as Record<PatchState, number>;
    const rows = assets.map((asset) => {
      const own = sla.get(asset.id);
      const tally = own ? { overdue: own.counts.overdue, excepted: own.counts.excepted, oldestSecurity: own.oldestSecurity } : undefined;
      const { status, states } = this.statusOf(asset, latest.get(asset.id), pending.get(asset.id), tally, context.policy.freshnessDays);
      for (const state of states) counts[state]++;
      return status;
    });
    return { siteId, counts, assets: rows, mapping: context.mapping };
  }

  /** One asset: its status, latest collection, missing updates with ages and SLA clocks, packages and history. */
  detail(assetId: number): AssetPatchDetail {
    const asset = this.deps.inventory.get(assetId);
    const latest = this.deps.patchStatus.latestBySite(asset.siteId, assetId).get(assetId);
    const now = this.deps.clock.now();
    const context = this.deps.slaClock.context(asset.siteId);
    const summary = this.deps.patchStatus.openPendingSummary(asset.siteId, assetId).get(assetId);
    const engine = new SlaEngine(context.policy, context.timeZone, exceptionsAffecting(context.exceptions, now.getTime(), now.getTime()), context.kev);
    const atDay = engine.localDay(now.getTime());
    const pending = this.deps.patchStatus.openPending(assetId).map((update) => {
      const fix = preparedOf(engine, asset, update);
      return { ...update, ageDays: fixAgeDays(engine, fix, atDay), sla: pendingSla(engine, fix, now) };
    });
    // The same pass as the fleet table's, so that the drawer and the table name the same oldest fix and age.
    const standing = this.deps.slaClock.standings(context, new Map([[assetId, asset.tier]]), now, assetId).get(assetId);
    const tally: SlaTally = { overdue: pending.filter((update) => update.sla.state === 'overdue').length, excepted: pending.filter((update) => update.sla.state === 'excepted').length, oldestSecurity: standing?.oldestSecurity ?? null };
    return {
      status: this.statusOf(asset, latest, summary, tally, context.policy.freshnessDays).status,
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
    const result = writeTransaction(this.deps.db, () => {
      const stored = this.deps.patchStatus.recordSuccess(assetId, runId, collection);
      const history = this.deps.packageHistory.recordCollection(assetId, stored.collectionId, new Date(Date.parse(collection.collectedAt)).toISOString(), collection.installed);
      this.deps.audit.append({
        at: this.deps.clock.now().toISOString(),
        actor: actingActor(this.deps.actor),
        siteId: asset.siteId,
        entityType: 'asset',
        entityId: assetId,
        action: 'patch-status-collected',
        details: { method: collection.method, pending: stored.pending, security: stored.security, newlyMissing: stored.opened, resolved: stored.resolved, runId, packageHistory: history, ...(source ?? {}) },
      });
      return stored;
    });
    this.deps.collectionStored?.(asset.siteId);
    return result;
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
      this.deps.patchStatus.pinKey(assetId, changed.endpoint, changed.algorithm, changed.fingerprint, actingActor(this.deps.actor), at);
      this.deps.audit.append({ at, actor: actingActor(this.deps.actor), siteId: asset.siteId, entityType: 'asset', entityId: assetId, action: 'host-key-approved', details: { endpoint: changed.endpoint, fingerprint: changed.fingerprint } });
    });
  }

  private statusOf(
    asset: Asset,
    latest: LatestCollection | undefined,
    pending: { pending: number; security: number } | undefined,
    sla: SlaTally | undefined,
    freshnessDays: number,
  ): { status: AssetPatchStatus; states: PatchState[] } {
    const data = latest?.data ?? null;
    const now = this.deps.clock.now();
    const measurement = measurementAt(
      { latest: latest ? { at: latest.latestAt, outcome: latest.latestOutcome, errorCode: latest.errorCode, message: latest.errorMessage } : null, lastSuccessAt: latest?.lastSuccessAt ?? null },
      now.getTime(),
      freshnessDays,
    );
    const eol = endOfLifeOf(this.deps.eolTable, latest?.lastSuccessAt ? (data?.os ?? null) : null, asset, now.toISOString().slice(0, 10));
    const facts = {
      collected: latest !== undefined,
      measured: measurement.measured,
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
        oldestSecurityAgeDays: sla?.oldestSecurity?.ageDays ?? null,
        oldestSecurity: sla?.oldestSecurity ?? null,
        lastCollectedAt: latest?.latestAt ?? null,
        lastSuccessAt: latest?.lastSuccessAt ?? null,
        lastError: latest && latest.latestOutcome === 'failed' && latest.errorCode ? { code: latest.errorCode, message: latest.errorMessage, at: latest.latestAt } : null,
        overdue: sla?.overdue ?? 0,
        excepted: sla?.excepted ?? 0,
        notMeasured: measurement.measured ? null : { reason: measurement.reason, lastSuccessAt: measurement.lastSuccessAt, staleSince: measurement.staleSince, failure: measurement.failure },
      },
    };
  }
}

/** One missing update of an asset, prepared by the SLA engine. */
function preparedOf(engine: SlaEngine, asset: Asset, update: OpenPendingUpdate): PreparedFix {
  return engine.prepare(
    { id: 0, assetId: asset.id, name: update.name, firstSeenAt: update.firstSeenAt, publishedAt: update.publishedAt ?? null, publishedBasis: update.publishedBasis ?? null, resolvedAt: null, security: update.security, severity: update.severity ?? null, cves: update.cves, advisories: update.advisories },
    asset.tier,
  );
}

/** The SLA clock of one missing update of an asset now, by the SLA engine. */
function pendingSla(engine: SlaEngine, fix: PreparedFix, now: Date): NonNullable<AssetPatchDetail['pending'][number]['sla']> {
  const timeZone = engine.timeZone;
  const standing = engine.standing(fix, now.getTime());
  return {
    state: standing.state,
    dueDate: fix.dueDate,
    overdueDays: standing.overdueDays,
    remainingDays: standing.remainingDays,
    severity: fix.severity,
    tier: fix.tier,
    tierDefaulted: fix.tierDefaulted,
    exceptionId: standing.exception?.id ?? null,
    clockStartDate: formatLocalDate(localDateOf(fix.clockStartMs, timeZone)),
    clockBasis: fix.clockBasis,
    deadlineRule: fix.deadlineRule,
  };
}
