import { describe, expect, it } from 'vitest';
import { emptyEvidenceReport, sampleEvidenceReport } from '../../evidence-report.fixture';
import { contentText } from '../testing/content-text';
import { inventorySection } from './inventory';

describe('inventorySection', () => {
  it('lists every asset with its counts, never-collected and EOL flags', () => {
    const report = sampleEvidenceReport();
    const text = contentText(inventorySection(report));
    expect(text).toContain('40 assets in scope');
    for (const asset of report.assets) expect(text).toContain(asset.hostname);
    expect(text).toMatch(/portal01\.contoso-dental\.de\n10\.20\.10\.5\nUbuntu 22\.04\.5 LTS\nT1\npilot\n2026-10-30 22:15\n6\n3\n2\n–/);
    expect(text).toMatch(/LT-NEW-0415\n10\.20\.30\.19\nWindows 11 Pro 24H2\n–\n–\nNever/);
    expect(text).toMatch(/xray-acq01[\s\S]*?\nEOL/);
  });

  it('says so when the inventory is empty', () => {
    expect(contentText(inventorySection(emptyEvidenceReport()))).toContain('The inventory was empty for this period.');
  });

  it('prints the first 2,000 assets of a bigger site and says that data/assets.csv has them all', () => {
    const report = sampleEvidenceReport();
    const template = report.assets[0];
    if (!template) throw new Error('the sample report has no assets');
    const assets = Array.from({ length: 2_345 }, (_, index) => ({ ...template, hostname: `host-${String(index).padStart(5, '0')}` }));
    const text = contentText(inventorySection({ ...report, assets }));
    expect(text).toContain('2,345 assets in scope');
    expect(text).toContain('This table shows the first 2,000 of 2,345 rows. All 2,345 are in data/assets.csv in this pack');
    expect(text).toContain('host-01999');
    expect(text).not.toContain('host-02000');
  });
});
