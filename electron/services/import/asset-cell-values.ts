/**
 * How one spreadsheet cell maps to one inventory value, and back. People type what their old
 * tool exported ("Windows Server 2019", "Laptop", "10.0.0.5; 10.0.0.6"), so reading is lenient
 * and writing is canonical.
 */
import { DeviceType, OsFamily, type AccessMethod, type AssetAccess } from '../../../shared/contract/assets';
import { isIpv4 } from '../../../shared/domain/network-targets';

const OS_FAMILIES: readonly OsFamily[] = OsFamily.options;

/** The accepted device types, for messages. */
export const DEVICE_TYPES: readonly DeviceType[] = DeviceType.options;

/** Splits a cell holding one or more addresses separated by `;`, `,`, `|` or blanks. */
export function splitAddressCell(text: string): string[] {
  return text.split(/[;,|\s]+/).filter((part) => part !== '');
}

/** True when the cell holds at least one address and nothing but IPv4 addresses. */
export function looksLikeIpv4Cell(text: string): boolean {
  const parts = splitAddressCell(text);
  return parts.length > 0 && parts.every(isIpv4);
}

/** Splits a cell of tags separated by `;` or `,`, trimmed, empty ones and repeats dropped. */
export function splitTagCell(text: string): string[] {
  const tags = text
    .split(/[;,]/)
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
  return [...new Set(tags)];
}

/**
 * Reads a MAC address written as `aa:bb:cc:dd:ee:ff`, `aa-bb-...`, Cisco's `aabb.ccdd.eeff` or
 * bare hex, and returns it lower-case with colons; null when it is none of these.
 */
export function normaliseMac(text: string): string | null {
  const value = text.trim();
  const hex = /^([0-9a-f]{2}[:-]){5}[0-9a-f]{2}$/i.test(value)
    ? value.replace(/[:-]/g, '')
    : /^[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}$/i.test(value)
      ? value.replace(/\./g, '')
      : /^[0-9a-f]{12}$/i.test(value)
        ? value
        : null;
  if (hex === null) return null;
  return hex.toLowerCase().match(/../g)!.join(':');
}

/** True when the cell is a MAC address written with separators; bare hex is too easily a serial number. */
export function looksLikeMacCell(text: string): boolean {
  return !/^[0-9a-f]{12}$/i.test(text.trim()) && normaliseMac(text) !== null;
}

// Checked in order: network OSes first because several run on a BSD or Linux kernel and say so.
const OS_PATTERNS: readonly [OsFamily, RegExp][] = [
  [
    'network-os',
    /cisco|\bIOS(?:[- ]?X[ER])?\b|nx-?os|routeros|mikrotik|forti ?os|fortigate|junos|juniper|pan-?os|palo ?alto|aruba ?os|procurve|edge ?os|vyos|comware|\basa\b|pfsense|opnsense|sonicos|extreme ?xos|meraki|unifi/,
  ],
  ['windows', /windows|\bwin ?(?:\d+|xp|nt|vista|2k\d*)\b|microsoft/],
  ['macos', /mac ?os|\bos ?x\b|darwin|\bmac\b|macbook|imac/],
  ['bsd', /bsd|dragonfly/],
  [
    'linux',
    /linux|ubuntu|debian|\brhel\b|red ?hat|centos|fedora|suse|\bsles\b|\balma|rocky|amazon ?linux|\barch\b|gentoo|alpine|\bmint\b|kali|raspbian|raspberry pi os|proxmox|oracle linux/,
  ],
  ['embedded', /embedded|firmware|vxworks|\bqnx\b|rtos|busybox/],
  ['other', /solaris|\baix\b|hp-?ux|unix|z\/os|esxi|vmware|\bios\b|ipados|android|chrome ?os/],
];

/**
 * Guesses the OS family from free text ("Windows Server 2019" → windows, "Cisco IOS" →
 * network-os). An exact family name maps to itself; anything unrecognised is `unknown`.
 */
export function osFamilyFromText(text: string): OsFamily {
  const value = text.trim();
  const lower = value.toLowerCase();
  if ((OS_FAMILIES as readonly string[]).includes(lower)) return lower as OsFamily;
  for (const [family, pattern] of OS_PATTERNS) {
    // Only Cisco's IOS is upper case; Apple's iOS must not become a network OS.
    const subject = family === 'network-os' ? value.replace(/[A-Za-z]+/g, (word) => (word === 'IOS' ? word : word.toLowerCase())) : lower;
    if (pattern.test(subject)) return family;
  }
  return 'unknown';
}

/** True when the text is literally one of the OS family names, and so says nothing more. */
export function isOsFamilyName(text: string): boolean {
  return (OS_FAMILIES as readonly string[]).includes(text.trim().toLowerCase());
}

const DEVICE_SYNONYMS: Readonly<Record<DeviceType, readonly string[]>> = {
  server: ['server', 'servers', 'srv', 'domain controller', 'file server', 'vm', 'virtual machine'],
  workstation: ['workstation', 'desktop', 'laptop', 'notebook', 'pc', 'client', 'thin client', 'computer'],
  'network-device': [
    'network device', 'network', 'switch', 'router', 'firewall', 'ap', 'access point', 'wap', 'wireless',
    'wifi', 'gateway', 'load balancer', 'modem',
  ],
  printer: ['printer', 'mfp', 'mfd', 'copier', 'multifunction printer', 'plotter'],
  appliance: [
    'appliance', 'nas', 'san', 'storage', 'ups', 'hypervisor', 'pdu', 'camera', 'ip camera', 'nvr',
    'ip phone', 'voip phone', 'iot',
  ],
  unknown: ['unknown', 'other', 'n a', 'na', '?'],
};

const DEVICE_BY_SYNONYM = new Map<string, DeviceType>(
  Object.entries(DEVICE_SYNONYMS).flatMap(([type, synonyms]) => synonyms.map((synonym) => [synonym, type as DeviceType] as const)),
);

/**
 * Reads a device type from its name or a common synonym ("Laptop" → workstation, "Firewall" →
 * network-device), also inside a longer text ("Dell server"). Empty is `unknown`; null when
 * nothing fits.
 */
export function deviceTypeFromText(text: string): DeviceType | null {
  const value = text.trim().toLowerCase().replace(/[-_/.]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (value === '') return 'unknown';
  const exact = DEVICE_BY_SYNONYM.get(value);
  if (exact) return exact;
  // From the end: the head noun comes last in English ("network printer", "Dell server").
  for (const word of value.split(' ').reverse()) {
    const found = DEVICE_BY_SYNONYM.get(word);
    if (found && found !== 'unknown') return found;
  }
  return null;
}

const ACCESS_SYNONYMS: Readonly<Record<string, AccessMethod>> = {
  ssh: 'ssh',
  openssh: 'ssh',
  winrm: 'winrm',
  'win rm': 'winrm',
  wsman: 'winrm',
  'ws man': 'winrm',
  'ps remoting': 'winrm',
  psremoting: 'winrm',
  'powershell remoting': 'winrm',
  'windows remote management': 'winrm',
  none: 'none',
  no: 'none',
  manual: 'none',
  'n a': 'none',
  na: 'none',
};

/**
 * Reads how Patchdesk will reach the host: `ssh`, `winrm` or `none` (or a synonym), optionally
 * with a user and port as `admin@ssh:2222`. Empty means none; null when it is none of these.
 */
export function accessFromText(text: string): AssetAccess | null {
  const value = text.trim();
  if (value === '' || value === '-') return { method: 'none', port: null, username: '' };
  // Greedy user part: Windows users are often written as UPNs (`admin@corp.local@winrm`).
  const match = /^(?:(.+)@)?([^:@]+?)(?::(\d{1,5}))?$/.exec(value);
  if (!match) return null;
  const method = ACCESS_SYNONYMS[match[2]!.toLowerCase().replace(/[-_/.]+/g, ' ').replace(/\s+/g, ' ')];
  if (!method) return null;
  const port = match[3] === undefined ? null : Number(match[3]);
  if (port !== null && (port < 1 || port > 65535)) return null;
  return { method, port, username: match[1] ?? '' };
}

/** Writes an access setting in the form {@link accessFromText} reads back. */
export function formatAccessCell(access: AssetAccess): string {
  const user = access.username === '' ? '' : `${access.username}@`;
  const port = access.port === null ? '' : `:${access.port}`;
  return `${user}${access.method}${port}`;
}
