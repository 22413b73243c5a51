/** The inventory lists, by lifecycle. */
export const INVENTORY_VIEWS = ['active', 'unreviewed', 'stale', 'dismissed', 'retired'] as const;
export type InventoryView = (typeof INVENTORY_VIEWS)[number];

/** The sub-views of the patch-status step. */
export const STATUS_TABS = ['overview', 'runs', 'hostkeys'] as const;
export type StatusTab = (typeof STATUS_TABS)[number];

/** Where the user is in the product; kept in the URL hash so reload lands in the same place. */
export type Route =
  | { screen: 'inventory'; view: InventoryView }
  | { screen: 'scan' }
  | { screen: 'tiers'; tab: 'classify' | 'policy' }
  | { screen: 'status'; tab: StatusTab }
  | { screen: 'credentials' }
  | { screen: 'settings' };

/** Where the app opens when the hash names nothing known. */
export const DEFAULT_ROUTE: Route = { screen: 'inventory', view: 'active' };

/** Reads a route from a location hash such as `#/inventory/unreviewed`. */
export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  const [screen, sub] = parts;
  switch (screen) {
    case 'inventory':
      return { screen: 'inventory', view: INVENTORY_VIEWS.find((view) => view === sub) ?? 'active' };
    case 'scan':
      return { screen: 'scan' };
    case 'tiers':
      return { screen: 'tiers', tab: sub === 'policy' ? 'policy' : 'classify' };
    case 'status':
      return { screen: 'status', tab: STATUS_TABS.find((tab) => tab === sub) ?? 'overview' };
    case 'credentials':
      return { screen: 'credentials' };
    case 'settings':
      return { screen: 'settings' };
    default:
      return DEFAULT_ROUTE;
  }
}

/** Writes a route as a location hash. */
export function formatRoute(route: Route): string {
  switch (route.screen) {
    case 'inventory':
      return route.view === 'active' ? '#/inventory' : `#/inventory/${route.view}`;
    case 'scan':
      return '#/scan';
    case 'tiers':
      return route.tab === 'policy' ? '#/tiers/policy' : '#/tiers';
    case 'status':
      return route.tab === 'overview' ? '#/status' : `#/status/${route.tab}`;
    case 'credentials':
      return '#/credentials';
    case 'settings':
      return '#/settings';
  }
}
