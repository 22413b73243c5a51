/** Sites (one per client or location) and their patch policies. */
import type { Site, SiteInput } from '../../../shared/contract/sites';
import { SiteInput as SiteInputSchema } from '../../../shared/contract/sites';
import { DEFAULT_PATCH_POLICY, type PatchPolicy } from '../../../shared/domain/patch-policy';
import { AppError, notFound } from '../../platform/app-error';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../db/database';
import type { AuditLogRepository } from '../../db/repositories/audit-log.repository';
import type { SiteRecord, SitesRepository } from '../../db/repositories/sites.repository';
import { writeTransaction } from '../../db/write-transaction';
import { actingActor } from '../../platform/request-context';

type ParsedSiteInput = ReturnType<typeof SiteInputSchema.parse>;

export interface SitesServiceDeps {
  db: Db;
  sites: SitesRepository;
  audit: AuditLogRepository;
  clock: Clock;
  actor: string;
}

export class SitesService {
  constructor(private readonly deps: SitesServiceDeps) {}

  /** All sites with their counts. */
  list(): Site[] {
    return this.deps.sites.list();
  }

  /** One site; not_found when missing. */
  get(id: number): Site {
    const site = this.deps.sites.get(id);
    if (!site) throw notFound('site', id);
    return site;
  }

  /** Finds a site by name for the CLI; the message lists the sites there are. */
  getByName(name: string): Site {
    const site = this.deps.sites.findByName(name);
    if (site) return site;
    const names = this.deps.sites.list().map((each) => each.name);
    throw new AppError('not_found', `no site named "${name}"${names.length > 0 ? ` (sites: ${names.join(', ')})` : ' (there are no sites yet: add one with "patchdesk site add NAME")'}`);
  }

  /** Creates a site with the default patch policy. */
  create(input: ParsedSiteInput): Site {
    const id = writeTransaction(this.deps.db, () => {
      this.ensureNameFree(input.name);
      const at = this.now();
      const newId = this.deps.sites.insert(toRecord(input), DEFAULT_PATCH_POLICY, at);
      this.audit(newId, 'created', { site: toRecord(input) });
      return newId;
    });
    return this.get(id);
  }

  /** Changes a site's fields. */
  update(id: number, changes: Partial<ParsedSiteInput>): Site {
    writeTransaction(this.deps.db, () => {
      const current = this.get(id);
      const before: SiteRecord = { name: current.name, networks: current.networks, timezone: current.timezone, contact: current.contact, notes: current.notes };
      const after: SiteRecord = { ...before, ...stripUndefined(changes) };
      if (after.name.toLowerCase() !== before.name.toLowerCase()) this.ensureNameFree(after.name);
      this.deps.sites.update(id, after, this.now());
      this.audit(id, 'edited', { before, after });
    });
    return this.get(id);
  }

  /** The site's patch policy. */
  getPolicy(siteId: number): PatchPolicy {
    const policy = this.deps.sites.getPolicy(siteId);
    if (!policy) throw notFound('site', siteId);
    return policy;
  }

  /** Replaces the site's patch policy. */
  updatePolicy(siteId: number, policy: PatchPolicy): PatchPolicy {
    writeTransaction(this.deps.db, () => {
      const before = this.getPolicy(siteId);
      this.deps.sites.setPolicy(siteId, policy, this.now());
      this.deps.audit.append({ at: this.now(), actor: actingActor(this.deps.actor), siteId, entityType: 'policy', entityId: siteId, action: 'policy-changed', details: { before, after: policy } });
    });
    return this.getPolicy(siteId);
  }

  private ensureNameFree(name: string): void {
    if (this.deps.sites.findByName(name)) {
      throw new AppError('conflict', `a site named "${name}" already exists`, [{ path: 'name', message: 'already in use' }]);
    }
  }

  private audit(siteId: number, action: string, details: Record<string, unknown>): void {
    this.deps.audit.append({ at: this.now(), actor: actingActor(this.deps.actor), siteId, entityType: 'site', entityId: siteId, action, details });
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }
}

function toRecord(input: ParsedSiteInput): SiteRecord {
  return { name: input.name, networks: input.networks, timezone: input.timezone, contact: input.contact, notes: input.notes };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, each]) => each !== undefined)) as Partial<T>;
}

export type { SiteInput };
