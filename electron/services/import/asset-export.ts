/**
 * Inventory exports: CSV for spreadsheets (and re-import), JSON for other tools and archives.
 */
import type { Asset } from '../../../shared/contract/assets';
import { formatAccessCell } from './asset-cell-values';
import { neutraliseFormula, quoteCsvField } from './spreadsheet-formula';

// Editable fields first, under header names the CSV import maps back by itself; the read-only
// columns after them use names no import alias claims, so a re-import ignores them.
const CSV_COLUMNS: readonly (readonly [header: string, value: (asset: Asset) => string])[] = [
  ['Hostname', (asset) => asset.hostname],
  ['IP Addresses', (asset) => asset.addresses.join('; ')],
  ['MAC Address', (asset) => asset.mac],
  ['OS Family', (asset) => asset.osFamily],
  ['OS Name', (asset) => asset.osName],
  ['OS Version', (asset) => asset.osVersion],
  ['Device Type', (asset) => asset.deviceType],
  ['Role', (asset) => asset.role],
  ['Owner', (asset) => asset.owner],
  ['Department', (asset) => asset.department],
  ['Location', (asset) => asset.location],
  ['Tags', (asset) => asset.tags.join('; ')],
  ['Access Method', (asset) => formatAccessCell(asset.access)],
  ['Notes', (asset) => asset.notes],
  ['Status', (asset) => asset.status],
  ['Tier', (asset) => (asset.tier === null ? '' : String(asset.tier))],
  ['Source', (asset) => asset.source],
  ['First Seen', (asset) => asset.firstSeenAt ?? ''],
  ['Last Seen', (asset) => asset.lastSeenAt ?? ''],
  ['Open Ports', (asset) => asset.openPorts.map((port) => `${port.port}/${port.protocol}${port.service ? ` ${port.service}` : ''}`).join('; ')],
  ['ID', (asset) => String(asset.id)],
];

/**
 * Writes assets as RFC 4180 CSV with CRLF line ends and a header row. Cells a spreadsheet would
 * run as formulas get a leading `'`; the CSV import removes it again.
 */
export function assetsToCsv(assets: readonly Asset[]): string {
  const lines = [CSV_COLUMNS.map(([header]) => quoteCsvField(header)).join(',')];
  for (const asset of assets) lines.push(CSV_COLUMNS.map(([, value]) => quoteCsvField(neutraliseFormula(value(asset)))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * Writes assets as pretty-printed JSON with a fixed key order, so two exports of the same
 * inventory are byte-identical and diff cleanly.
 */
export function assetsToJson(assets: readonly Asset[], meta: { siteName: string; exportedAt: string }): string {
  const document = {
    format: 'patchdesk-assets',
    formatVersion: 1,
    siteName: meta.siteName,
    exportedAt: meta.exportedAt,
    assetCount: assets.length,
    assets: assets.map(orderedAsset),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

function orderedAsset(asset: Asset): Asset {
  return {
    id: asset.id,
    siteId: asset.siteId,
    hostname: asset.hostname,
    addresses: [...asset.addresses],
    mac: asset.mac,
    osFamily: asset.osFamily,
    osName: asset.osName,
    osVersion: asset.osVersion,
    deviceType: asset.deviceType,
    role: asset.role,
    owner: asset.owner,
    department: asset.department,
    location: asset.location,
    tags: [...asset.tags],
    access: { method: asset.access.method, port: asset.access.port, username: asset.access.username },
    notes: asset.notes,
    status: asset.status,
    source: asset.source,
    stale: asset.stale,
    missedScans: asset.missedScans,
    firstSeenAt: asset.firstSeenAt,
    lastSeenAt: asset.lastSeenAt,
    openPorts: asset.openPorts.map((port) => ({ port: port.port, protocol: port.protocol, service: port.service, banner: port.banner })),
    evidence: asset.evidence.map((item) => ({ source: item.source, detail: item.detail })),
    classification:
      asset.classification === null
        ? null
        : {
            impact: asset.classification.impact,
            internetFacing: asset.classification.internetFacing,
            privilegedData: asset.classification.privilegedData,
            untrustedReachable: asset.classification.untrustedReachable,
          },
    computedTier: asset.computedTier,
    tierOverride:
      asset.tierOverride === null
        ? null
        : { tier: asset.tierOverride.tier, reason: asset.tierOverride.reason, by: asset.tierOverride.by, at: asset.tierOverride.at },
    tier: asset.tier,
    createdAt: asset.createdAt,
    updatedAt: asset.updatedAt,
    version: asset.version,
  };
}
