/**
 * Reads nmap's XML report (`nmap -oX`) from nmap 5 on (xmloutputversion 1.03 to 1.05) into the
 * hosts that were up, with what nmap saw of each.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { DeviceType, FingerprintEvidence, OpenPort, OsFamily } from '../../../shared/contract/assets';
import { isIpv4 } from '../../../shared/domain/network-targets';
import { osFamilyFromText } from './asset-cell-values';

/** One host nmap reported up, reduced to what the inventory keeps. */
export interface NmapHost {
  address: string;
  /** Lower-case `aa:bb:cc:dd:ee:ff`, or empty when nmap saw none (it only can on the local segment). */
  mac: string;
  /** The MAC vendor from nmap's OUI table, or empty. */
  vendor: string;
  hostname: string;
  openPorts: OpenPort[];
  osFamily: OsFamily;
  osName: string;
  deviceType: DeviceType;
  evidence: FingerprintEvidence[];
}

/** The scan as a whole, from the `<nmaprun>` element. */
export interface NmapScanInfo {
  nmapVersion: string;
  args: string;
  /** When the scan started, as an ISO timestamp; null when the file does not say. */
  startedAt: string | null;
}

/**
 * The outcome of {@link parseNmapXml}: the scan and its hosts, or why the file cannot be read.
 * `assumedUp` lists the addresses left out because nmap never saw them: up only because the scan
 * said so (`-Pn`, reason "user-set") and no port open.
 */
export type NmapParseResult = { ok: true; scan: NmapScanInfo; hosts: NmapHost[]; assumedUp: string[] } | { ok: false; message: string };

type XmlNode = Record<string, unknown>;

const ENTITY_DECLARATION = /<!ENTITY\b/i;

const ATTRIBUTE_PREFIX = '@_';

// Elements that may repeat. Listing them keeps a single occurrence an array, so nmap's output
// for one host and for a thousand read the same way.
const REPEATED = new Set([
  'nmaprun.host',
  'nmaprun.host.address',
  'nmaprun.host.hostnames.hostname',
  'nmaprun.host.ports.port',
  'nmaprun.host.os.osmatch',
  'nmaprun.host.os.osclass',
  'nmaprun.host.os.osmatch.osclass',
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: ATTRIBUTE_PREFIX,
  parseAttributeValue: false,
  parseTagValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  isArray: (_name, path) => REPEATED.has(String(path)),
});

const DEVICE_BY_NMAP_TYPE: Readonly<Record<string, DeviceType>> = {
  router: 'network-device',
  'broadband router': 'network-device',
  switch: 'network-device',
  firewall: 'network-device',
  wap: 'network-device',
  bridge: 'network-device',
  hub: 'network-device',
  'load balancer': 'network-device',
  'proxy server': 'network-device',
  'terminal server': 'network-device',
  printer: 'printer',
  'print server': 'printer',
  'storage-misc': 'appliance',
  'media device': 'appliance',
  webcam: 'appliance',
  specialized: 'appliance',
  'power-device': 'appliance',
  'remote management': 'appliance',
  'security-misc': 'appliance',
  'voip adapter': 'appliance',
  'voip phone': 'appliance',
  phone: 'unknown',
  pda: 'unknown',
  'game console': 'unknown',
};

/**
 * Parses an nmap XML report. Only hosts with `status state="up"` and an IPv4 address are
 * returned; only ports in state `open` (tcp or udp) are kept. A file that is empty, cut off,
 * or not nmap's gets a message saying which, with line and column where XML is broken.
 */
export function parseNmapXml(xml: string): NmapParseResult {
  const text = xml.startsWith('\uFEFF') ? xml.slice(1) : xml;
  const trimmed = text.trimStart();
  if (trimmed === '') return { ok: false, message: 'the file is empty' };
  if (!trimmed.startsWith('<')) {
    return { ok: false, message: 'this is not XML: save the scan with nmap -oX (normal -oN and grepable -oG output cannot be imported)' };
  }

  // nmap never declares entities. A file that does is not nmap's own output, and reading it could
  // mean reading local files (XXE) or expanding entities without bound, so it is refused whole.
  if (ENTITY_DECLARATION.test(text)) {
    return { ok: false, message: 'the file declares XML entities (<!ENTITY ...> in its DOCTYPE), which nmap never writes; it is refused because entities can read local files or expand without limit' };
  }
  const validation = XMLValidator.validate(text);
  if (validation !== true) return { ok: false, message: describeXmlError(text, validation.err) };

  let document: XmlNode;
  try {
    document = parser.parse(text) as XmlNode;
  } catch (error) {
    // The parser's own limits (entity count and size, nesting depth) end here, as bad input.
    return { ok: false, message: `the XML cannot be read: ${error instanceof Error ? error.message : String(error)}` };
  }
  const root = Object.keys(document).find((key) => !/^[?!#]/.test(key));
  if (root === undefined) return { ok: false, message: 'the file holds no XML element' };
  if (root !== 'nmaprun') return { ok: false, message: `the root element is <${root}>, not <nmaprun>: this is not an nmap -oX file` };

  const run = asNode(document[root]);
  const hosts: NmapHost[] = [];
  const assumedUp: string[] = [];
  for (const host of nodes(run.host)) {
    const parsed = readHost(host);
    if (!parsed) continue;
    // With -Pn nmap reports every target up ("user-set"); without an open port that says
    // nothing about whether a machine is there, so it is not put in the inventory.
    if (attr(asNode(host.status), 'reason') === 'user-set' && parsed.openPorts.length === 0) assumedUp.push(parsed.address);
    else hosts.push(parsed);
  }
  return {
    ok: true,
    scan: { nmapVersion: attr(run, 'version'), args: attr(run, 'args'), startedAt: timestamp(attr(run, 'start')) },
    hosts,
    assumedUp,
  };
}

function describeXmlError(text: string, error: { msg: string; line: number; col?: number }): string {
  const unclosed = unclosedTags(error.msg);
  if (unclosed.length > 0) {
    // The validator places this error at the opening tag (or at 1:1 for several); the place
    // to look is where the file stops.
    const lines = text.split(/\r\n|\r|\n/);
    const where = `line ${lines.length}, column ${(lines[lines.length - 1] ?? '').length + 1}`;
    const open = unclosed.map((tag) => `<${tag}>`).join(', ');
    return `${where}: the file ends while ${open} ${unclosed.length === 1 ? 'is' : 'are'} still open; it looks cut off (was the scan interrupted or the file copied before nmap finished?)`;
  }
  if (error.msg === 'Start tag expected.') return 'the file holds no XML element';
  const where = error.col === undefined ? `line ${error.line}` : `line ${error.line}, column ${error.col}`;
  return `${where}: ${error.msg}`;
}

function unclosedTags(message: string): string[] {
  const single = /^Unclosed tag '([^']*)'\.$/.exec(message);
  if (single) return [single[1]!];
  const several = /^Invalid '(\[.*\])' found\.$/.exec(message);
  if (!several) return [];
  try {
    const tags: unknown = JSON.parse(several[1]!);
    return Array.isArray(tags) ? tags.map(String) : [];
  } catch {
    return [];
  }
}

function readHost(host: XmlNode): NmapHost | null {
  if (attr(asNode(host.status), 'state') !== 'up') return null;
  const addresses = nodes(host.address);
  const address = attr(addresses.find((node) => attr(node, 'addrtype') === 'ipv4') ?? {}, 'addr');
  if (!isIpv4(address)) return null;
  const macNode = addresses.find((node) => attr(node, 'addrtype') === 'mac');
  const mac = macNode ? attr(macNode, 'addr').toLowerCase() : '';
  const vendor = macNode ? attr(macNode, 'vendor') : '';

  const os = readOs(asNode(host.os));
  const evidence = [...os.evidence];
  if (vendor !== '') evidence.push({ source: 'nmap', detail: `MAC vendor ${vendor}` });

  return {
    address,
    mac,
    vendor,
    hostname: readHostname(asNode(host.hostnames)),
    openPorts: readPorts(asNode(host.ports)),
    osFamily: os.family,
    osName: os.name,
    deviceType: os.deviceType,
    evidence,
  };
}

function readHostname(hostnames: XmlNode): string {
  const names = nodes(hostnames.hostname).filter((node) => attr(node, 'name') !== '');
  // The name the user typed is how they know the host; the PTR record may be a provider's.
  const chosen = names.find((node) => attr(node, 'type') === 'user') ?? names.find((node) => attr(node, 'type') === 'PTR') ?? names[0];
  return chosen ? attr(chosen, 'name') : '';
}

function readPorts(ports: XmlNode): OpenPort[] {
  const open: OpenPort[] = [];
  for (const port of nodes(ports.port)) {
    const protocol = attr(port, 'protocol');
    const number = Number(attr(port, 'portid'));
    if (protocol !== 'tcp' && protocol !== 'udp') continue;
    if (!Number.isInteger(number) || number < 1 || number > 65535) continue;
    if (attr(asNode(port.state), 'state') !== 'open') continue;
    const service = asNode(port.service);
    const extra = attr(service, 'extrainfo');
    const banner = [attr(service, 'product'), attr(service, 'version'), extra === '' ? '' : `(${extra})`].filter((part) => part !== '').join(' ');
    // Written as nmap's own report does (`ssl/http`), so HTTPS is not mistaken for plain HTTP.
    const tunnel = attr(service, 'tunnel');
    const name = attr(service, 'name');
    open.push({ port: number, protocol, service: tunnel !== '' && name !== '' ? `${tunnel}/${name}` : name, banner });
  }
  return open;
}

interface OsGuess {
  family: OsFamily;
  name: string;
  deviceType: DeviceType;
  evidence: FingerprintEvidence[];
}

function readOs(os: XmlNode): OsGuess {
  const matches = nodes(os.osmatch);
  const bestMatch = highestAccuracy(matches);
  // Since xmloutputversion 1.04 each osmatch carries its own osclasses; before, they were
  // siblings of the osmatches, and some hosts had osclasses only.
  const ownClasses = bestMatch ? nodes(bestMatch.osclass) : [];
  const bestClass = pickClass(ownClasses.length > 0 ? ownClasses : nodes(os.osclass));

  const evidence: FingerprintEvidence[] = [];
  if (bestMatch) evidence.push({ source: 'nmap', detail: `OS match "${attr(bestMatch, 'name')}" (${attr(bestMatch, 'accuracy')}% accuracy)` });
  if (bestClass) evidence.push({ source: 'nmap', detail: `OS class ${classLabel(bestClass)}, type ${attr(bestClass, 'type')} (${attr(bestClass, 'accuracy')}% accuracy)` });

  const name = bestMatch ? attr(bestMatch, 'name') : bestClass ? classLabel(bestClass) : '';
  let family: OsFamily = 'unknown';
  if (bestClass) {
    family = osFamilyFromText(`${attr(bestClass, 'vendor')} ${attr(bestClass, 'osfamily')}`);
    if (family === 'unknown' && attr(bestClass, 'osfamily') !== '') family = 'other';
  } else if (name !== '') {
    family = osFamilyFromText(name);
  }
  return { family, name, deviceType: deviceTypeOf(bestClass ? attr(bestClass, 'type') : '', name), evidence };
}

function pickClass(classes: XmlNode[]): XmlNode | undefined {
  if (classes.length === 0) return undefined;
  const top = Math.max(...classes.map(accuracy));
  // nmap often ties unrelated guesses at the top; the family most of its guesses agree on is
  // the better bet than whichever tied guess happens to be listed first.
  const support = new Map<string, number>();
  for (const osclass of classes) support.set(attr(osclass, 'osfamily'), (support.get(attr(osclass, 'osfamily')) ?? 0) + accuracy(osclass));
  let best: XmlNode | undefined;
  for (const osclass of classes) {
    if (accuracy(osclass) !== top) continue;
    if (!best || support.get(attr(osclass, 'osfamily'))! > support.get(attr(best, 'osfamily'))!) best = osclass;
  }
  return best;
}

function highestAccuracy(candidates: XmlNode[]): XmlNode | undefined {
  let best: XmlNode | undefined;
  for (const candidate of candidates) if (!best || accuracy(candidate) > accuracy(best)) best = candidate;
  return best;
}

function deviceTypeOf(nmapType: string, osName: string): DeviceType {
  const type = nmapType.toLowerCase();
  if (type === 'general purpose') {
    if (/server/i.test(osName)) return 'server';
    if (/windows (?:xp|vista|7|8(?:\.1)?|10|11)\b|mac ?os/i.test(osName)) return 'workstation';
    return 'unknown';
  }
  return DEVICE_BY_NMAP_TYPE[type] ?? 'unknown';
}

function classLabel(osclass: XmlNode): string {
  const parts = [attr(osclass, 'vendor'), attr(osclass, 'osfamily'), attr(osclass, 'osgen')].filter((part) => part !== '');
  return parts.filter((part, index) => part !== parts[index - 1]).join(' ');
}

function accuracy(node: XmlNode): number {
  const value = Number(attr(node, 'accuracy'));
  return Number.isFinite(value) ? value : 0;
}

function timestamp(seconds: string): string | null {
  const value = Number(seconds);
  return seconds !== '' && Number.isFinite(value) && value > 0 ? new Date(value * 1000).toISOString() : null;
}

function attr(node: XmlNode, name: string): string {
  const value = node[`${ATTRIBUTE_PREFIX}${name}`];
  return typeof value === 'string' ? value : '';
}

function asNode(value: unknown): XmlNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as XmlNode) : {};
}

function nodes(value: unknown): XmlNode[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((item): item is XmlNode => typeof item === 'object' && item !== null);
}
