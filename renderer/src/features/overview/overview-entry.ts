/**
 * How the overview is reached: it is where the app opens once a site has assets (an empty site
 * keeps the first-run path through the inventory), and its rail entry says in a few words how
 * the fleet stands against its SLAs.
 */
import type { Asset, FleetStatus } from '../../../../shared/contract';
import { plural } from '../../lib/format';

/** Where a bare URL lands: the overview once the site has an active asset, else the first-run path. */
export function landingScreen(assets: readonly Pick<Asset, 'status'>[]): 'overview' | 'first-run' {
  return assets.some((asset) => asset.status === 'active') ? 'overview' : 'first-run';
}

/** The overview's rail line, from the fleet status the rail already reads. */
export function overviewRailStatus(fleet: FleetStatus | undefined): string {
  if (!fleet) return '';
  if (fleet.assets.length === 0) return 'Needs an inventory';
  const collected = fleet.assets.filter((row) => row.state !== 'never_collected');
  if (collected.length === 0) return 'Not collected yet';
  const overdue = collected.reduce((sum, row) => sum + (row.overdue ?? 0), 0);
  // Unmeasured is not patched: "all within SLA" only when every host was measured.
  const unmeasured = fleet.assets.filter((row) => (row.notMeasured === undefined ? row.state === 'never_collected' : row.notMeasured !== null)).length;
  const gaps = unmeasured > 0 ? `, ${unmeasured} of ${fleet.assets.length} not measured` : '';
  if (overdue > 0) return `${plural(overdue, 'fix', 'fixes')} past SLA${gaps}`;
  if (unmeasured > 0) return `${unmeasured} of ${fleet.assets.length} not measured`;
  const excepted = collected.reduce((sum, row) => sum + (row.excepted ?? 0), 0);
  return excepted > 0 ? `Within SLA, ${plural(excepted, 'fix', 'fixes')} excepted` : 'All within SLA';
}
