/**
 * The CISA Known Exploited Vulnerabilities catalogue (JSON): formats.md §5.1. The schema requires
 * `catalogVersion`, `dateReleased`, `count` and `vulnerabilities`, and per entry the CVE id, vendor,
 * product, name, date added, description, required action and due date. Strings may carry
 * trailing spaces (trimmed); unknown fields stay in each entry's raw record; a `count` that does
 * not match the entries is a warning (a trimmed copy says 801 and holds one), not a refusal.
 */
import { CVE_ID_PATTERN, FeedFormatError, isObject, shown, text } from '../feed-error';

/** One catalogue entry as the importer stores it. */
export interface ParsedKevEntry {
  cveId: string;
  vendorProject: string;
  product: string;
  vulnerabilityName: string;
  dateAdded: string;
  shortDescription: string;
  requiredAction: string;
  dueDate: string;
  knownRansomwareCampaignUse: string | null;
  notes: string | null;
  cwes: string[];
  /** The entry exactly as the catalogue gave it (unknown fields included), as JSON. */
  rawJson: string;
}

export interface ParsedKev {
  catalogVersion: string;
  /** ISO-8601 UTC as the catalogue wrote it. */
  dateReleased: string;
  count: number;
  entries: ParsedKevEntry[];
  warnings: string[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** ISO 8601 with Z and 0 to 7 fraction digits (4 seen). */
const RELEASED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?(Z|[+-]\d{2}:?\d{2})$/;
const REQUIRED = ['vendorProject', 'product', 'vulnerabilityName', 'shortDescription', 'requiredAction'] as const;

/** Parses a KEV catalogue; `what` names the file in messages. */
export function parseKev(json: unknown, what: string): ParsedKev {
  if (!isObject(json) || !('catalogVersion' in json) || !Array.isArray(json['vulnerabilities'])) {
    throw new FeedFormatError(`${what} is not a CISA KEV catalogue: it has no "catalogVersion" and "vulnerabilities" list`);
  }
  const catalogVersion = text(json['catalogVersion']);
  if (!catalogVersion) throw new FeedFormatError(`${what} is not a CISA KEV catalogue: "catalogVersion" is ${shown(json['catalogVersion'])}, not a version`);
  const dateReleased = text(json['dateReleased']);
  if (!dateReleased || !RELEASED.test(dateReleased)) throw new FeedFormatError(`${what}: "dateReleased" is ${shown(json['dateReleased'])}, not an ISO 8601 time`);
  const count = json['count'];
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) throw new FeedFormatError(`${what}: "count" is ${shown(count)}, not a whole number`);
  const warnings: string[] = [];
  const seen = new Set<string>();
  const entries: ParsedKevEntry[] = [];
  (json['vulnerabilities'] as unknown[]).forEach((raw, index) => {
    const entry = parseEntry(raw, `${what}, vulnerabilities[${index}]`);
    if (seen.has(entry.cveId)) {
      warnings.push(`${entry.cveId} is listed twice; the later entry was kept`);
      const earlier = entries.findIndex((each) => each.cveId === entry.cveId);
      entries.splice(earlier, 1);
    }
    seen.add(entry.cveId);
    entries.push(entry);
  });
  const listed = (json['vulnerabilities'] as unknown[]).length;
  if (count !== listed) warnings.push(`the catalogue says it has ${count} entries but lists ${listed} (a trimmed or damaged copy?)`);
  return { catalogVersion, dateReleased, count, entries, warnings };
}

function parseEntry(raw: unknown, where: string): ParsedKevEntry {
  if (!isObject(raw)) throw new FeedFormatError(`${where} is not an object`);
  const cveId = text(raw['cveID']);
  if (!cveId || !CVE_ID_PATTERN.test(cveId)) throw new FeedFormatError(`${where}: "cveID" is ${shown(raw['cveID'])}, not a CVE id`);
  const fields: Record<string, string> = {};
  for (const name of REQUIRED) {
    const value = text(raw[name]);
    if (value === null) throw new FeedFormatError(`${where} (${cveId}): "${name}" is missing`);
    fields[name] = value;
  }
  const dateAdded = text(raw['dateAdded']);
  const dueDate = text(raw['dueDate']);
  if (!dateAdded || !DATE.test(dateAdded)) throw new FeedFormatError(`${where} (${cveId}): "dateAdded" is ${shown(raw['dateAdded'])}, not YYYY-MM-DD`);
  if (!dueDate || !DATE.test(dueDate)) throw new FeedFormatError(`${where} (${cveId}): "dueDate" is ${shown(raw['dueDate'])}, not YYYY-MM-DD`);
  const cwes = Array.isArray(raw['cwes']) ? raw['cwes'].map((cwe) => text(cwe)).filter((cwe): cwe is string => cwe !== null && cwe !== '') : [];
  const notes = text(raw['notes']);
  return {
    cveId,
    vendorProject: fields['vendorProject'] as string,
    product: fields['product'] as string,
    vulnerabilityName: fields['vulnerabilityName'] as string,
    dateAdded,
    shortDescription: fields['shortDescription'] as string,
    requiredAction: fields['requiredAction'] as string,
    dueDate,
    knownRansomwareCampaignUse: text(raw['knownRansomwareCampaignUse']) || null,
    notes: notes || null,
    cwes,
    rawJson: JSON.stringify(raw),
  };
}
