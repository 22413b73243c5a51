/** The inventory lists, by lifecycle. */
export const INVENTORY_VIEWS = ['active', 'unreviewed', 'stale', 'dismissed', 'retired'] as const;
export type InventoryView = (typeof INVENTORY_VIEWS)[number];

/** The sub-views of the patch-status step. */
export const STATUS_TABS = ['overview', 'runs', 'hostkeys'] as const;
export type StatusTab = (typeof STATUS_TABS)[number];

/** The lists of the exception register: open entries, and closed or renewed ones (history). */
export const EXCEPTION_TABS = ['open', 'history'] as const;
export type ExceptionTab = (typeof EXCEPTION_TABS)[number];

/** The sections of the monthly checklist's settings. */
export const CHECKLIST_SETTINGS_SECTIONS = ['schedule', 'template', 'rings', 'windows'] as const;
export type ChecklistSettingsSection = (typeof CHECKLIST_SETTINGS_SECTIONS)[number];

/** The areas of the evidence step: build a pack, the packs already exported, verify one, branding and signing key. */
export const EVIDENCE_TABS = ['build', 'packs', 'verify', 'settings'] as const;
export type EvidenceTab = (typeof EVIDENCE_TABS)[number];

/** Where the user is in the product; kept in the URL hash so reload lands in the same place. */
export type Route =
  | { screen: 'overview' }
  | { screen: 'inventory'; view: InventoryView }
  | { screen: 'scan' }
  | { screen: 'tiers'; tab: 'classify' | 'policy' }
  | { screen: 'status'; tab: StatusTab }
  | { screen: 'credentials' }
  | { screen: 'checklist'; view: 'cycles' }
  | { screen: 'checklist'; view: 'cycle'; cycleId: number }
  | { screen: 'checklist'; view: 'settings'; section: ChecklistSettingsSection }
  | { screen: 'checklist'; view: 'deploy' }
  | { screen: 'checklist'; view: 'deploy-plan'; cycleId: number | null; assetIds: readonly number[]; fixes?: string }
  | { screen: 'checklist'; view: 'rollout'; rolloutId: number }
  | { screen: 'exceptions'; tab: ExceptionTab }
  | { screen: 'evidence'; tab: EvidenceTab }
  | { screen: 'triage'; id: string }
  | { screen: 'settings' };

/** Where the app opens when the hash names nothing known. */
export const DEFAULT_ROUTE: Route = { screen: 'inventory', view: 'active' };

/** Reads a route from a location hash such as `#/inventory/unreviewed`. */
export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  const [screen, sub, third] = parts;
  switch (screen) {
    case 'overview':
      return { screen: 'overview' };
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
    case 'checklist':
      if (sub === 'deploy') return parseDeployRoute(parts.slice(2));
      if (sub === 'settings') return { screen: 'checklist', view: 'settings', section: CHECKLIST_SETTINGS_SECTIONS.find((section) => section === third) ?? 'schedule' };
      return sub && /^[1-9]\d{0,15}$/.test(sub) ? { screen: 'checklist', view: 'cycle', cycleId: Number(sub) } : { screen: 'checklist', view: 'cycles' };
    case 'exceptions':
      return { screen: 'exceptions', tab: sub === 'history' ? 'history' : 'open' };
    case 'evidence':
      return { screen: 'evidence', tab: EVIDENCE_TABS.find((tab) => tab === sub) ?? 'build' };
    case 'settings':
      return { screen: 'settings' };
    case 'triage':
      return { screen: 'triage', id: safeDecode(sub ?? '') };
    default:
      return DEFAULT_ROUTE;
  }
}

const ID = /^[1-9]\d{0,15}$/;

/** `#/checklist/deploy[/ID | /new[/cycle-N][/hosts-1,2][/fixes-ID]]`: the rollout history, one rollout, or a new plan (`fixes`: only the updates that fix a CVE, KB or advisory). */
function parseDeployRoute(parts: readonly string[]): Route {
  const [first, ...rest] = parts;
  if (first !== undefined && ID.test(first)) return { screen: 'checklist', view: 'rollout', rolloutId: Number(first) };
  if (first !== 'new') return { screen: 'checklist', view: 'deploy' };
  let cycleId: number | null = null;
  let assetIds: number[] = [];
  let fixes: string | undefined;
  for (const part of rest) {
    if (part.startsWith('cycle-') && ID.test(part.slice(6))) cycleId = Number(part.slice(6));
    if (part.startsWith('hosts-')) assetIds = part.slice(6).split(',').filter((id) => ID.test(id)).map(Number);
    if (part.startsWith('fixes-') && part.length > 6) fixes = safeDecode(part.slice(6));
  }
  return { screen: 'checklist', view: 'deploy-plan', cycleId, assetIds, ...(fixes ? { fixes } : {}) };
}

/** Writes a route as a location hash. */
export function formatRoute(route: Route): string {
  switch (route.screen) {
    case 'overview':
      return '#/overview';
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
    case 'checklist':
      if (route.view === 'cycle') return `#/checklist/${route.cycleId}`;
      if (route.view === 'deploy') return '#/checklist/deploy';
      if (route.view === 'rollout') return `#/checklist/deploy/${route.rolloutId}`;
      if (route.view === 'deploy-plan') return `#/checklist/deploy/new${route.cycleId === null ? '' : `/cycle-${route.cycleId}`}${route.assetIds.length > 0 ? `/hosts-${route.assetIds.join(',')}` : ''}${route.fixes ? `/fixes-${encodeURIComponent(route.fixes)}` : ''}`;
      if (route.view === 'settings') return route.section === 'schedule' ? '#/checklist/settings' : `#/checklist/settings/${route.section}`;
      return '#/checklist';
    case 'exceptions':
      return route.tab === 'history' ? '#/exceptions/history' : '#/exceptions';
    case 'evidence':
      return route.tab === 'build' ? '#/evidence' : `#/evidence/${route.tab}`;
    case 'settings':
      return '#/settings';
    case 'triage':
      return `#/triage/${encodeURIComponent(route.id)}`;
  }
}

/**
 * True when a location hash names no screen (a bare URL, or what is left after the token
 * hand-off): the app then picks its landing screen instead of keeping `DEFAULT_ROUTE`.
 */
export function isLandingHash(hash: string): boolean {
  // parseRoute answers the DEFAULT_ROUTE object itself only when no case matched.
  return parseRoute(hash) === DEFAULT_ROUTE;
}

/** A path segment decoded, or as written when it is not valid percent-encoding (a hand-typed hash). */
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
