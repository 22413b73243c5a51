/**
 * Which column headers mean which inventory field. Kept as a readable table so adding the header
 * of yet another RMM tool's export is a one-word change.
 */
import type { CsvField } from '../../../shared/contract/import-export';

/** Header names people use for each field, written as people write them. */
export const COLUMN_ALIASES: Readonly<Record<CsvField, readonly string[]>> = {
  hostname: [
    'host', 'hostname', 'name', 'computer', 'computer name', 'device', 'device name', 'fqdn', 'dns name',
    'asset', 'asset name', 'machine name', 'system name',
  ],
  addresses: ['ip', 'ips', 'ip address', 'ip addresses', 'ipv4', 'ipv4 address', 'address', 'addresses'],
  mac: ['mac', 'mac address', 'physical address', 'hardware address'],
  osFamily: ['os', 'operating system', 'os family', 'platform'],
  osName: ['os name', 'operating system name'],
  osVersion: ['os version', 'operating system version', 'version'],
  deviceType: ['type', 'device type', 'category', 'asset type'],
  role: ['role', 'function', 'purpose'],
  owner: ['owner', 'contact', 'responsible', 'assigned to'],
  department: ['department', 'dept', 'business unit', 'team'],
  location: ['location', 'site', 'room', 'building'],
  tags: ['tags', 'tag', 'labels', 'label'],
  accessMethod: ['access', 'access method', 'management', 'protocol'],
  notes: ['notes', 'note', 'comments', 'comment', 'description', 'remarks'],
};

/** Reduces a header to lower-case letters and digits, so `IP-Address`, `ip_address` and `IP Address` agree. */
export function normaliseHeader(header: string): string {
  return header.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

const FIELD_BY_ALIAS = new Map<string, CsvField>(
  (Object.entries(COLUMN_ALIASES) as [CsvField, readonly string[]][]).flatMap(([field, aliases]) =>
    aliases.map((alias) => [normaliseHeader(alias), field] as const),
  ),
);

/** The field a column header stands for, or undefined when the header is not a known alias. */
export function fieldForHeader(header: string): CsvField | undefined {
  return FIELD_BY_ALIAS.get(normaliseHeader(header));
}
