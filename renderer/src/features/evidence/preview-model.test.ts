import { describe, expect, it } from 'vitest';
import type { EvidencePreview } from '../../../../shared/contract/evidence';
import { groupPackFiles, headlineTiles, warningFix } from './preview-model';

const SUMMARY: EvidencePreview['summary'] = {
  assetsTotal: 1200,
  fullyPatchedShare: 0.74,
  securityPatchedShare: 1,
  withinSlaShare: null,
  overdue: 3,
  exceptionsActive: 4,
  exceptionsExpired: 1,
  failedCollections: 2,
  unsupportedOs: 0,
};

describe('headline tiles', () => {
  it('states each number with a tone that matches what an auditor will think', () => {
    const tiles = Object.fromEntries(headlineTiles(SUMMARY).map((tile) => [tile.key, tile]));
    expect(tiles['assets']?.value).toBe(new Intl.NumberFormat().format(1200));
    expect(tiles['fully-patched']).toMatchObject({ value: '74%', tone: 'warning' });
    expect(tiles['security-patched']).toMatchObject({ value: '100%', tone: 'success' });
    expect(tiles['within-sla']).toMatchObject({ value: '—', tone: 'neutral' });
    expect(tiles['overdue']).toMatchObject({ value: '3', tone: 'danger' });
    expect(tiles['exceptions']).toMatchObject({ value: '4', hint: '1 expired exception too', tone: 'warning' });
    expect(tiles['gaps']).toMatchObject({ value: '2', hint: '2 failed', tone: 'warning' });
  });

  it('is calm for a clean period', () => {
    const tiles = headlineTiles({ ...SUMMARY, overdue: 0, exceptionsExpired: 0, failedCollections: 0 });
    expect(tiles.find((tile) => tile.key === 'overdue')?.tone).toBe('success');
    expect(tiles.find((tile) => tile.key === 'gaps')).toMatchObject({ hint: 'every asset reported', tone: 'success' });
  });
});

describe('warning fixes', () => {
  it('links each host warning to the screen that fixes it', () => {
    expect(warningFix('No MSP branding is set: the cover shows Patchdesk only.')?.route).toEqual({ screen: 'evidence', tab: 'settings' });
    expect(warningFix('2 exceptions have expired: renew or close them, or the fixes count as overdue.')?.route).toEqual({ screen: 'exceptions', tab: 'open' });
    expect(warningFix('No asset has been collected yet: the pack cannot show patch status. Collect patch status first.')?.route).toEqual({ screen: 'status', tab: 'overview' });
    expect(warningFix('3 assets failed their latest collection: their figures may be out of date.')?.route).toEqual({ screen: 'status', tab: 'overview' });
    expect(warningFix('No patch cycle was open in this period: the checklist log will be empty.')?.route).toEqual({ screen: 'checklist', view: 'cycles' });
    expect(warningFix('The site has no assets in the inventory: the pack will say so on every page.')?.route).toEqual({ screen: 'inventory', view: 'active' });
    expect(warningFix('Something new')).toBeNull();
  });
});

describe('pack files', () => {
  it('groups the files as the admin thinks of them', () => {
    const groups = groupPackFiles(['report.pdf', 'data/assets.csv', 'data/report.json', 'checklist-evidence/ab12-change.png', 'VERIFY.txt', 'manifest.json', 'manifest.sig']);
    expect(groups).toEqual([
      { title: 'Report', files: ['report.pdf'] },
      { title: 'Checklist attachments', files: ['checklist-evidence/ab12-change.png'] },
      { title: 'Data (CSV and JSON)', files: ['data/assets.csv', 'data/report.json'] },
      { title: 'Signature and instructions', files: ['VERIFY.txt', 'manifest.json', 'manifest.sig'] },
    ]);
  });
});
