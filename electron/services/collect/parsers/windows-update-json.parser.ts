import { cleanText } from './input-text';
import { describeFailure, fail, ok } from './parse-result';
import { readPowerShellDate } from './published-date';
import type { ParseResult, ParserInput, PendingUpdate, UpdateList, WindowsUpdateInfo } from './types';

/** Pending updates keyed on KB numbers, plus the Windows Update Agent's own view of each. */
export interface WindowsUpdateList extends UpdateList {
  windowsUpdates: WindowsUpdateInfo[];
}

/** Classification GUID of "Security Updates"; names are localised, GUIDs are not. */
const SECURITY_CATEGORY = '0fa1201d-4330-4fa8-8ae9-b877473b6441';

type Json = Record<string, unknown>;

/**
 * Parses the JSON our PowerShell collector prints from a Windows Update Agent search
 * (`IsInstalled=0 and IsHidden=0 and Type='Software'`).
 *
 * The collector emits `ConvertTo-Json -InputObject @($list) -Depth 4`, each element a flat object:
 * ```
 * { "UpdateID": "<guid>", "RevisionNumber": 200, "Title": "<localised>",
 *   "KBArticleIDs": ["5034441"], "MsrcSeverity": "Important" | "" | null,
 *   "CveIDs": ["CVE-..."], "SecurityBulletinIDs": [],
 *   "Categories": [{ "Name": "Security Updates", "CategoryID": "<guid>" }],
 *   "RebootRequired": false, "RebootBehavior": 0 | 1 | 2,
 *   "IsDownloaded": true, "IsMandatory": false,
 *   "LastDeploymentChangeTime": "2026-10-08T17:00:00Z" }
 * ```
 * `LastDeploymentChangeTime` becomes the fix's publication date (basis `published`): the day
 * Microsoft published the update, or last revised it (then later than the first release, so the
 * SLA clock can only start later than the truth, never earlier). An unreadable value is dropped
 * with a warning.
 * Because Windows PowerShell 5.1 collapses one-element arrays and other collectors may nest
 * properties, this also accepts: a single object instead of an array, a string where an array
 * is expected, `{ "value": [...], "Count": n }`, `Identity.UpdateID` / `Identity.RevisionNumber`,
 * `InstallationBehavior.RebootBehavior`, `KB`-prefixed or numeric KB ids and a UTF-8 BOM.
 * Updates are keyed on KB numbers and update ids, never on the (localised) title. Blank output
 * is an error: the collector prints `[]` when nothing is pending.
 */
export function parseWindowsUpdateJson(input: ParserInput): ParseResult<WindowsUpdateList> {
  const { stdout, stderr, exitCode } = input;
  if (exitCode !== undefined && exitCode !== 0) return fail(`Windows Update search failed (${describeFailure(exitCode, stderr || stdout)})`);
  const text = cleanText(stdout).trim();
  if (text === '') return fail('no JSON printed; the collector prints [] when no updates are pending');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return fail(`Windows Update output is not JSON: ${(e as Error).message.slice(0, 160)}`);
  }
  const items = topLevelItems(doc);
  if (items === null) return fail('Windows Update JSON is neither an update object nor an array of them');

  const warnings: string[] = [];
  const windowsUpdates: WindowsUpdateInfo[] = [];
  items.forEach((item, index) => {
    const info = item ? toInfo(item) : null;
    if (info) windowsUpdates.push(info);
    else if (warnings.length < 20) warnings.push(`element ${index} has neither an update id nor a KB number`);
    // An unreadable date is dropped with a warning, never replaced: the fix then counts from first seen.
    const date = item?.['LastDeploymentChangeTime'];
    if (info && info.lastDeploymentChangeAt === null && date !== undefined && date !== null && date !== '' && warnings.length < 20) {
      warnings.push(`update ${info.kb[0] !== undefined ? `KB${info.kb[0]}` : info.updateId}: unreadable LastDeploymentChangeTime ${JSON.stringify(date).slice(0, 60)}; its SLA clock starts when first seen`);
    }
  });
  if (items.length > 0 && windowsUpdates.length === 0) return fail('no element of the Windows Update JSON identifies an update');
  return ok({ updates: windowsUpdates.map(toPending), warnings, windowsUpdates });
}

function topLevelItems(doc: unknown): Array<Json | null> | null {
  if (Array.isArray(doc)) return doc.map(asObject);
  const o = asObject(doc);
  if (!o) return null;
  if (Array.isArray(o['value']) && ('Count' in o || 'count' in o)) return o['value'].map(asObject);
  return [o];
}

function toInfo(o: Json): WindowsUpdateInfo | null {
  const identity = asObject(o['Identity']);
  const updateId = text(o['UpdateID'] ?? o['UpdateId'] ?? identity?.['UpdateID']).toLowerCase();
  const kb = [...new Set(strings(o['KBArticleIDs'] ?? o['KBArticleIds'] ?? o['KB']).map((k) => k.replace(/^KB/i, '')).filter((k) => /^\d+$/.test(k)))];
  if (updateId === '' && kb.length === 0) return null;
  const categories = list(o['Categories']).map((c) => (typeof c === 'string' ? { Name: c } : (asObject(c) ?? {})));
  const categoryIds = categories.map((c) => text(c['CategoryID'] ?? c['CategoryId']).toLowerCase()).filter(Boolean);
  const severity = text(o['MsrcSeverity']);
  const revision = Number(o['RevisionNumber'] ?? identity?.['RevisionNumber']);
  const reboot = Number(o['RebootBehavior'] ?? asObject(o['InstallationBehavior'])?.['RebootBehavior']);
  return {
    updateId,
    revision: Number.isInteger(revision) ? revision : null,
    kb,
    title: text(o['Title']),
    msrcSeverity: severity === '' ? null : severity,
    cves: strings(o['CveIDs'] ?? o['CveIds']).map((c) => c.toUpperCase()),
    bulletins: strings(o['SecurityBulletinIDs'] ?? o['SecurityBulletinIds']),
    categories: categories.map((c) => text(c['Name'])).filter(Boolean),
    categoryIds,
    rebootBehavior: reboot === 0 || reboot === 1 || reboot === 2 ? reboot : null,
    rebootRequired: bool(o['RebootRequired']),
    isSecurity: categoryIds.includes(SECURITY_CATEGORY) || severity !== '',
    isDownloaded: bool(o['IsDownloaded']),
    isMandatory: bool(o['IsMandatory']),
    lastDeploymentChangeAt: readPowerShellDate(o['LastDeploymentChangeTime']),
  };
}

function toPending(w: WindowsUpdateInfo): PendingUpdate {
  const u: PendingUpdate = {
    name: w.kb[0] !== undefined ? `KB${w.kb[0]}` : w.updateId,
    installedVersion: null,
    availableVersion: w.revision === null ? '' : String(w.revision),
    repository: 'Windows Update',
    security: w.isSecurity,
    cves: w.cves,
    advisories: [...w.kb.map((k) => `KB${k}`), ...w.bulletins],
    kind: 'patch',
  };
  if (w.msrcSeverity !== null) u.severity = w.msrcSeverity;
  if (w.lastDeploymentChangeAt !== null) {
    u.publishedAt = w.lastDeploymentChangeAt;
    u.publishedBasis = 'published';
  }
  return u;
}

function asObject(v: unknown): Json | null {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : null;
}

function list(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

function strings(v: unknown): string[] {
  return list(v)
    .map((x) => (typeof x === 'number' ? String(x) : typeof x === 'string' ? x.trim() : ''))
    .filter(Boolean);
}

function text(v: unknown): string {
  return typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
}

function bool(v: unknown): boolean | null {
  return typeof v === 'boolean' ? v : null;
}
