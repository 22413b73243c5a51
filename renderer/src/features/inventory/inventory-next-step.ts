import type { Site } from '../../../../shared/contract';
import type { InventoryView } from '../shell/route';
import { plural } from '../../lib/format';

/** The one thing the admin should do next on the inventory step. */
export type InventoryNextStep =
  | { kind: 'scan'; text: string }
  | { kind: 'view'; view: InventoryView; text: string }
  | { kind: 'tiers'; text: string };

/** Picks the next step from the site and the list counts: scan, then review, then stale, then tiers. */
export function inventoryNextStep(site: Pick<Site, 'lastScanAt'>, counts: Record<InventoryView, number>, unclassified: number): InventoryNextStep {
  if (counts.active + counts.unreviewed === 0) {
    return { kind: 'scan', text: site.lastScanAt === null ? 'Run your first scan to find the hosts on this site' : 'No hosts yet: scan again, import a list or add hosts by hand' };
  }
  if (counts.unreviewed > 0) return { kind: 'view', view: 'unreviewed', text: `Review ${plural(counts.unreviewed, 'host')} found on the network` };
  if (counts.stale > 0) return { kind: 'view', view: 'stale', text: `Check ${plural(counts.stale, 'stale host')}: retire what is gone` };
  if (unclassified > 0) return { kind: 'tiers', text: `Inventory reviewed. Next: classify ${plural(unclassified, 'asset')}` };
  return { kind: 'tiers', text: 'Inventory reviewed and classified. Review risk tiers and the patch policy' };
}
