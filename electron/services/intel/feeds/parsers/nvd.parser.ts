/**
 * NVD CVE API 2.0 JSON: formats.md §5.3. Takes a response page (`{format: "NVD_CVE", version:
 * "2.0", vulnerabilities: [{cve}]}`, one record or up to 2,000), a bare `{cve}` item or a bare
 * CVE object. The retired 1.0 API and 1.1 feeds (`CVE_Items`) are refused by name. Timestamps
 * have no zone and are UTC. The preferred CVSS score is 3.1, then 3.0, 4.0 and 2.0, the Primary
 * source first; every score is kept. Configurations become a flat list of CPE matches.
 */
import type { AffectedProduct, CvssScore } from '../../../../../shared/contract/intel';
import type { CveInput } from '../../../../db/repositories/intel-import.repository';
import { CVE_ID_PATTERN, FeedFormatError, isObject, shown, text } from '../feed-error';

export interface ParsedNvd {
  version: string | null;
  /** The response's `timestamp` as ISO-8601 UTC, or null for a bare record. */
  timestamp: string | null;
  cves: CveInput[];
  warnings: string[];
}

/** The metric keys in order of preference, with their CVSS versions. */
const METRICS = [
  ['cvssMetricV31', '3.1'],
  ['cvssMetricV30', '3.0'],
  ['cvssMetricV40', '4.0'],
  ['cvssMetricV2', '2.0'],
] as const;

/** Parses an NVD 2.0 response or record; `what` names the file in messages. */
export function parseNvd(json: unknown, what: string): ParsedNvd {
  if (!isObject(json)) throw new FeedFormatError(`${what} is not an NVD CVE API 2.0 response: it is not a JSON object`);
  if ('CVE_Items' in json || 'CVE_data_type' in json || 'result' in json) {
    throw new FeedFormatError(`${what} is a retired NVD 1.x feed (CVE_Items); Patchdesk reads the NVD CVE API 2.0 (services.nvd.nist.gov/rest/json/cves/2.0)`);
  }
  if (Array.isArray(json['vulnerabilities'])) {
    const format = text(json['format']);
    const version = text(json['version']);
    if (format !== 'NVD_CVE' || !version?.startsWith('2.')) throw new FeedFormatError(`${what} is not an NVD CVE API 2.0 response (format ${shown(format)}, version ${shown(version)})`);
    const items = json['vulnerabilities'] as unknown[];
    const warnings: string[] = [];
    const total = json['totalResults'];
    const start = json['startIndex'];
    if (typeof total === 'number' && typeof start === 'number' && start + items.length < total) warnings.push(`this page holds results ${start + 1}-${start + items.length} of ${total}; import the other pages too`);
    const cves = items.map((item, index) => {
      if (!isObject(item) || !isObject(item['cve'])) throw new FeedFormatError(`${what}, vulnerabilities[${index}] has no "cve" object`);
      return parseCve(item['cve'], `${what}, vulnerabilities[${index}]`);
    });
    return { version, timestamp: nvdTime(json['timestamp']), cves, warnings };
  }
  if (isObject(json['cve'])) return { version: null, timestamp: null, cves: [parseCve(json['cve'], what)], warnings: [] };
  if (typeof json['id'] === 'string' && 'descriptions' in json) return { version: null, timestamp: null, cves: [parseCve(json, what)], warnings: [] };
  throw new FeedFormatError(`${what} is not an NVD CVE API 2.0 response: it has no "vulnerabilities" list`);
}

function parseCve(cve: Record<string, unknown>, where: string): CveInput {
  const cveId = text(cve['id']);
  if (!cveId || !CVE_ID_PATTERN.test(cveId)) throw new FeedFormatError(`${where}: "id" is ${shown(cve['id'])}, not a CVE id`);
  const descriptions = Array.isArray(cve['descriptions']) ? cve['descriptions'].filter(isObject) : [];
  const english = descriptions.find((each) => each['lang'] === 'en') ?? descriptions[0];
  const scores = parseScores(cve['metrics']);
  return {
    cveId,
    sourceIdentifier: text(cve['sourceIdentifier']),
    published: nvdTime(cve['published']),
    lastModified: nvdTime(cve['lastModified']),
    vulnStatus: text(cve['vulnStatus']),
    description: english ? text(english['value']) : null,
    cvss: preferred(scores),
    scores,
    cwes: parseCwes(cve['weaknesses']),
    products: parseProducts(cve['configurations']),
  };
}

function parseScores(metrics: unknown): CvssScore[] {
  if (!isObject(metrics)) return [];
  const scores: CvssScore[] = [];
  for (const [key, fallbackVersion] of METRICS) {
    const list = metrics[key];
    if (!Array.isArray(list)) continue;
    for (const metric of list.filter(isObject)) {
      const data = metric['cvssData'];
      if (!isObject(data) || typeof data['baseScore'] !== 'number') continue;
      scores.push({
        version: text(data['version']) ?? fallbackVersion,
        score: data['baseScore'],
        // CVSS 2 keeps its severity beside cvssData; later versions inside it.
        severity: text(data['baseSeverity']) ?? text(metric['baseSeverity']),
        vector: text(data['vectorString']) ?? '',
        source: text(metric['source']) ?? '',
        type: text(metric['type']),
      });
    }
  }
  return scores;
}

function preferred(scores: readonly CvssScore[]): CvssScore | null {
  for (const [, version] of METRICS) {
    const ofVersion = scores.filter((score) => score.version === version || (version === '2.0' && score.version === '2'));
    const pick = ofVersion.find((score) => score.type === 'Primary') ?? ofVersion[0];
    if (pick) return pick;
  }
  return scores[0] ?? null;
}

function parseCwes(weaknesses: unknown): string[] {
  const cwes = new Set<string>();
  if (!Array.isArray(weaknesses)) return [];
  for (const weakness of weaknesses.filter(isObject)) {
    const descriptions = Array.isArray(weakness['description']) ? weakness['description'].filter(isObject) : [];
    for (const description of descriptions) {
      const value = text(description['value']);
      if (value) cwes.add(value);
    }
  }
  return [...cwes];
}

function parseProducts(configurations: unknown): AffectedProduct[] {
  const products: AffectedProduct[] = [];
  if (!Array.isArray(configurations)) return products;
  for (const configuration of configurations.filter(isObject)) {
    const nodes = Array.isArray(configuration['nodes']) ? configuration['nodes'].filter(isObject) : [];
    for (const node of nodes) {
      const matches = Array.isArray(node['cpeMatch']) ? node['cpeMatch'].filter(isObject) : [];
      for (const match of matches) {
        const criteria = text(match['criteria']);
        if (!criteria) continue;
        const fields = splitCpe(criteria);
        products.push({
          criteria,
          part: fields[2] ?? '',
          vendor: fields[3] ?? '',
          product: fields[4] ?? '',
          version: fields[5] ?? '',
          versionStartIncluding: text(match['versionStartIncluding']),
          versionStartExcluding: text(match['versionStartExcluding']),
          versionEndIncluding: text(match['versionEndIncluding']),
          versionEndExcluding: text(match['versionEndExcluding']),
          vulnerable: match['vulnerable'] === true,
        });
      }
    }
  }
  return products;
}

/** Splits a CPE 2.3 formatted string on colons that are not escaped with a backslash. */
function splitCpe(criteria: string): string[] {
  const fields: string[] = [];
  let current = '';
  for (let index = 0; index < criteria.length; index++) {
    const char = criteria[index] as string;
    if (char === '\\' && index + 1 < criteria.length) {
      current += criteria[++index];
    } else if (char === ':') {
      fields.push(current);
      current = '';
    } else current += char;
  }
  fields.push(current);
  return fields;
}

/** An NVD timestamp (no zone, UTC) as ISO-8601 UTC; null when absent or unreadable. */
function nvdTime(value: unknown): string | null {
  const raw = text(value);
  if (!raw) return null;
  const at = Date.parse(/Z$|[+-]\d{2}:?\d{2}$/.test(raw) ? raw : `${raw}Z`);
  return Number.isNaN(at) ? null : new Date(at).toISOString();
}
