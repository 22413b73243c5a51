import type { AccessMethod, AssetSource, AssetStatus, DeviceType, OsFamily, ScanStatus } from '../../../shared/contract';
import { osLabel as sharedOsLabel } from '../../../shared/domain/os-label';

/** Human names of the contract's enums, in one place so every screen says the same thing. */
export const DEVICE_TYPE_LABELS: Record<DeviceType, string> = {
  server: 'Server',
  workstation: 'Workstation',
  'network-device': 'Network device',
  printer: 'Printer',
  appliance: 'Appliance',
  unknown: 'Unknown',
};

export const OS_FAMILY_LABELS: Record<OsFamily, string> = {
  linux: 'Linux',
  windows: 'Windows',
  macos: 'macOS',
  bsd: 'BSD',
  'network-os': 'Network OS',
  embedded: 'Embedded',
  other: 'Other',
  unknown: 'Unknown',
};

export const STATUS_LABELS: Record<AssetStatus, string> = {
  unreviewed: 'Unreviewed',
  active: 'Active',
  dismissed: 'Dismissed',
  retired: 'Retired',
};

export const ACCESS_LABELS: Record<AccessMethod, string> = {
  ssh: 'SSH',
  winrm: 'WinRM',
  none: 'None',
};

export const SOURCE_LABELS: Record<AssetSource, string> = {
  manual: 'Added by hand',
  scan: 'Network scan',
  csv: 'CSV import',
  nmap: 'nmap import',
};

export const SCAN_STATUS_LABELS: Record<ScanStatus, string> = {
  running: 'Running',
  completed: 'Completed',
  cancelled: 'Cancelled',
  failed: 'Failed',
  interrupted: 'Interrupted',
};

/** The OS as one line: the name when known, else the family. */
export function osLabel(osFamily: OsFamily, osName: string, osVersion = ''): string {
  if (osName) return sharedOsLabel(osName, osVersion);
  return osFamily === 'unknown' ? '' : OS_FAMILY_LABELS[osFamily];
}
