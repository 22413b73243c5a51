import { describe, expect, it } from 'vitest';
import { inventoryNextStep } from './inventory-next-step';

const counts = { active: 0, unreviewed: 0, stale: 0, dismissed: 0, retired: 0 };

describe('inventoryNextStep', () => {
  it('starts with a scan', () => {
    expect(inventoryNextStep({ lastScanAt: null }, counts, 0).kind).toBe('scan');
  });

  it('then asks to review found hosts', () => {
    expect(inventoryNextStep({ lastScanAt: '2026-11-22T10:00:00.000Z' }, { ...counts, unreviewed: 12 }, 0)).toEqual({
      kind: 'view',
      view: 'unreviewed',
      text: 'Review 12 hosts found on the network',
    });
  });

  it('then stale hosts, then tiers', () => {
    const scanned = { lastScanAt: '2026-11-22T10:00:00.000Z' };
    expect(inventoryNextStep(scanned, { ...counts, active: 3, stale: 1 }, 3)).toMatchObject({ kind: 'view', view: 'stale' });
    expect(inventoryNextStep(scanned, { ...counts, active: 3 }, 30).text).toBe('Inventory reviewed. Next: classify 30 assets');
  });
});
