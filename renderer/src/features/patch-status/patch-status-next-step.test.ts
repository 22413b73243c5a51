import { describe, expect, it } from 'vitest';
import { patchStatusNextStep, type PatchStatusFacts } from './patch-status-next-step';

const ready: PatchStatusFacts = { activeAssets: 10, credentials: 1, withoutAccess: 0, neverCollected: 0, changedHostKeys: 0, securityPending: 0 };

describe('patchStatusNextStep', () => {
  it('walks credential → access → collect → done', () => {
    expect(patchStatusNextStep({ ...ready, credentials: 0, withoutAccess: 3, neverCollected: 10 }).kind).toBe('credential');
    expect(patchStatusNextStep({ ...ready, withoutAccess: 3, neverCollected: 10 }).text).toBe('Set how to reach 3 assets (SSH or WinRM)');
    expect(patchStatusNextStep({ ...ready, neverCollected: 7 }).kind).toBe('collect');
    expect(patchStatusNextStep({ ...ready, securityPending: 2 }).kind).toBe('security');
    expect(patchStatusNextStep(ready).kind).toBe('done');
    expect(patchStatusNextStep({ ...ready, activeAssets: 0 }).kind).toBe('inventory');
  });

  it('puts a changed host key first, as a warning', () => {
    const next = patchStatusNextStep({ ...ready, credentials: 0, changedHostKeys: 1 });
    expect(next).toMatchObject({ kind: 'hostkeys', tone: 'warning' });
    expect(next.text).toMatch(/^Review 1 changed host key/);
  });
});
