import { describe, expect, it } from 'vitest';
import { DEFAULT_ROUTE, formatRoute, parseRoute, type Route } from './route';

describe('routes', () => {
  it('round-trips every screen', () => {
    const routes: Route[] = [
      { screen: 'inventory', view: 'active' },
      { screen: 'inventory', view: 'unreviewed' },
      { screen: 'scan' },
      { screen: 'tiers', tab: 'classify' },
      { screen: 'tiers', tab: 'policy' },
      { screen: 'status', tab: 'overview' },
      { screen: 'status', tab: 'runs' },
      { screen: 'status', tab: 'hostkeys' },
      { screen: 'credentials' },
      { screen: 'settings' },
    ];
    for (const route of routes) expect(parseRoute(formatRoute(route))).toEqual(route);
  });

  it('falls back to the inventory for unknown or empty hashes', () => {
    expect(parseRoute('')).toEqual(DEFAULT_ROUTE);
    expect(parseRoute('#token=abc')).toEqual(DEFAULT_ROUTE);
    expect(parseRoute('#/inventory/nope')).toEqual({ screen: 'inventory', view: 'active' });
    expect(parseRoute('#/status/nope')).toEqual({ screen: 'status', tab: 'overview' });
  });
});
