import type { DeviceType, OsFamily } from '../../../shared/contract/assets';
import { debianRelease, iisRelease, ubuntuRelease, windowsRelease } from './os-names';

/** Confidence of a rule naming the thing outright (an SNMP description, a distribution's SSH banner). */
export const STRONG = 3;
/** Confidence of a rule on a telling but not conclusive sign (RDP open, a derived role). */
export const MEDIUM = 2;
/** Confidence of a hint (SMB, which Samba also offers; a host name). */
export const WEAK = 1;
/** A rule's weight: {@link STRONG}, {@link MEDIUM} or {@link WEAK}. */
export type Confidence = typeof STRONG | typeof MEDIUM | typeof WEAK;

/** What a matching rule concludes, and why, in words an admin can check. */
export interface RuleConclusion {
  os?: OsFamily;
  /** A fixed name, or one built from the pattern's match. */
  osName?: string | ((match: RegExpExecArray) => string);
  device?: DeviceType;
  confidence: Confidence;
  why: string;
}

/** A rule on text: a banner of any open port, the SNMP sysDescr, or the host name's first label. */
export interface TextRule extends RuleConclusion {
  source: 'banner' | 'snmp' | 'dns';
  pattern: RegExp;
}

/** A rule on open ports: matches when any of them is open. */
export interface PortRule extends RuleConclusion {
  source: 'port';
  ports: readonly number[];
}

/** One row of the table. */
export type FingerprintRule = TextRule | PortRule;

/** The facts a role rule looks at once the OS is decided. */
export interface RoleFacts {
  os: OsFamily;
  ports: ReadonlySet<number>;
  sshSeen: boolean;
  webServerWindows: boolean;
}

/** A rule deriving the device type from the decided OS and the services it offers. */
export interface RoleRule {
  when: (facts: RoleFacts) => boolean;
  device: DeviceType;
  confidence: Confidence;
  why: string;
}

type Conclusion = Omit<RuleConclusion, 'confidence'> & { confidence?: Confidence };

const snmp = (pattern: RegExp, conclusion: Conclusion): TextRule => ({ source: 'snmp', pattern, confidence: STRONG, ...conclusion });
const banner = (pattern: RegExp, conclusion: Conclusion): TextRule => ({ source: 'banner', pattern, confidence: STRONG, ...conclusion });
const port = (ports: readonly number[], conclusion: Conclusion): PortRule => ({ source: 'port', ports, confidence: MEDIUM, ...conclusion });
const dns = (pattern: RegExp, conclusion: Conclusion): TextRule => ({ source: 'dns', pattern, confidence: WEAK, ...conclusion });

const captured = (index: number, fallback: string) => (match: RegExpExecArray) => match[index] ?? fallback;

/**
 * The fingerprint table. For the OS and for the device type separately, the strongest matching
 * conclusion wins; between equals, the row higher in the table wins. So within each source,
 * specific rows come before generic ones.
 */
export const FINGERPRINT_RULES: readonly FingerprintRule[] = [
  // --- SNMP sysDescr: the device describing itself. ---
  snmp(/Cisco (IOS[- ]XE|IOS XR|NX-OS|IOS|Adaptive Security Appliance)/i, {
    os: 'network-os',
    osName: (m) => (/adaptive/i.test(m[1] ?? '') ? 'Cisco ASA' : `Cisco ${(m[1] ?? 'IOS').replace('-', ' ')}`),
    device: 'network-device',
    why: 'Cisco network operating system',
  }),
  snmp(/RouterOS/i, { os: 'network-os', osName: 'MikroTik RouterOS', device: 'network-device', why: 'MikroTik router' }),
  snmp(/Forti(Gate|OS|Switch|WiFi|AP)/i, { os: 'network-os', osName: 'FortiOS', device: 'network-device', why: 'Fortinet firewall or switch' }),
  snmp(/JUNOS/i, { os: 'network-os', osName: 'Junos', device: 'network-device', why: 'Juniper network device' }),
  snmp(/(pfSense|OPNsense)/i, { os: 'bsd', osName: captured(1, 'pfSense'), device: 'network-device', why: 'BSD-based firewall' }),
  snmp(/(ProCurve|ArubaOS|Aruba|EdgeOS|EdgeSwitch|UniFi|PAN-OS|Palo Alto|SonicOS|SonicWall|Netgear|TP-Link|Zyxel)/i, {
    os: 'network-os',
    osName: captured(1, ''),
    device: 'network-device',
    why: 'switch, router or firewall vendor',
  }),
  snmp(/(LaserJet|OfficeJet|PageWide|Xerox|Brother|Kyocera|ECOSYS|RICOH|Lexmark|Canon|EPSON|KONICA MINOLTA|bizhub|SHARP MX|printer)/i, {
    os: 'embedded',
    device: 'printer',
    why: 'printer model in the system description',
  }),
  snmp(/VMware ESXi ?([\d.]*)/, { os: 'other', osName: (m) => `VMware ESXi ${m[1] ?? ''}`.trim(), device: 'appliance', why: 'hypervisor' }),
  snmp(/Synology|DiskStation/i, { os: 'linux', osName: 'Synology DSM', device: 'appliance', why: 'Synology NAS' }),
  snmp(/QNAP|\bQTS\b/, { os: 'linux', osName: 'QNAP QTS', device: 'appliance', why: 'QNAP NAS' }),
  snmp(/TrueNAS|FreeNAS/i, { device: 'appliance', why: 'TrueNAS storage appliance' }),
  snmp(/\bAPC\b|PowerNet|Network Management Card|Eaton|CyberPower/i, { os: 'embedded', device: 'appliance', why: 'UPS management card' }),
  snmp(/Integrated Lights-Out|\biLO\b|iDRAC|\bBMC\b/i, { os: 'embedded', device: 'appliance', why: 'server management controller (BMC)' }),
  snmp(/Software: Windows.*Build (\d+)/i, { os: 'windows', osName: (m) => windowsRelease(Number(m[1])), why: 'Windows SNMP service' }),
  snmp(/Windows(?!.*Build \d)/i, { os: 'windows', osName: 'Windows', why: 'Windows SNMP service' }),
  snmp(/Darwin/, { os: 'macos', osName: 'macOS', why: 'Darwin kernel' }),
  snmp(/FreeBSD/, { os: 'bsd', osName: 'FreeBSD', why: 'FreeBSD kernel' }),
  snmp(/^Linux \S+ (\d+\.\d+[\w.+-]*)/, { os: 'linux', osName: (m) => `Linux ${m[1] ?? ''}`.trim(), why: 'Linux kernel version' }),

  // --- Banners naming a product: it beats the OS the product is built on (Proxmox runs on Debian). ---
  banner(/^SSH-[\d.]+-Cisco-/, { os: 'network-os', osName: 'Cisco IOS', device: 'network-device', why: 'Cisco SSH server' }),
  banner(/^SSH-[\d.]+-ROSSSH/, { os: 'network-os', osName: 'MikroTik RouterOS', device: 'network-device', why: 'MikroTik RouterOS SSH server' }),
  banner(/pve-api-daemon/, { os: 'linux', osName: 'Proxmox VE', device: 'appliance', why: 'Proxmox VE hypervisor' }),
  banner(/ESXi/, { os: 'other', osName: 'VMware ESXi', device: 'appliance', why: 'VMware ESXi hypervisor' }),
  banner(/VMware/, { device: 'appliance', why: 'VMware appliance' }),
  banner(/Synology/i, { os: 'linux', osName: 'Synology DSM', device: 'appliance', why: 'Synology NAS' }),
  banner(/QNAP/, { os: 'linux', osName: 'QNAP QTS', device: 'appliance', why: 'QNAP NAS' }),
  banner(/TrueNAS|FreeNAS/i, { device: 'appliance', why: 'TrueNAS storage appliance' }),
  banner(/HP-ChaiSOE|HP HTTP Server|Xerox|Brother|KM-MFP|RICOH|EPSON|CANON HTTP Server|Lexmark|KYOCERA/i, {
    os: 'embedded',
    device: 'printer',
    why: 'printer web interface',
  }),
  banner(/HP-iLO|\biLO\b|iDRAC|Megarac|Avocent/i, { os: 'embedded', device: 'appliance', why: 'server management controller (BMC)' }),
  banner(/\bAPC\b|PowerChute|Network Management Card|Eaton|CyberPower/, { os: 'embedded', device: 'appliance', why: 'UPS management card' }),
  banner(/FortiGate|Fortinet/i, { os: 'network-os', osName: 'FortiOS', device: 'network-device', why: 'Fortinet firewall' }),
  banner(/MikroTik|RouterOS/i, { os: 'network-os', osName: 'MikroTik RouterOS', device: 'network-device', why: 'MikroTik router' }),
  banner(/Server: cisco-IOS|Cisco/, { os: 'network-os', osName: 'Cisco IOS', confidence: MEDIUM, device: 'network-device', why: 'Cisco web interface' }),
  banner(/UniFi|Ubiquiti/i, { device: 'network-device', confidence: MEDIUM, why: 'Ubiquiti network equipment' }),

  // --- Banners naming an OS. ---
  banner(/^SSH-[\d.]+-OpenSSH_for_Windows/, { os: 'windows', osName: 'Windows', why: 'OpenSSH for Windows' }),
  banner(/^SSH-[\d.]+-OpenSSH_(\d+\.\d+)\S* Ubuntu-/, { os: 'linux', osName: (m) => ubuntuRelease(m[1] ?? ''), why: 'OpenSSH as packaged by Ubuntu' }),
  banner(/^SSH-[\d.]+-OpenSSH_(\d+\.\d+)\S* Raspbian-\S*?(?:\+deb(\d+)u\d+)?(?:\s|$)/, {
    os: 'linux',
    osName: (m) => `Raspberry Pi OS (${debianRelease(m[1] ?? '', m[2])})`,
    why: 'OpenSSH as packaged by Raspberry Pi OS',
  }),
  banner(/^SSH-[\d.]+-OpenSSH_(\d+\.\d+)\S* Debian-\S*?(?:\+deb(\d+)u\d+)?(?:\s|$)/, {
    os: 'linux',
    osName: (m) => debianRelease(m[1] ?? '', m[2]),
    why: 'OpenSSH as packaged by Debian',
  }),
  banner(/^SSH-[\d.]+-OpenSSH_\S+ FreeBSD/, { os: 'bsd', osName: 'FreeBSD', why: 'OpenSSH as packaged by FreeBSD' }),
  banner(/Server: Microsoft-IIS\/(\d+\.\d+)/, { os: 'windows', osName: (m) => iisRelease(m[1] ?? ''), device: 'server', why: 'IIS web server' }),
  banner(/Server: Apache\/\S+ \((Debian|Ubuntu|CentOS|Red Hat|Rocky Linux|AlmaLinux|Fedora|Raspbian)\)/, {
    os: 'linux',
    osName: captured(1, 'Linux'),
    why: 'Apache as packaged by a Linux distribution',
  }),
  banner(/Server: Apache\/\S+ \(Win(32|64)\)/, { os: 'windows', osName: 'Windows', why: 'Apache built for Windows' }),
  banner(/Microsoft-HTTPAPI/, { os: 'windows', osName: 'Windows', confidence: MEDIUM, why: 'Windows HTTP.sys (WinRM or another Windows service)' }),

  // --- Generic banners: a hint, not a name. ---
  banner(/^SSH-[\d.]+-dropbear/i, { os: 'embedded', osName: 'Embedded Linux', confidence: MEDIUM, why: 'Dropbear, the SSH server of routers and embedded Linux' }),
  banner(/^SSH-[\d.]+-OpenSSH_[\w.]+$/, {
    os: 'linux',
    osName: 'Linux',
    confidence: WEAK,
    why: 'OpenSSH with no distribution tag, as on RHEL-family and most other Linux servers',
  }),
  banner(/lighttpd|GoAhead|Boa\/|mini_httpd|RomPager|Allegro-Software|uhttpd/i, {
    os: 'embedded',
    confidence: WEAK,
    why: 'web server typical of embedded devices',
  }),

  // --- Open ports. ---
  port([9100], { os: 'embedded', device: 'printer', why: 'raw printing (JetDirect)' }),
  port([515], { os: 'embedded', device: 'printer', why: 'LPD printing' }),
  port([631], { device: 'printer', confidence: WEAK, why: 'IPP printing' }),
  port([135], { os: 'windows', why: 'Microsoft RPC endpoint mapper' }),
  port([3389], { os: 'windows', why: 'Remote Desktop' }),
  port([5985, 5986], { os: 'windows', why: 'WinRM remote management' }),
  port([445, 139], { os: 'windows', confidence: WEAK, why: 'SMB file sharing (Windows, or Samba)' }),
  port([548], { os: 'macos', confidence: WEAK, why: 'AFP file sharing' }),
  port([23], { device: 'network-device', confidence: WEAK, why: 'Telnet, still common on switches and routers' }),

  // --- The host name's first label: a hint an admin chose. ---
  dns(/^(desktop|laptop|pc|ws|wks|nb)(?![a-z])/, { device: 'workstation', why: 'name of a workstation' }),
  dns(/^(printer|prn|mfp|print)(?![a-z])/, { device: 'printer', why: 'name of a printer' }),
  dns(/^(sw|switch|rtr|router|fw|firewall|gw|gateway|ap|wap)(?![a-z])/, { device: 'network-device', why: 'name of a network device' }),
  dns(/^(nas|ups|esxi|pve|proxmox|idrac|ilo|bmc)(?![a-z])/, { device: 'appliance', why: 'name of an appliance' }),
  dns(/^(dc|srv|server|sql|db|exch|mail|file|fs|web|app)(?![a-z])/, { device: 'server', why: 'name of a server' }),
];

const SERVER_ROLE_PORTS = [445, 5985, 5986];

/** Device types that follow from the decided OS and what the host offers; weaker than explicit rules. */
export const ROLE_RULES: readonly RoleRule[] = [
  {
    when: (f) => f.os === 'windows' && (f.webServerWindows || SERVER_ROLE_PORTS.some((p) => f.ports.has(p))),
    device: 'server',
    confidence: MEDIUM,
    why: 'Windows offering SMB file sharing, WinRM or a web server: a server role',
  },
  {
    when: (f) => f.os === 'windows' && (f.ports.has(3389) || f.ports.has(135)),
    device: 'workstation',
    confidence: MEDIUM,
    why: 'Windows with Remote Desktop but no SMB, WinRM or web server: a workstation',
  },
  { when: (f) => f.os === 'linux' && f.sshSeen, device: 'server', confidence: MEDIUM, why: 'Linux reachable over SSH: a server' },
  { when: (f) => f.os === 'bsd' && f.sshSeen, device: 'server', confidence: MEDIUM, why: 'BSD reachable over SSH: a server' },
  { when: (f) => f.os === 'network-os', device: 'network-device', confidence: MEDIUM, why: 'network operating system' },
  { when: (f) => f.os === 'macos', device: 'workstation', confidence: WEAK, why: 'macOS: most likely a workstation' },
];
