import { describe, expect, it } from 'vitest';
import type { EvidencePreview } from '../../../../shared/contract/evidence';
import { groupPackFiles, headlineTiles, warningFix } from './preview-model';

const SUMMARY: EvidencePreview['summary'] = {
  assetsInScope: 1200,
  assetsMeasured: 1000,
  coverageShare: 1000 / 1200,
  fullyPatched: 740,
  fullyPatchedShare: 0.74,
  securityPatched: 1000,
  securityPatchedShare: 1,
  withinSlaShare: null,
  overdue: 3,
  exceptionsActive: 4,
  exceptionsExpired: 1,
  coverageGaps: 200,
  failedCollections: 2,
  unsupportedOs: 0,
};

describe('headline tiles', () => {
  it('states each number with a tone that matches what an auditor will think', () => {
    const tiles = Object.fromEntries(headlineTiles(SUMMARY).map((tile) => [tile.key, tile]));
    const n = (value: number) => new Intl.NumberFormat().format(value);
    expect(tiles['coverage']).toMatchObject({ value: '83.3%', hint: `${n(1000)} of ${n(1200)} assets measured`, tone: 'warning' });
    expect(tiles['fully-patched']).toMatchObject({ value: '74.0%', hint: '740 of 1000 measured (1200 in scope)', tone: 'warning' });
    expect(tiles['security-patched']).toMatchObject({ value: '100.0%', tone: 'success' });
    expect(tiles['within-sla']).toMatchObject({ value: '—', tone: 'neutral' });
    expect(tiles['overdue']).toMatchObject({ value: '3', tone: 'danger' });
    expect(tiles['exceptions']).toMatchObject({ value: '4', hint: '1 expired exception too', tone: 'warning' });
    expect(tiles['gaps']).toMatchObject({ value: '200 · 0', hint: 'not measured · past end of support', tone: 'warning' });
  });

  it('is calm for a clean period', () => {
    const tiles = headlineTiles({ ...SUMMARY, assetsMeasured: 1200, coverageShare: 1, overdue: 0, exceptionsExpired: 0, failedCollections: 0, coverageGaps: 0 });
    expect(tiles.find((tile) => tile.key === 'overdue')?.tone).toBe('success');
    expect(tiles.find((tile) => tile.key === 'coverage')).toMatchObject({ value: '100.0%', tone: 'success' });
    expect(tiles.find((tile) => tile.key === 'gaps')).toMatchObject({ value: '0 · 0', tone: 'success' });
  });

  it('says not measured when no asset was measured', () => {
    const tiles = headlineTiles({ ...SUMMARY, assetsMeasured: 0, coverageShare: 0, fullyPatched: 0, fullyPatchedShare: null, securityPatched: 0, securityPatchedShare: null });
    expect(tiles.find((tile) => tile.key === 'fully-patched')).toMatchObject({ value: 'not measured', hint: '0 of 0 measured (1200 in scope)' });
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
