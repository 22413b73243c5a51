import type { DeviceType, FingerprintEvidence, OpenPort, OsFamily } from '../../../shared/contract/assets';
import { sanitizeBanner } from './banner-text';
import { FINGERPRINT_RULES, ROLE_RULES, type Confidence, type FingerprintRule, type RoleFacts, type RoleRule } from './fingerprint-rules';
import type { SnmpIdentity } from './snmp-prober';

/** What discovery knows about a host when it guesses what the host is. */
export interface FingerprintInput {
  openPorts: readonly OpenPort[];
  snmp: SnmpIdentity | null;
  hostname?: string;
}

/** The guess, and the evidence shown next to it. */
export interface Fingerprint {
  osFamily: OsFamily;
  osName: string;
  deviceType: DeviceType;
  evidence: FingerprintEvidence[];
}

interface Match {
  rule: FingerprintRule;
  order: number;
  subject: string;
  osName: string;
}

const DEFAULT_OS_NAMES: Partial<Record<OsFamily, string>> = { windows: 'Windows', linux: 'Linux', macos: 'macOS', bsd: 'BSD' };

function quote(text: string): string {
  return `"${sanitizeBanner(text, 100)}"`;
}

function firstLabel(hostname: string): string {
  return hostname.toLowerCase().split('.')[0] ?? '';
}

function matchRule(rule: FingerprintRule, order: number, input: FingerprintInput, ports: ReadonlySet<number>): Match | null {
  const found = (subject: string, match: RegExpExecArray | null): Match => {
    const name = rule.osName;
    const osName = typeof name === 'function' ? (match === null ? '' : name(match)) : (name ?? '');
    return { rule, order, subject, osName };
  };
  switch (rule.source) {
    case 'port': {
      const open = rule.ports.filter((port) => ports.has(port));
      return open.length === 0 ? null : found(`${open.map((port) => `${port}/tcp`).join(', ')} open`, null);
    }
    case 'banner':
      for (const port of input.openPorts) {
        const match = port.banner === '' ? null : rule.pattern.exec(port.banner);
        if (match !== null) return found(`${port.port}/${port.protocol} banner ${quote(port.banner)}`, match);
      }
      return null;
    case 'snmp': {
      const sysDescr = input.snmp?.sysDescr ?? '';
      const match = sysDescr === '' ? null : rule.pattern.exec(sysDescr);
      return match === null ? null : found(`sysDescr ${quote(sysDescr)}`, match);
    }
    case 'dns': {
      const label = firstLabel(input.hostname ?? '');
      const match = label === '' ? null : rule.pattern.exec(label);
      return match === null ? null : found(`host name ${quote(input.hostname ?? '')}`, match);
    }
  }
}

interface Ranked {
  confidence: Confidence;
  order: number;
}

// Stronger first; between equals, the row higher in the table first.
function byStrength(a: Ranked, b: Ranked): number {
  return b.confidence - a.confidence || a.order - b.order;
}

function matchAll(input: FingerprintInput, ports: ReadonlySet<number>): (Match & Ranked)[] {
  const matches: (Match & Ranked)[] = [];
  FINGERPRINT_RULES.forEach((rule, order) => {
    const match = matchRule(rule, order, input, ports);
    if (match !== null) matches.push({ ...match, confidence: rule.confidence });
  });
  return matches.sort(byStrength);
}

function decideOs(ranked: readonly Match[]): { osFamily: OsFamily; osName: string } {
  const osFamily = ranked.find((match) => match.rule.os !== undefined)?.rule.os ?? 'unknown';
  // The strongest rule may only know the family (port 3389); a weaker one of the same family may know the name.
  const named = ranked.find((match) => match.rule.os === osFamily && match.osName !== '');
  return { osFamily, osName: named?.osName ?? DEFAULT_OS_NAMES[osFamily] ?? '' };
}

function decideDevice(ranked: readonly (Match & Ranked)[], facts: RoleFacts): { deviceType: DeviceType; role: RoleRule | null } {
  const explicit = ranked.flatMap(({ rule, confidence, order }) =>
    rule.device === undefined ? [] : [{ device: rule.device, role: null, confidence, order }],
  );
  // Role rules rank after every table row, so between equals an explicit conclusion wins.
  const derived = ROLE_RULES.flatMap((rule, index) =>
    rule.when(facts) ? [{ device: rule.device, role: rule, confidence: rule.confidence, order: FINGERPRINT_RULES.length + index }] : [],
  );
  const winner = [...explicit, ...derived].sort(byStrength)[0];
  return { deviceType: winner?.device ?? 'unknown', role: winner?.role ?? null };
}

/**
 * Guesses a host's OS family and name and its device type from its open ports, banners, SNMP
 * answer and host name, using {@link FINGERPRINT_RULES}. Pure. Every rule that matched is listed
 * as evidence, strongest first, with the ones that lost to stronger evidence marked as such.
 */
export function fingerprint(input: FingerprintInput): Fingerprint {
  const ports = new Set(input.openPorts.filter((port) => port.protocol === 'tcp').map((port) => port.port));
  const ranked = matchAll(input, ports);
  const { osFamily, osName } = decideOs(ranked);
  const { deviceType, role } = decideDevice(ranked, {
    os: osFamily,
    ports,
    sshSeen: ports.has(22) || input.openPorts.some((port) => port.banner.startsWith('SSH-')),
    webServerWindows: input.openPorts.some((port) => /Microsoft-IIS/.test(port.banner)),
  });

  const evidence: FingerprintEvidence[] = ranked.map((match) => {
    const outweighed =
      (match.rule.os !== undefined && match.rule.os !== osFamily) || (match.rule.device !== undefined && match.rule.device !== deviceType);
    const named = match.osName !== '' && match.rule.os === osFamily ? ` (${match.osName})` : '';
    return {
      source: match.rule.source,
      detail: `${match.subject}: ${match.rule.why}${named}${outweighed ? ' [outweighed by stronger evidence]' : ''}`,
    };
  });
  if (role !== null) evidence.push({ source: 'port', detail: role.why });
  return { osFamily, osName, deviceType, evidence };
}
