import { describe, expect, it } from 'vitest';
import { DEFAULT_ROUTE, formatRoute, isLandingHash, parseRoute, type Route } from './route';

describe('routes', () => {
  it('round-trips every screen', () => {
    const routes: Route[] = [
      { screen: 'overview' },
      { screen: 'inventory', view: 'active' },
      { screen: 'inventory', view: 'unreviewed' },
      { screen: 'scan' },
      { screen: 'tiers', tab: 'classify' },
      { screen: 'tiers', tab: 'policy' },
      { screen: 'status', tab: 'overview' },
      { screen: 'status', tab: 'runs' },
      { screen: 'status', tab: 'hostkeys' },
      { screen: 'credentials' },
      { screen: 'checklist', view: 'cycles' },
      { screen: 'checklist', view: 'cycle', cycleId: 42 },
      { screen: 'checklist', view: 'settings', section: 'schedule' },
      { screen: 'checklist', view: 'settings', section: 'windows' },
      { screen: 'exceptions', tab: 'open' },
      { screen: 'exceptions', tab: 'history' },
      { screen: 'evidence', tab: 'build' },
      { screen: 'evidence', tab: 'packs' },
      { screen: 'evidence', tab: 'verify' },
      { screen: 'evidence', tab: 'settings' },
      { screen: 'settings' },
    ];
    for (const route of routes) expect(parseRoute(formatRoute(route))).toEqual(route);
  });

  it('falls back to the inventory for unknown or empty hashes', () => {
    expect(parseRoute('')).toEqual(DEFAULT_ROUTE);
    expect(parseRoute('#token=abc')).toEqual(DEFAULT_ROUTE);
    expect(parseRoute('#/inventory/nope')).toEqual({ screen: 'inventory', view: 'active' });
    expect(parseRoute('#/status/nope')).toEqual({ screen: 'status', tab: 'overview' });
    expect(parseRoute('#/checklist/nope')).toEqual({ screen: 'checklist', view: 'cycles' });
    expect(parseRoute('#/checklist/0')).toEqual({ screen: 'checklist', view: 'cycles' });
    expect(parseRoute('#/checklist/settings/nope')).toEqual({ screen: 'checklist', view: 'settings', section: 'schedule' });
    expect(parseRoute('#/exceptions/nope')).toEqual({ screen: 'exceptions', tab: 'open' });
    expect(parseRoute('#/evidence/nope')).toEqual({ screen: 'evidence', tab: 'build' });
    expect(formatRoute({ screen: 'evidence', tab: 'build' })).toBe('#/evidence');
    expect(formatRoute({ screen: 'evidence', tab: 'verify' })).toBe('#/evidence/verify');
  });

  it('tells a bare URL (the landing) from one that names a screen', () => {
    expect(formatRoute({ screen: 'overview' })).toBe('#/overview');
    expect(isLandingHash('')).toBe(true);
    expect(isLandingHash('#')).toBe(true);
    expect(isLandingHash('#/')).toBe(true);
    expect(isLandingHash('#/nowhere')).toBe(true);
    expect(isLandingHash('#/inventory')).toBe(false);
    expect(isLandingHash('#/overview')).toBe(false);
    expect(isLandingHash('#/status/runs')).toBe(false);
  });

  it('round-trips the deploy views: history, a rollout, and a new plan from a cycle or a selection', () => {
    const routes: Route[] = [
      { screen: 'checklist', view: 'deploy' },
      { screen: 'checklist', view: 'rollout', rolloutId: 12 },
      { screen: 'checklist', view: 'deploy-plan', cycleId: null, assetIds: [] },
      { screen: 'checklist', view: 'deploy-plan', cycleId: 4, assetIds: [] },
      { screen: 'checklist', view: 'deploy-plan', cycleId: null, assetIds: [3, 9] },
      { screen: 'checklist', view: 'deploy-plan', cycleId: null, assetIds: [3], fixes: 'RHSA-2024:8709' },
    ];
    for (const route of routes) expect(parseRoute(formatRoute(route))).toEqual(route);
    expect(formatRoute({ screen: 'checklist', view: 'deploy-plan', cycleId: 4, assetIds: [3] })).toBe('#/checklist/deploy/new/cycle-4/hosts-3');
    expect(parseRoute('#/checklist/deploy/new/hosts-3,x,0,5')).toEqual({ screen: 'checklist', view: 'deploy-plan', cycleId: null, assetIds: [3, 5] });
    expect(parseRoute('#/checklist/deploy/nope')).toEqual({ screen: 'checklist', view: 'deploy' });
  });
});
