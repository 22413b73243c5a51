import { describe, expect, it } from 'vitest';
import { auditSentence } from './audit-sentence';
import { fileNameOnly } from './file-name';

const names = new Map([
  [3, 'db-01'],
  [7, 'web-01'],
]);
const context = { timeZone: 'Europe/Berlin', assetName: (id: number) => names.get(id) ?? null };
const say = (action: string, details: Record<string, unknown>, entityType = 'asset', entityId: number | null = 3, actor = 'Dana Ortiz'): string =>
  auditSentence({ actor, entityType, entityId, action, details }, context);

// Every action the services append (grep `audit.append(` / `this.audit(` / `this.record(` in electron/services).
const EVERY_ACTION: [string, string, Record<string, unknown>][] = [
  ['exception-created', 'exception', { scope: { kind: 'asset', assetId: 3, value: '' }, owner: 'Dana Ortiz', expiresAt: '2027-01-05T23:00:00.000Z', startsAt: '2026-12-01T23:00:00.000Z', reason: 'vendor', renews: null }],
  ['exception-renewed', 'exception', { scope: { kind: 'package', assetId: 3, value: 'php8.1-fpm' }, owner: 'Dana', expiresAt: '2027-02-01T23:00:00.000Z', renews: 2 }],
  ['exception-closed', 'exception', { reason: 'fixed' }],
  ['created', 'asset', { changes: { hostname: ['', 'db-01'] } }],
  ['created', 'site', { site: { name: 'Acme' } }],
  ['edited', 'asset', { changes: { owner: ['a', 'b'], location: ['x', 'y'] } }],
  ['edited', 'site', { before: { name: 'A', timezone: 'UTC' }, after: { name: 'B', timezone: 'UTC' } }],
  ['discovered', 'asset', { changes: {}, note: 'scan 4' }],
  ['refreshed', 'asset', { changes: { addresses: [[], ['10.0.0.1']] } }],
  ['imported', 'asset', { changes: { osName: ['', 'Debian'] } }],
  ['accepted', 'asset', {}],
  ['dismissed', 'asset', {}],
  ['retired', 'asset', { note: 'decommissioned' }],
  ['marked-stale', 'asset', { changes: { stale: [false, true] } }],
  ['classified', 'asset', { changes: { computedTier: [3, 1] } }],
  ['tier-overridden', 'asset', { changes: { tierOverride: [null, { tier: 1 }] }, note: 'internet-facing' }],
  ['tier-override-cleared', 'asset', { changes: { tierOverride: [{ tier: 1 }, null] }, note: '' }],
  ['csv-imported', 'import', { fileName: '/home/dana/exports/assets.csv', created: 1, updated: 2, unchanged: 0, badRows: 1 }],
  ['nmap-imported', 'import', { fileName: 'C:\\Users\\dana\\scan.xml', created: 2, updated: 0, unchanged: 0, badRows: 0 }],
  ['assets-exported', 'export', { format: 'csv', count: 12 }],
  ['scan-started', 'scan', { targets: ['10.0.0.0/24'], ports: [22], addresses: 256 }],
  ['scan-completed', 'scan', { probedAddresses: 256, liveHosts: 1, newHosts: 1, staleMarked: 0, error: '' }],
  ['scan-cancelled', 'scan', { probedAddresses: 10, liveHosts: 0, newHosts: 0, staleMarked: 0, error: '' }],
  ['scan-failed', 'scan', { liveHosts: 0, newHosts: 0, error: 'permission denied' }],
  ['collection-started', 'collection', { hosts: 1 }],
  ['collection-completed', 'collection', { ok: 1, failed: 0 }],
  ['collection-cancelled', 'collection', { ok: 0, failed: 1 }],
  ['patch-status-collected', 'asset', { method: 'offline-file', pending: 1, security: 1, newlyMissing: 1, resolved: 0, runId: null }],
  ['host-key-approved', 'asset', { endpoint: '10.0.0.1:22', fingerprint: 'SHA256:abc' }],
  ['vault-created', 'credential', { protection: 'passphrase' }],
  ['credential-created', 'credential', { credentialId: 4, name: 'Linux admin', kind: 'ssh', authMethod: 'key', username: 'ops' }],
  ['credential-retired', 'credential', { credentialId: 4, name: 'Linux admin' }],
  ['credential-bound', 'credential', { credentialId: 4, assetIds: [3], tags: ['linux'] }],
  ['credential-unbound', 'credential', { credentialId: 4, assetIds: [], tags: ['linux'] }],
  ['credential-used', 'credential', { credentialId: 4, assetId: 3, purpose: 'collect' }],
  ['policy-changed', 'policy', { before: { slaDays: { critical: 14 } }, after: { slaDays: { critical: 7 } } }],
  ['cycle-settings-changed', 'cycle', { before: { anchor: 'a' }, after: { anchor: 'b' } }],
  ['cycle-template-changed', 'cycle', { kind: 'baseline', before: 'default', after: [] }],
  ['cycle-opened', 'cycle', { kind: 'baseline', month: 'December 2026' }],
  ['cycle-opened', 'cycle', { kind: 'emergency', trigger: 'CVE-2026-1234', reason: 'KEV', deadline: '2026-12-09T17:00:00.000Z' }],
  ['cycle-item-done', 'cycle', { key: 'backup', title: 'Backups confirmed', doneBy: 'Lena', note: 'ok', evidence: [{ kind: 'file', name: '/var/tmp/backup-report.pdf', sha256: 'x', size: 1 }, { kind: 'link', url: 'https://example.org/t/1' }] }],
  ['cycle-item-not-applicable', 'cycle', { key: 'firmware', title: 'Firmware', note: 'none released' }],
  ['cycle-item-reopened', 'cycle', { key: 'backup', title: 'Backups confirmed', was: 'done', reason: 'wrong file' }],
  ['cycle-closed', 'cycle', { note: 'done', forced: true, pending: ['a', 'b'] }],
  ['cycle-rings-set', 'cycle', { ring: 'pilot', assets: [{ assetId: 3, before: null }] }],
  ['cycle-windows-set', 'cycle', { timezone: 'Europe/Berlin', before: [], after: [] }],
  ['branding-updated', 'evidence', { mspName: 'Northwind', contactLine: '', logo: null }],
  ['signing-key-created', 'evidence', { fingerprint: 'SHA256:xyz', publicKey: 'AAAA', file: '/root/.config/patchdesk/evidence-signing-key.pem' }],
  ['evidence-pack-exported', 'evidence', { period: { from: '2026-11-01', to: '2026-11-30' }, file: '/home/dana/packs/acme-2026-11.zip', sizeBytes: 1, files: ['report.pdf'] }],
];

describe('auditSentence', () => {
  it('says who added which exception for which asset, until its last covered day', () => {
    // "until 2027-01-05" in Berlin is stored as the first instant of 6 January there.
    const text = say('exception-created', { scope: { kind: 'asset', assetId: 3, value: '' }, owner: 'Dana Ortiz', expiresAt: '2027-01-05T23:00:00.000Z' }, 'exception', 3);
    expect(text).toMatch(/^Dana Ortiz added exception 3 for db-01, until 5 January 2027/);
  });

  it.each(EVERY_ACTION)('writes %s (%s) as a plain sentence', (action, entityType, details) => {
    const text = say(action, details, entityType, entityType === 'asset' ? 3 : 9);
    expect(text).not.toContain('recorded “');
    expect(text).not.toMatch(/[{}[\]]|=|undefined|null|NaN|\/home|\/var|\/root|Users\\/);
    expect(text).toMatch(/^[A-Z0-9“].*\.$/);
  });

  it('names files by their file name only', () => {
    expect(say('csv-imported', { fileName: '/home/dana/exports/assets.csv', created: 1, updated: 0, unchanged: 0, badRows: 0 }, 'import', null)).toBe('Dana Ortiz imported the CSV file assets.csv: 1 asset added, 0 updated and 0 unchanged.');
    expect(say('evidence-pack-exported', { period: { from: '2026-11-01', to: '2026-11-30' }, file: '/home/dana/packs/acme.zip' }, 'evidence', 5)).toBe('Dana Ortiz exported evidence pack 5 for 1 November 2026 to 30 November 2026 as acme.zip.');
    expect(fileNameOnly('C:\\packs\\a.zip')).toBe('a.zip');
    expect(fileNameOnly('plain.txt')).toBe('plain.txt');
  });

  it('counts with correct plurals and shows instants in the site zone', () => {
    expect(say('collection-started', { hosts: 1 }, 'collection', 8)).toBe('Dana Ortiz started collection 8 for 1 host.');
    expect(say('collection-started', { hosts: 2 }, 'collection', 8)).toBe('Dana Ortiz started collection 8 for 2 hosts.');
    expect(say('cycle-opened', { kind: 'emergency', trigger: 'CVE-2026-1', reason: 'KEV', deadline: '2026-12-09T17:00:00.000Z' }, 'cycle', 15)).toBe('Dana Ortiz opened emergency cycle 15 for CVE-2026-1, deadline 2026-12-09 18:00: “KEV”.');
  });

  it('reads an unknown action as a sentence without its details', () => {
    const text = say('widget-frobbed', { password: 'hunter2', nested: { a: 1 } }, 'widget', 2);
    expect(text).toBe('Dana Ortiz recorded “widget frobbed” on widget 2.');
  });

  it('names an asset by id when its name is not known', () => {
    expect(say('accepted', {}, 'asset', 42)).toBe('Dana Ortiz accepted asset 42 into the inventory.');
  });
});
