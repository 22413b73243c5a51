/**
 * Cadence rules per asset class: operating systems and applications are patched every month,
 * appliances and hypervisors every quarter, device firmware twice a year. An asset's class is
 * derived from its inventory fields, so the rules apply without extra data entry; a tag
 * (`hypervisor`, `appliance`, `firmware`, `os-and-apps`) overrides the guess.
 */
import type { YearMonth } from './year-month';

/** What kind of patching an asset needs. */
export const ASSET_CLASSES = ['os-and-apps', 'appliance', 'hypervisor', 'firmware'] as const;
/** One of `ASSET_CLASSES`. */
export type AssetClass = (typeof ASSET_CLASSES)[number];

/** How often an asset class is patched in the baseline. */
export const CADENCES = ['monthly', 'quarterly', 'semiannual'] as const;
/** One of `CADENCES`. */
export type Cadence = (typeof CADENCES)[number];

/** A cadence per asset class. */
export type CadenceRules = Record<AssetClass, Cadence>;

/** Monthly for OS and apps, quarterly for appliances and hypervisors, twice a year for firmware. */
export const DEFAULT_CADENCES: CadenceRules = { 'os-and-apps': 'monthly', appliance: 'quarterly', hypervisor: 'quarterly', firmware: 'semiannual' };

/** Months between two baseline patchings under a cadence. */
export const CADENCE_MONTHS: Record<Cadence, number> = { monthly: 1, quarterly: 3, semiannual: 6 };

/** The inventory fields the class is derived from (structural, so any asset record fits). */
export interface ClassifiableAsset {
  deviceType: string;
  osFamily: string;
  osName: string;
  role: string;
  tags: readonly string[];
}

const HYPERVISOR = /\b(esxi|vsphere|vmware|hyper-v|proxmox|xenserver|xcp-ng|nutanix|hypervisor)\b/i;
const STORAGE = /\b(nas|san|storage|synology|qnap|truenas|netapp)\b/i;

/**
 * The class of an asset. In order: an explicit tag; a hypervisor named in the role or OS name;
 * network devices, printers and embedded systems (firmware); appliances and storage (appliance);
 * everything else (servers, workstations, unknown) is OS and apps, so nothing falls off the
 * monthly cycle by accident.
 */
export function assetClassOf(asset: ClassifiableAsset): AssetClass {
  const tagged = asset.tags.map((tag) => tag.trim().toLowerCase()).find((tag): tag is AssetClass => (ASSET_CLASSES as readonly string[]).includes(tag));
  if (tagged) return tagged;
  if (HYPERVISOR.test(asset.role) || HYPERVISOR.test(asset.osName)) return 'hypervisor';
  if (asset.deviceType === 'network-device' || asset.deviceType === 'printer' || asset.osFamily === 'network-os' || asset.osFamily === 'embedded') return 'firmware';
  if (asset.deviceType === 'appliance' || STORAGE.test(asset.role) || STORAGE.test(asset.osName)) return 'appliance';
  return 'os-and-apps';
}

/**
 * Whether a cadence's baseline falls in a month. Quarterly and half-yearly cadences count from
 * `startMonth` (1-12): with the default 1, quarterly means January, April, July and October, and
 * half-yearly January and July.
 */
export function isDueInMonth(cadence: Cadence, month: YearMonth, startMonth = 1): boolean {
  const step = CADENCE_MONTHS[cadence];
  return (((month.month - startMonth) % step) + step) % step === 0;
}

/** The months (1-12) of the year a cadence is due in, from `startMonth`. */
export function cadenceMonths(cadence: Cadence, startMonth = 1): number[] {
  const out: number[] = [];
  for (let month = 1; month <= 12; month++) if (isDueInMonth(cadence, { year: 2000, month }, startMonth)) out.push(month);
  return out;
}
