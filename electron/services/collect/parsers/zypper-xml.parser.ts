import { XMLParser } from 'fast-xml-parser';
import { cleanText } from './input-text';
import { describeFailure, fail, ok } from './parse-result';
import type { ParseResult, ParserInput, PendingUpdate, UpdateList } from './types';
import { readEpochSeconds } from './published-date';
import { interpretZypperExit } from './zypper-exit';

/** A patch as `list-patches` or `search -t patch` describe it in XML. */
export interface ZypperXmlPatch {
  name: string;
  edition?: string;
  /** list-patches: `needed`, `applied`, ...; search: the install state, `installed` or `not-installed`. */
  status: string;
  category?: string;
  severity?: string;
  summary: string;
  cves: string[];
  /** `<issue-date time_t>` as an ISO instant: when SUSE issued the patch; absent when not printed or unreadable. */
  issuedAt?: string;
}

/** Pending updates plus every patch the XML named. */
export interface ZypperXmlResult extends UpdateList {
  patches: ZypperXmlPatch[];
}

type Node = Record<string, unknown>;

const ARRAYS = new Set(['update', 'issue', 'solvable', 'message']);

/**
 * Parses zypper `--xmlout` for `list-updates`, `list-patches` and `search -t patch`.
 *
 * `<update kind="package">` rows become upgrades (`edition-old`, when newer zypper prints it, is
 * the installed version). `<update kind="patch">` rows become patches when their status is
 * absent or `needed`, with CVE ids from `<issue type="cve">`, security from `category` and the
 * publication date from `<issue-date time_t>` (basis `published`; left out, with a warning, when
 * unreadable).
 * `search -t patch` only gives the install state, which is not "needed", so its patches are
 * listed without becoming updates. DOCTYPE declarations are refused (zypper never prints one).
 */
export function parseZypperXml(input: ParserInput): ParseResult<ZypperXmlResult> {
  const { stdout, stderr, exitCode } = input;
  const exit = interpretZypperExit(exitCode);
  if (!exit.usable) return fail(`${exit.error}${stderr?.trim() ? `: ${describeFailure(undefined, stderr)}` : ''}`);
  const text = cleanText(stdout);
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) return fail('zypper XML contains a DOCTYPE or ENTITY declaration; refused');
  let doc: Node;
  try {
    doc = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '',
      processEntities: true,
      htmlEntities: false,
      parseAttributeValue: false,
      parseTagValue: false,
      isArray: (name) => ARRAYS.has(name),
    }).parse(text, true) as Node;
  } catch (e) {
    return fail(`zypper XML is malformed: ${(e as Error).message.slice(0, 200)}`);
  }
  const stream = obj(doc['stream']);
  if (!stream) return fail('zypper XML has no <stream> root');
  const warnings = exit.warning ? [exit.warning] : [];
  const errors = arr(stream['message']).filter((m) => m['type'] === 'error').map((m) => text0(m));
  if (errors.length > 0) return fail(`zypper reported: ${errors[0]}`);

  const updates: PendingUpdate[] = [];
  const patches: ZypperXmlPatch[] = [];
  const updateList = obj(obj(stream['update-status'])?.['update-list']);
  const searchList = obj(obj(stream['search-result'])?.['solvable-list']);
  if (!updateList && !searchList && !obj(stream['update-status']) && !obj(stream['search-result'])) {
    return fail('zypper XML holds neither <update-status> nor <search-result>');
  }
  for (const u of arr(updateList?.['update'])) {
    const kind = str(u['kind']) || 'package';
    const source = obj(u['source']);
    if (kind === 'patch') {
      const patch = toPatch(u, warnings);
      patches.push(patch);
      if (patch.status === '' || patch.status === 'needed') {
        const pending: PendingUpdate = {
          name: patch.name,
          installedVersion: null,
          availableVersion: patch.edition ?? '',
          repository: str(source?.['alias']),
          security: patch.category === 'security',
          cves: patch.cves,
          advisories: [patch.name],
          kind: 'patch',
        };
        if (patch.severity && patch.severity !== 'unspecified') pending.severity = patch.severity;
        if (patch.issuedAt) {
          pending.publishedAt = patch.issuedAt;
          pending.publishedBasis = 'published';
        }
        updates.push(pending);
      }
      continue;
    }
    if (kind !== 'package') continue;
    const old = str(u['edition-old']);
    updates.push({
      name: str(u['name']),
      arch: str(u['arch']),
      installedVersion: old === '' ? null : old,
      availableVersion: str(u['edition']),
      repository: str(source?.['alias']),
      security: null,
      cves: [],
      advisories: [],
      kind: 'upgrade',
    });
  }
  for (const s of arr(searchList?.['solvable'])) {
    if (str(s['kind']) !== 'patch') continue;
    patches.push({ name: str(s['name']), status: str(s['status']), summary: str(s['summary']).trim(), cves: [] });
  }
  if (searchList) warnings.push('search -t patch gives install state only; needed patches come from list-patches');
  return ok({ updates, warnings, patches });
}

function toPatch(u: Node, warnings: string[]): ZypperXmlPatch {
  const issues = arr(obj(u['issue-list'])?.['issue']);
  const cves = [...new Set(issues.filter((i) => str(i['type']).toLowerCase() === 'cve').map((i) => str(i['id']).toUpperCase()).filter(Boolean))];
  const patch: ZypperXmlPatch = { name: str(u['name']), status: str(u['status']).toLowerCase(), summary: text0(u['summary']).trim(), cves };
  const edition = str(u['edition']);
  if (edition) patch.edition = edition;
  const category = str(u['category']).toLowerCase();
  if (category) patch.category = category;
  const severity = str(u['severity']).toLowerCase();
  if (severity) patch.severity = severity;
  const issueDate = obj(u['issue-date']);
  if (issueDate) {
    // The time_t attribute is exact; the text beside it is for people. Unreadable: no date, never a guess.
    const issued = readEpochSeconds(str(issueDate['time_t']));
    if (issued) patch.issuedAt = issued;
    else if (warnings.length < 20) warnings.push(`patch ${patch.name}: unreadable issue-date ${JSON.stringify(str(issueDate['time_t']) || str(issueDate['text'])).slice(0, 40)}; its SLA clock starts when first seen`);
  }
  return patch;
}

function obj(v: unknown): Node | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Node) : undefined;
}

function arr(v: unknown): Node[] {
  return Array.isArray(v) ? v.filter((x): x is Node => typeof x === 'object' && x !== null) : [];
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

function text0(v: unknown): string {
  if (typeof v === 'string') return v;
  const o = obj(v);
  return o ? str(o['#text']) : '';
}
