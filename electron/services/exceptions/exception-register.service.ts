/**
 * The exception register. Every entry has an owner, a reason and an expiry no longer than the
 * site policy allows; its status is computed from the clock, so an exception that nobody renews
 * expires on its own and its fixes count as breaches again. Closing and renewing keep history.
 */
import type { ExceptionCreate, ExceptionRecord } from '../../../shared/contract/exceptions';
import { exceptionStatus, validateExceptionDates } from '../../../shared/domain/sla/exception-status';
import { addLocalDays, formatInstant, startOfLocalDay } from '../../../shared/domain/sla/local-time';
import { AppError, notFound } from '../../platform/app-error';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../db/database';
import type { AuditLogRepository } from '../../db/repositories/audit-log.repository';
import type { ExceptionsRepository, StoredException } from '../../db/repositories/exceptions.repository';
import type { InventoryService } from '../inventory/inventory.service';
import type { SitesService } from '../sites/sites.service';
import { writeTransaction } from '../../db/write-transaction';
import { actingActor } from '../../platform/request-context';

type ParsedCreate = Omit<ExceptionCreate, 'scope' | 'compensatingControls' | 'approver'> & {
  scope: { kind: ExceptionRecord['scope']['kind']; assetId: number | null; value: string };
  compensatingControls: string;
  approver: string;
};

export interface ExceptionRegisterDeps {
  db: Db;
  exceptions: ExceptionsRepository;
  sites: SitesService;
  inventory: InventoryService;
  audit: AuditLogRepository;
  clock: Clock;
  actor: string;
}

export class ExceptionRegisterService {
  constructor(private readonly deps: ExceptionRegisterDeps) {}

  /** A site's register with every entry's status as of now. */
  list(siteId: number): ExceptionRecord[] {
    this.deps.sites.get(siteId);
    const now = this.now();
    return this.deps.exceptions.list(siteId).map((entry) => withStatus(entry, now));
  }

  /** Adds an entry; refused with every reason when owner, reason or dates do not hold. */
  create(request: ParsedCreate, renewsId: number | null = null): ExceptionRecord {
    const site = this.deps.sites.get(request.siteId);
    if (request.scope.assetId !== null) {
      const asset = this.deps.inventory.get(request.scope.assetId);
      if (asset.siteId !== site.id) throw new AppError('bad_request', `asset ${asset.id} belongs to another site`, [{ path: 'scope.assetId', message: 'not in this site' }]);
    }
    const now = this.now();
    const startsAt = request.startsAt ? toInstant(request.startsAt, site.timezone, 'start') : now;
    const expiresAt = toInstant(request.expiresAt, site.timezone, 'end');
    const problems = validateExceptionDates({ startsAt, expiresAt }, this.deps.sites.getPolicy(site.id).maxExceptionDays, now, site.timezone);
    if (problems.length > 0) {
      throw new AppError('bad_request', `the exception was refused: ${problems.map((problem) => problem.message).join('; ')}`, problems.map((problem) => ({ path: problem.code.includes('start') ? 'startsAt' : 'expiresAt', message: problem.message })));
    }
    const id = writeTransaction(this.deps.db, () => {
      const newId = this.deps.exceptions.insert({
        siteId: site.id,
        scope: request.scope,
        reason: request.reason,
        compensatingControls: request.compensatingControls,
        owner: request.owner,
        approver: request.approver,
        startsAt,
        expiresAt,
        remediationDate: request.remediationDate ?? null,
        renewsId,
        createdAt: now,
        createdBy: actingActor(this.deps.actor),
      });
      if (renewsId !== null) this.deps.exceptions.markRenewed(renewsId, newId);
      this.deps.audit.append({ at: now, actor: actingActor(this.deps.actor), siteId: site.id, entityType: 'exception', entityId: newId, action: renewsId === null ? 'exception-created' : 'exception-renewed', details: { scope: request.scope, owner: request.owner, approver: request.approver, startsAt, expiresAt, reason: request.reason, renews: renewsId } });
      return newId;
    });
    return this.get(id);
  }

  /** Ends an entry early (the fix was applied, or the risk is no longer accepted). */
  close(id: number, reason: string): ExceptionRecord {
    const entry = this.get(id);
    if (entry.status === 'closed' || entry.status === 'renewed') throw new AppError('conflict', `exception ${id} is already ${entry.status}`);
    const now = this.now();
    writeTransaction(this.deps.db, () => {
      this.deps.exceptions.close(id, now, reason);
      this.deps.audit.append({ at: now, actor: actingActor(this.deps.actor), siteId: entry.siteId, entityType: 'exception', entityId: id, action: 'exception-closed', details: { reason } });
    });
    return this.get(id);
  }

  /** Continues an entry with a new expiry: a new entry that starts now, the old one kept as history. */
  renew(id: number, expiresAt: string, reason: string): ExceptionRecord {
    const entry = this.get(id);
    if (entry.status === 'closed' || entry.status === 'renewed') throw new AppError('conflict', `exception ${id} is ${entry.status}; add a new one instead`);
    return this.create({ siteId: entry.siteId, scope: entry.scope, reason, compensatingControls: entry.compensatingControls, owner: entry.owner, approver: entry.approver, expiresAt }, id);
  }

  /** One entry with its status. */
  get(id: number): ExceptionRecord {
    const entry = this.deps.exceptions.get(id);
    if (!entry) throw notFound('exception', id);
    return withStatus(entry, this.now());
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }
}

function withStatus(entry: StoredException, now: string): ExceptionRecord {
  return { ...entry, status: exceptionStatus({ scope: entry.scope, startsAt: entry.startsAt, expiresAt: entry.expiresAt, closedAt: entry.closedAt, renewedById: entry.renewedById }, now) };
}

/** A bare date means the start, or the end, of that day in the site's time zone. */
function toInstant(value: string, timeZone: string, edge: 'start' | 'end'): string {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!day) return new Date(value).toISOString();
  const date = { year: Number(day[1]), month: Number(day[2]), day: Number(day[3]) };
  return formatInstant(startOfLocalDay(edge === 'start' ? date : addLocalDays(date, 1), timeZone));
}
