import { describe, expect, it } from 'vitest';
import { Asset, AssetFields } from '../../../shared/contract/assets';
import { assetsToCsv, assetsToJson } from './asset-export';
import { csvToAssetRows, previewCsv } from './csv-import';
import { parseCsv } from './csv-parser';
import { restoreFormula } from './spreadsheet-formula';

const makeAsset = (overrides: Partial<Asset> = {}): Asset => ({
  id: 1,
  siteId: 1,
  hostname: 'web01.corp.example',
  addresses: ['10.0.0.10', '10.0.1.10'],
  mac: '00:1b:21:aa:bb:01',
  osFamily: 'linux',
  osName: 'Ubuntu 22.04.4 LTS',
  osVersion: '22.04',
  deviceType: 'server',
  role: 'web, front end',
  owner: 'Ops "A" team',
  department: 'IT',
  location: 'HQ; rack 2',
  tags: ['prod', 'web server'],
  access: { method: 'ssh', port: 2222, username: 'patchdesk' },
  notes: 'Line one\nline two, with "quotes"',
  status: 'active',
  source: 'csv',
  stale: false,
  missedScans: 0,
  firstSeenAt: '2026-11-01T09:00:00.000Z',
  lastSeenAt: '2026-11-20T09:00:00.000Z',
  openPorts: [{ port: 22, protocol: 'tcp', service: 'ssh', banner: 'OpenSSH 9.2p1' }],
  evidence: [{ source: 'nmap', detail: 'OS match "Linux 5.X"' }],
  classification: { impact: 'high', internetFacing: true, privilegedData: false, untrustedReachable: true },
  computedTier: 1,
  tierOverride: null,
  tier: 1,
  createdAt: '2026-11-01T09:00:00.000Z',
  updatedAt: '2026-11-20T09:00:00.000Z',
  version: 3,
  ...overrides,
});

const editableFields = (asset: Asset): AssetFields =>
  AssetFields.parse({
    hostname: asset.hostname,
    addresses: asset.addresses,
    mac: asset.mac,
    osFamily: asset.osFamily,
    osName: asset.osName,
    osVersion: asset.osVersion,
    deviceType: asset.deviceType,
    role: asset.role,
    owner: asset.owner,
    department: asset.department,
    location: asset.location,
    tags: asset.tags,
    access: asset.access,
    notes: asset.notes,
  });

describe('assetsToCsv', () => {
  it('writes a header and CRLF-terminated rows with RFC 4180 quoting', () => {
    const csv = assetsToCsv([makeAsset()]);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(
      'Hostname,IP Addresses,MAC Address,OS Family,OS Name,OS Version,Device Type,Role,Owner,Department,Location,Tags,Access Method,Notes,Status,Tier,Source,First Seen,Last Seen,Open Ports,ID',
    );
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv).toContain('"Ops ""A"" team"');
    expect(csv).toContain('"Line one\nline two, with ""quotes"""');
    expect(csv).toContain('patchdesk@ssh:2222');
    expect(parseCsv(csv).rows[1]?.cells).toHaveLength(21);
  });

  it('writes only the header for no assets', () => {
    expect(parseCsv(assetsToCsv([])).rows).toHaveLength(1);
  });

  it('neutralises cells a spreadsheet would run as formulas', () => {
    const hostile = makeAsset({
      hostname: '=HYPERLINK("http://evil.example","x")',
      role: '+1+1',
      owner: '-2',
      department: '@SUM(A1)',
      location: '\tindent',
      notes: '\rcr',
    });
    const cells = parseCsv(assetsToCsv([hostile])).rows[1]?.cells ?? [];
    expect(cells[0]).toBe(`'=HYPERLINK("http://evil.example","x")`);
    expect(cells.slice(7, 11)).toEqual(["'+1+1", "'-2", "'@SUM(A1)", "'\tindent"]);
    expect(cells[13]).toBe("'\rcr");
  });

  it('neutralises the full-width formula characters too, and reads them back unchanged', () => {
    const hostile = makeAsset({ hostname: '\uFF1DHYPERLINK("http://evil.example")', role: '\uFF0B1', owner: '\uFF0D2', department: '\uFF20SUM(A1)' });
    const cells = parseCsv(assetsToCsv([hostile])).rows[1]?.cells ?? [];
    expect(cells[0]).toBe(`'\uFF1DHYPERLINK("http://evil.example")`);
    expect(cells.slice(7, 10)).toEqual(["'\uFF0B1", "'\uFF0D2", "'\uFF20SUM(A1)"]);
    expect(cells.map(restoreFormula).slice(7, 10)).toEqual(['\uFF0B1', '\uFF0D2', '\uFF20SUM(A1)']);
  });

  it('reads back through preview and import to the same fields', () => {
    const assets = [
      makeAsset(),
      makeAsset({
        id: 2,
        hostname: '',
        addresses: ['192.168.1.20'],
        mac: '',
        osFamily: 'network-os',
        osName: 'Cisco IOS 15.2',
        osVersion: '',
        deviceType: 'network-device',
        role: '',
        owner: '',
        department: '',
        location: '',
        tags: [],
        access: { method: 'none', port: null, username: '' },
        notes: '',
      }),
      makeAsset({ id: 3, hostname: 'ws-anna', addresses: [], osFamily: 'windows', osName: 'Windows 11 Pro', deviceType: 'workstation', access: { method: 'winrm', port: null, username: 'CORP\\anna' } }),
      makeAsset({ id: 4, hostname: 'nas', osFamily: 'embedded', osName: '', deviceType: 'appliance', notes: '-- keep off during backups' }),
      makeAsset({ id: 5, hostname: 'odd', osFamily: 'other', osName: 'Plan 9', deviceType: 'unknown', role: '=1+1' }),
    ];
    const csv = assetsToCsv(assets);
    const preview = previewCsv(csv);
    expect(preview.delimiter).toBe(',');
    expect(preview.hasHeader).toBe(true);
    const imported = csvToAssetRows(csv, { delimiter: preview.delimiter, hasHeader: preview.hasHeader, mapping: preview.suggestedMapping });
    expect(imported.errors).toEqual([]);
    expect(imported.rows.map((row) => row.fields)).toEqual(assets.map(editableFields));
  });
});

describe('assetsToJson', () => {
  const meta = { siteName: 'HQ', exportedAt: '2026-11-22T10:00:00.000Z' };

  it('writes a pretty document with the site and count', () => {
    const json = assetsToJson([makeAsset()], meta);
    expect(json.endsWith('}\n')).toBe(true);
    expect(json).toContain('\n  "assets": [\n');
    const parsed = JSON.parse(json) as { format: string; siteName: string; exportedAt: string; assetCount: number; assets: unknown[] };
    expect(parsed).toMatchObject({ format: 'patchdesk-assets', siteName: 'HQ', exportedAt: meta.exportedAt, assetCount: 1 });
    expect(Asset.parse(parsed.assets[0])).toEqual(makeAsset());
  });

  it('keeps every asset field in the schema order, whatever order the object was built in', () => {
    const asset = makeAsset();
    const shuffled = Object.fromEntries(Object.entries(asset).reverse()) as Asset;
    const fromShuffled = assetsToJson([shuffled], meta);
    expect(fromShuffled).toBe(assetsToJson([asset], meta));
    const keys = Object.keys((JSON.parse(fromShuffled) as { assets: Record<string, unknown>[] }).assets[0] ?? {});
    expect(keys).toEqual(Object.keys(Asset.shape));
  });
});
