/**
 * Microsoft's security update data, as far as it maps KB articles to CVEs. There is no real
 * sample yet (formats.md has none), so this reads the documented shapes minimally:
 *
 * - CVRF JSON from the MSRC API (`api.msrc.microsoft.com/cvrf/v3.0/cvrf/2024-Jan`, JSON accept
 *   header): `DocumentTracking.Identification.ID.Value`, `ProductTree.FullProductName[{ProductID,
 *   Value}]`, `Vulnerability[{CVE, Remediations[{Type, Description.Value: "5034127", ProductID[],
 *   FixedBuild?}]}]`; remediation type 2 is a vendor fix.
 * - CSAF 2.0 (`document.tracking.id`, `product_tree.branches[...].product{product_id, name}` or
 *   `full_product_names`, `vulnerabilities[{cve, remediations[{category: "vendor_fix", details:
 *   "5034127" | "KB5034127", product_ids[], url}]}]`).
 *
 * Each KB becomes an advisory (`KB5034127`) with the CVEs it fixes, and one row per product it
 * applies to (distribution `windows`, release = product name, package = KB).
 */
import type { AdvisoryInput } from '../../../../db/repositories/intel-import.repository';
import { CVE_ID_PATTERN, FeedFormatError, isObject, text } from '../feed-error';

export interface ParsedMsrc {
  documentId: string;
  released: string | null;
  title: string | null;
  advisories: AdvisoryInput[];
  warnings: string[];
}

const KB = /^(?:KB)?(\d{6,8})$/i;

interface Fix {
  kb: string;
  cveId: string;
  productIds: string[];
  fixedBuild: string | null;
}

/** Parses a CVRF JSON or CSAF document; `what` names the file in messages. */
export function parseMsrc(json: unknown, what: string): ParsedMsrc {
  if (!isObject(json)) throw new FeedFormatError(`${what} is not a Microsoft security update document`);
  if (isObject(json['document']) && Array.isArray(json['vulnerabilities'])) return fromCsaf(json, what);
  if (isObject(json['DocumentTracking']) && Array.isArray(json['Vulnerability'])) return fromCvrf(json, what);
  throw new FeedFormatError(`${what} is not a Microsoft security update document (CVRF JSON with DocumentTracking and Vulnerability, or CSAF with document and vulnerabilities)`);
}

function fromCvrf(json: Record<string, unknown>, what: string): ParsedMsrc {
  const tracking = json['DocumentTracking'] as Record<string, unknown>;
  const identification = isObject(tracking['Identification']) ? tracking['Identification'] : {};
  const documentId = text(isObject(identification['ID']) ? identification['ID']['Value'] : identification['ID']);
  if (!documentId) throw new FeedFormatError(`${what}: the CVRF document has no DocumentTracking.Identification.ID`);
  const products = new Map<string, string>();
  const tree = isObject(json['ProductTree']) ? json['ProductTree'] : {};
  for (const product of Array.isArray(tree['FullProductName']) ? tree['FullProductName'].filter(isObject) : []) {
    const id = text(product['ProductID']);
    const name = text(product['Value']);
    if (id && name) products.set(id, name);
  }
  const fixes: Fix[] = [];
  for (const vulnerability of (json['Vulnerability'] as unknown[]).filter(isObject)) {
    const cveId = text(vulnerability['CVE']);
    if (!cveId || !CVE_ID_PATTERN.test(cveId)) continue;
    for (const remediation of Array.isArray(vulnerability['Remediations']) ? vulnerability['Remediations'].filter(isObject) : []) {
      if (remediation['Type'] !== 2 && remediation['Type'] !== 'Vendor Fix') continue;
      const description = text(isObject(remediation['Description']) ? remediation['Description']['Value'] : remediation['Description']);
      const kb = description ? KB.exec(description)?.[1] : undefined;
      if (!kb) continue;
      fixes.push({ kb: `KB${kb}`, cveId, productIds: stringList(remediation['ProductID']), fixedBuild: text(remediation['FixedBuild']) });
    }
  }
  const title = text(isObject(json['DocumentTitle']) ? json['DocumentTitle']['Value'] : json['DocumentTitle']);
  return build(documentId, time(tracking['CurrentReleaseDate']), title, fixes, products, what);
}

function fromCsaf(json: Record<string, unknown>, what: string): ParsedMsrc {
  const document = json['document'] as Record<string, unknown>;
  const tracking = isObject(document['tracking']) ? document['tracking'] : {};
  const documentId = text(tracking['id']);
  if (!documentId) throw new FeedFormatError(`${what}: the CSAF document has no document.tracking.id`);
  const products = new Map<string, string>();
  collectCsafProducts(json['product_tree'], products);
  const fixes: Fix[] = [];
  for (const vulnerability of (json['vulnerabilities'] as unknown[]).filter(isObject)) {
    const cveId = text(vulnerability['cve']);
    if (!cveId || !CVE_ID_PATTERN.test(cveId)) continue;
    for (const remediation of Array.isArray(vulnerability['remediations']) ? vulnerability['remediations'].filter(isObject) : []) {
      if (remediation['category'] !== 'vendor_fix') continue;
      const kb = KB.exec(text(remediation['details']) ?? '')?.[1] ?? /KB(\d{6,8})/i.exec(text(remediation['url']) ?? '')?.[1];
      if (!kb) continue;
      fixes.push({ kb: `KB${kb}`, cveId, productIds: stringList(remediation['product_ids']), fixedBuild: null });
    }
  }
  return build(documentId, time(tracking['current_release_date']), text(document['title']), fixes, products, what);
}

function collectCsafProducts(node: unknown, products: Map<string, string>): void {
  if (Array.isArray(node)) {
    for (const each of node) collectCsafProducts(each, products);
    return;
  }
  if (!isObject(node)) return;
  const product = isObject(node['product']) ? node['product'] : null;
  if (product) {
    const id = text(product['product_id']);
    const name = text(product['name']);
    if (id && name) products.set(id, name);
  }
  collectCsafProducts(node['branches'], products);
  collectCsafProducts(node['full_product_names'], products);
  if (typeof node['product_id'] === 'string' && typeof node['name'] === 'string') products.set(node['product_id'], node['name']);
}

function build(documentId: string, released: string | null, title: string | null, fixes: readonly Fix[], products: ReadonlyMap<string, string>, what: string): ParsedMsrc {
  if (fixes.length === 0) throw new FeedFormatError(`${what} (${documentId}) names no KB article that fixes a CVE`);
  const byKb = new Map<string, { cves: Set<string>; rows: Map<string, string | null> }>();
  const warnings = new Set<string>();
  for (const fix of fixes) {
    const entry = byKb.get(fix.kb) ?? { cves: new Set<string>(), rows: new Map<string, string | null>() };
    entry.cves.add(fix.cveId);
    for (const productId of fix.productIds) {
      const name = products.get(productId);
      if (!name) warnings.add(`product id ${productId} is not in the document's product tree`);
      else entry.rows.set(name, fix.fixedBuild ?? entry.rows.get(name) ?? null);
    }
    byKb.set(fix.kb, entry);
  }
  const advisories: AdvisoryInput[] = [...byKb.entries()].map(([kb, entry]) => ({
    source: 'msrc',
    advisoryId: kb,
    distribution: 'windows',
    published: released,
    modified: released,
    withdrawn: null,
    summary: title ? `${title} (${documentId})` : documentId,
    severityVector: null,
    cveIds: [...entry.cves].sort(),
    affected: [...entry.rows.entries()].map(([product, fixedBuild]) => ({
      source: 'msrc',
      distribution: 'windows',
      release: product,
      ecosystem: `msrc:${documentId}`,
      package: kb,
      vulnId: null,
      advisoryId: kb,
      status: 'fixed',
      fixedVersion: fixedBuild ?? kb,
      urgency: null,
      note: null,
    })),
  }));
  return { documentId, released, title, advisories, warnings: [...warnings].slice(0, 20) };
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((each): each is string => typeof each === 'string') : [];
}

function time(value: unknown): string | null {
  const raw = text(value);
  if (!raw) return null;
  const at = Date.parse(/Z$|[+-]\d{2}:?\d{2}$/.test(raw) ? raw : `${raw}Z`);
  return Number.isNaN(at) ? null : new Date(at).toISOString();
}
