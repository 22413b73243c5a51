import type { IconName } from '../../components/icon';

/** One step of the product's path, in order. */
export interface WizardStep {
  id: 'inventory' | 'tiers' | 'patch-status' | 'checklist' | 'exceptions' | 'evidence';
  title: string;
  description: string;
  icon: IconName;
  available: boolean;
}

/** The whole path; steps not built yet are marked unavailable. */
export const WIZARD_STEPS: readonly WizardStep[] = [
  { id: 'inventory', title: 'Inventory', description: 'Know every host on the network.', icon: 'inventory', available: true },
  { id: 'tiers', title: 'Risk tiers', description: 'Decide what is patched first, and how fast.', icon: 'tiers', available: true },
  { id: 'patch-status', title: 'Patch status', description: 'Missing updates per host over SSH and WinRM, no agents.', icon: 'patch', available: true },
  { id: 'checklist', title: 'Monthly checklist', description: 'Run the monthly cycle: pilot, rollout, reboots, sign-off.', icon: 'checklist', available: true },
  { id: 'exceptions', title: 'Exceptions', description: 'Accepted risks with an owner, a reason and an expiry.', icon: 'exception', available: true },
  { id: 'evidence', title: 'Evidence', description: 'A signed evidence pack for the insurer or auditor.', icon: 'evidence', available: true },
];

/** The dashboard above the steps: not a step of the path, the place to come back to once it is walked. */
export const OVERVIEW_ENTRY = { title: 'Overview', description: 'Compliance at a glance: SLAs, overdue fixes, trend.', icon: 'dashboard' } as const satisfies { title: string; description: string; icon: IconName };
