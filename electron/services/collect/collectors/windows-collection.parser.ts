/**
 * Builds a {@link HostCollection} from the Windows collector's output (see
 * windows-collector.script.ts): a header line, one JSON document, an end line.
 */
import type { HostCollection } from '../../../../shared/contract/patch-status';
import { parseWindowsUpdateJson } from '../parsers/windows-update-json.parser';
import type { CollectionContext, CollectionOutcome } from './collection-outcome';
import { readCollectionHeader } from './linux-sections.parser';

/**
 * The document the script prints (compressed, on one line). `updates` holds the flat update
 * objects `parseWindowsUpdateJson` documents; any part that failed is null and has a
 * `"<part>: <message>"` line in `warnings`. Windows PowerShell 5.1 may collapse a one-element
 * array to the element and wrap arrays as `{ "value": [...], "Count": n }`; both are accepted.
 */
export interface WindowsCollectorDocument {
  schema: 1;
  hostname: string;
  os: {
    caption: string;
    version: string;
    build: string;
    ubr: number | null;
    displayVersion: string | null;
    releaseId: string | null;
    installationType: string | null;
    productType: number | null;
    lastBoot: string | null;
  } | null;
  hotfixes: Array<{ id: string; description: string | null; installedOn: string | null }> | null;
  updates: unknown[] | null;
  reboot: { reasons: string[] } | null;
  warnings: string[];
}

/** Marks the end of a complete Windows collection. */
export const WINDOWS_END_MARKER = '=== patchdesk end ===';

const REBOOT_REASONS: Record<string, string> = {
  cbs: 'Component Based Servicing has a reboot pending',
  wu: 'Windows Update requires a reboot',
  pfro: 'file rename operations are pending',
  wua: 'the Windows Update Agent reports a reboot is required',
};

type Json = Record<string, unknown>;

/**
 * Parses the Windows collector's output. The header is optional (a remote run may strip it)
 * but the end line is not: without it the output was cut short. A failed Windows Update search
 * fails the host (`unparseable`), because an empty pending list would read as "up to date";
 * any other failed part is a warning.
 */
export function parseWindowsCollection(text: string, context: CollectionContext): CollectionOutcome<'unparseable'> {
  const lines = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n').map((l) => l.trim());
  const header = lines.map(readCollectionHeader).find((h) => h !== null);
  if (header && header.platform !== 'windows') return fail(`expected a Windows collection, got platform=${header.platform}`);
  const jsonAt = lines.findIndex((l) => l.startsWith('{'));
  if (jsonAt < 0) return fail('no JSON document in the Windows collector output');
  if (!lines.slice(jsonAt + 1).includes(WINDOWS_END_MARKER)) return fail(`the Windows collection is truncated: its "${WINDOWS_END_MARKER}" line is missing`);
  let doc: unknown;
  try {
    doc = JSON.parse(lines[jsonAt] ?? '');
  } catch (e) {
    return fail(`the Windows collector printed invalid JSON: ${(e as Error).message.slice(0, 160)}`);
  }
  const root = asObject(doc);
  if (!root || root['schema'] !== 1) return fail('the JSON is not a Patchdesk Windows collection (schema 1)');

  const warnings = list(root['warnings']).map(text1).filter(Boolean);
  if (root['updates'] === null || root['updates'] === undefined) {
    const why = warnings.find((w) => w.startsWith('updates:')) ?? 'no updates part';
    return fail(`the Windows Update search failed (${why.slice(0, 300)})`);
  }
  const updates = parseWindowsUpdateJson({ stdout: JSON.stringify(list(root['updates'])), exitCode: 0 });
  if (!updates.ok) return fail(`Windows updates: ${updates.error}`);
  warnings.push(...updates.value.warnings);

  const os = asObject(root['os']);
  if (!os) warnings.push('the OS details could not be read');
  const hotfixes = root['hotfixes'] === null ? null : list(root['hotfixes']).map(asObject).filter((h): h is Json => h !== null);
  if (hotfixes === null) warnings.push('installed updates (Get-HotFix) could not be read');
  const kbs = [...new Set((hotfixes ?? []).map((h) => text1(h['id']).toUpperCase()).filter((id) => /^KB\d+$/.test(id)))];
  const installed: HostCollection['installed'] = (hotfixes ?? [])
    .filter((h) => text1(h['id']) !== '')
    .map((h) => ({ name: text1(h['id']).toUpperCase(), version: text1(h['installedOn']), arch: '', status: 'installed' }));
  const dates = (hotfixes ?? []).map((h) => text1(h['installedOn'])).filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)).sort();
  const newest = dates[dates.length - 1];

  const reboot = asObject(root['reboot']);
  const reasons = reboot ? list(reboot['reasons']).map(text1).filter(Boolean) : [];
  const lastBoot = os ? Date.parse(text1(os['lastBoot'])) : Number.NaN;
  const uptime = Number.isNaN(lastBoot) ? null : Math.max(0, Math.floor((Date.parse(context.collectedAt) - lastBoot) / 1000));

  const collection: HostCollection = {
    collectedAt: context.collectedAt,
    method: context.method,
    platform: 'windows',
    hostname: text1(root['hostname']),
    os: os ? describeOs(os) : { id: 'windows', name: 'Windows', version: '', build: '' },
    packageManager: 'windows-update',
    uptimeSeconds: uptime,
    rebootRequired: reboot ? reasons.length > 0 : null,
    rebootReason: reboot ? reasons.map((r) => REBOOT_REASONS[r] ?? r).join('; ') : 'the reboot state could not be read',
    lastPatchedAt: newest ? `${newest}T00:00:00Z` : null,
    installedCount: installed.length,
    installed,
    pending: updates.value.updates,
    installedKbs: kbs,
    device: null,
    warnings,
  };
  return { ok: true, value: collection };
}

function describeOs(os: Json): HostCollection['os'] {
  const caption = text1(os['caption']);
  const installationType = text1(os['installationType']);
  const productType = Number(os['productType']);
  // ProductType 2 is a domain controller, 3 a server; 1 a workstation.
  const server = /server/i.test(installationType) || productType === 2 || productType === 3 || /server/i.test(caption);
  const version = text1(os['version']);
  const ubr = Number(os['ubr']);
  return {
    id: server ? 'windows-server' : 'windows',
    name: caption || 'Windows',
    version: text1(os['displayVersion']) || text1(os['releaseId']) || version,
    build: /^\d+\.\d+\.\d+$/.test(version) && Number.isInteger(ubr) && text1(os['ubr']) !== '' ? `${version}.${ubr}` : version,
  };
}

function fail(message: string): { ok: false; code: 'unparseable'; message: string } {
  return { ok: false, code: 'unparseable', message };
}

function asObject(v: unknown): Json | null {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : null;
}

function list(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) return v;
  const o = asObject(v);
  if (o && Array.isArray(o['value']) && ('Count' in o || 'count' in o)) return o['value'];
  return [v];
}

function text1(v: unknown): string {
  return typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
}
