/**
 * Imports (CSV with a column mapping, nmap XML) and exports (CSV, JSON) of a site's inventory.
 * Parsing is done by the pure functions in services/import; this service merges the result in
 * one transaction, so an import lands whole or not at all, and bad rows are skipped and listed.
 */
import type { CsvPreview, ImportReport } from '../../../shared/contract/import-export';
import type { CsvMapping } from '../../../shared/contract/import-export';
import { AppError, notFound } from '../../platform/app-error';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../db/database';
import type { AuditLogRepository } from '../../db/repositories/audit-log.repository';
import type { SitesRepository } from '../../db/repositories/sites.repository';
import { assetsToCsv, assetsToJson } from '../import/asset-export';
import { csvToAssetRows, previewCsv } from '../import/csv-import';
import { nulByteLine } from '../import/csv-parser';
import { parseNmapXml } from '../import/nmap-xml.parser';
import { parseTargets, rangesContain } from '../../../shared/domain/network-targets';
import type { Site } from '../../../shared/contract/sites';
import type { InventoryService, MergeOutcome } from './inventory.service';
import { writeTransaction } from '../../db/write-transaction';
import { actingActor } from '../../platform/request-context';

export interface InventoryImportDeps {
  db: Db;
  sites: SitesRepository;
  inventory: InventoryService;
  audit: AuditLogRepository;
  clock: Clock;
  actor: string;
}

type Delimiter = ',' | ';' | '\t';

export class InventoryImportService {
  constructor(private readonly deps: InventoryImportDeps) {}

  /** Reads a CSV far enough to propose a delimiter, header and column mapping. */
  previewCsv(text: string, options: { delimiter?: Delimiter; hasHeader?: boolean; fileName?: string }): CsvPreview {
    if (text.trim() === '') throw new AppError('bad_request', 'the CSV file is empty');
    refuseNul(text, options.fileName ?? '');
    return previewCsv(text, options);
  }

  /** Imports a CSV with the mapping the user confirmed. */
  importCsv(request: { siteId: number; text: string; fileName: string; delimiter: Delimiter; hasHeader: boolean; mapping: CsvMapping }): ImportReport {
    this.requireSite(request.siteId);
    if (request.text.trim() === '') throw new AppError('bad_request', `${request.fileName || 'the CSV file'} is empty`);
    refuseNul(request.text, request.fileName);
    const parsed = csvToAssetRows(request.text, { delimiter: request.delimiter, hasHeader: request.hasHeader, mapping: request.mapping });
    const fileProblems = parsed.errors.filter((error) => error.line === 0);
    if (fileProblems.length > 0) {
      throw new AppError('bad_request', `${request.fileName || 'the CSV file'}: ${fileProblems.map((error) => error.message).join('; ')}. Nothing was imported.`);
    }
    const note = `CSV import${request.fileName ? ` of ${request.fileName}` : ''}`;
    // The merged rows and their audit entry commit together.
    return writeTransaction(this.deps.db, () => {
      const report = this.mergeAll(parsed.rows, (row) => this.deps.inventory.mergeAdminFields(request.siteId, row.fields, 'csv', note));
      return this.finish(request.siteId, 'csv-imported', request.fileName, { ...report, errors: parsed.errors, warnings: [] });
    });
  }

  /** Imports hosts from an nmap XML report (`nmap -oX`); unknown hosts land as unreviewed. */
  importNmap(request: { siteId: number; xml: string; fileName: string }): ImportReport {
    const site = this.deps.sites.get(request.siteId);
    if (!site) throw notFound('site', request.siteId);
    const parsed = parseNmapXml(request.xml);
    if (!parsed.ok) throw new AppError('bad_request', `${request.fileName || 'the nmap file'}: ${parsed.message}`);
    const seenAt = parsed.scan.startedAt ?? this.deps.clock.now().toISOString();
    const note = `nmap import${request.fileName ? ` of ${request.fileName}` : ''}`;
    return writeTransaction(this.deps.db, () => {
      const report = this.mergeAll(parsed.hosts, (host) =>
        this.deps.inventory.mergeDiscovery(
          request.siteId,
          { hostname: host.hostname, addresses: [host.address], mac: host.mac, osFamily: host.osFamily, osName: host.osName, deviceType: host.deviceType, openPorts: host.openPorts, evidence: host.evidence, seenAt },
          'nmap',
          note,
        ),
      );
      return this.finish(request.siteId, 'nmap-imported', request.fileName, { ...report, errors: [], warnings: nmapWarnings(parsed.assumedUp, parsed.hosts, site) });
    });
  }

  /** Exports a site's inventory as CSV or JSON. */
  exportAssets(request: { siteId: number; format: 'csv' | 'json'; includeRetired: boolean }): { fileName: string; mimeType: string; content: string } {
    const site = this.deps.sites.get(request.siteId);
    if (!site) throw notFound('site', request.siteId);
    const statuses = request.includeRetired ? undefined : (['active', 'unreviewed', 'dismissed'] as const);
    const assets = this.deps.inventory.list(site.id, statuses ? [...statuses] : undefined);
    const exportedAt = this.deps.clock.now().toISOString();
    const base = `patchdesk-${slug(site.name)}-assets-${exportedAt.slice(0, 10)}`;
    writeTransaction(this.deps.db, () =>
      this.deps.audit.append({ at: exportedAt, actor: actingActor(this.deps.actor), siteId: site.id, entityType: 'export', entityId: null, action: 'assets-exported', details: { format: request.format, count: assets.length } }),
    );
    return request.format === 'csv'
      ? { fileName: `${base}.csv`, mimeType: 'text/csv', content: assetsToCsv(assets) }
      : { fileName: `${base}.json`, mimeType: 'application/json', content: assetsToJson(assets, { siteName: site.name, exportedAt }) };
  }

  private mergeAll<T>(items: readonly T[], merge: (item: T) => MergeOutcome): Omit<ImportReport, 'errors' | 'warnings'> {
    const counts = { created: 0, updated: 0, unchanged: 0 };
    writeTransaction(this.deps.db, () => {
      for (const item of items) counts[merge(item).outcome]++;
    });
    return counts;
  }

  private finish(siteId: number, action: string, fileName: string, report: ImportReport): ImportReport {
    this.deps.audit.append({
      at: this.deps.clock.now().toISOString(),
      actor: actingActor(this.deps.actor),
      siteId,
      entityType: 'import',
      entityId: null,
      action,
      details: { fileName, created: report.created, updated: report.updated, unchanged: report.unchanged, badRows: report.errors.length, warnings: report.warnings.length },
    });
    return report;
  }

  private requireSite(siteId: number): void {
    if (!this.deps.sites.get(siteId)) throw notFound('site', siteId);
  }
}

const LISTED = 5;

/** Warnings for an nmap import: hosts left out as only assumed up, and hosts outside the site's networks. */
function nmapWarnings(assumedUp: readonly string[], hosts: readonly { address: string }[], site: Site): string[] {
  const warnings: string[] = [];
  if (assumedUp.length > 0) {
    warnings.push(
      `${plural(assumedUp.length, 'host was', 'hosts were')} left out: nmap only assumed ${assumedUp.length === 1 ? 'it' : 'them'} up (-Pn, reason "user-set") and found no open port (${listed(assumedUp)})`,
    );
  }
  const parsed = parseTargets(site.networks);
  if (parsed.ok && parsed.ranges.length > 0) {
    const outside = hosts.map((host) => host.address).filter((address) => !rangesContain(parsed.ranges, address));
    if (outside.length > 0) {
      warnings.push(`${plural(outside.length, 'imported host is', 'imported hosts are')} outside the networks of "${site.name}" (${site.networks.join(', ')}): ${listed(outside)}; check that the scan was meant for this site`);
    }
  }
  return warnings;
}

function listed(addresses: readonly string[]): string {
  const shown = addresses.slice(0, LISTED).join(', ');
  return addresses.length > LISTED ? `${shown} and ${addresses.length - LISTED} more` : shown;
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

function refuseNul(text: string, fileName: string): void {
  const line = nulByteLine(text);
  if (line === null) return;
  throw new AppError('bad_request', `${fileName || 'the CSV file'}: line ${line} holds a NUL byte, so this is binary data or a UTF-16 file without its byte-order mark, not CSV text. Nothing was imported.`);
}

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'site';
}
