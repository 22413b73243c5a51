import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseNmapXml, type NmapHost } from './nmap-xml.parser';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

const hostsOf = (xml: string): NmapHost[] => {
  const result = parseNmapXml(xml);
  if (!result.ok) throw new Error(result.message);
  return result.hosts;
};

const messageOf = (xml: string): string => {
  const result = parseNmapXml(xml);
  if (result.ok) throw new Error('expected a failure');
  return result.message;
};

describe('parseNmapXml on nmap 5.51 output (xmloutputversion 1.03)', () => {
  const xml = fixture('libnmap_2_hosts_nmap5.51.xml');

  it('reads the scan header', () => {
    const result = parseNmapXml(xml);
    expect(result.ok && result.scan).toEqual({
      nmapVersion: '5.51',
      args: 'nmap -sS -vv -oX 2_hosts_version.xml -O localhost scanme.nmap.org',
      startedAt: '2013-02-24T20:28:09.000Z',
    });
  });

  it('finds both hosts with their open ports only', () => {
    const hosts = hostsOf(xml);
    expect(hosts.map((host) => [host.address, host.hostname])).toEqual([
      ['127.0.0.1', 'localhost'],
      ['74.207.244.221', 'scanme.nmap.org'],
    ]);
    expect(hosts[0]?.openPorts.map((port) => port.port)).toEqual([22, 25, 111, 631, 3306]);
    expect(hosts[1]?.openPorts).toEqual([
      { port: 22, protocol: 'tcp', service: 'ssh', banner: '' },
      { port: 80, protocol: 'tcp', service: 'http', banner: '' },
      { port: 9929, protocol: 'tcp', service: 'nping-echo', banner: '' },
    ]);
  });

  it('reads osclass siblings, breaking top ties by the family most guesses agree on', () => {
    const [localhost, scanme] = hostsOf(xml);
    expect(localhost).toMatchObject({ osFamily: 'linux', osName: 'Linux 2.6.X', deviceType: 'unknown' });
    expect(localhost?.evidence).toEqual([{ source: 'nmap', detail: 'OS class Linux 2.6.X, type general purpose (96% accuracy)' }]);
    expect(scanme).toMatchObject({ osFamily: 'embedded', osName: 'Netgear DG834G WAP', deviceType: 'network-device' });
    expect(scanme?.evidence.map((item) => item.detail)).toEqual([
      'OS match "Netgear DG834G WAP" (92% accuracy)',
      'OS class Netgear embedded, type WAP (92% accuracy)',
    ]);
  });
});

describe('parseNmapXml on a host with every port filtered', () => {
  it('keeps the host, which is up, with no open ports', () => {
    expect(hostsOf(fixture('libnmap_1_hosts_down.xml'))).toEqual([
      {
        address: '10.1.1.1',
        mac: '',
        vendor: '',
        hostname: '',
        openPorts: [],
        osFamily: 'unknown',
        osName: '',
        deviceType: 'unknown',
        evidence: [],
      },
    ]);
  });
});

describe('parseNmapXml on nmap 7.93 output (xmloutputversion 1.05)', () => {
  const xml = fixture('nmap7.93_loopback_sV_O.xml');

  it('reads service banners and osclass inside osmatch', () => {
    const result = parseNmapXml(xml);
    expect(result.ok && result.scan.nmapVersion).toBe('7.93');
    expect(hostsOf(xml)).toEqual([
      {
        address: '127.0.0.2',
        mac: '',
        vendor: '',
        hostname: '',
        openPorts: [
          { port: 47022, protocol: 'tcp', service: 'ssh', banner: 'OpenSSH 9.2p1 Debian 2+deb12u3 (protocol 2.0)' },
          { port: 47080, protocol: 'tcp', service: 'http', banner: 'nginx 1.22.1' },
        ],
        osFamily: 'linux',
        osName: 'Linux 5.0 - 5.2',
        deviceType: 'unknown',
        evidence: [
          { source: 'nmap', detail: 'OS match "Linux 5.0 - 5.2" (97% accuracy)' },
          { source: 'nmap', detail: 'OS class Linux 5.X, type general purpose (97% accuracy)' },
        ],
      },
    ]);
  });
});

describe('parseNmapXml on hand-made edge cases (xmloutputversion 1.04)', () => {
  const hosts = hostsOf(fixture('handmade_edge_cases_1.04.xml'));
  const byAddress = (address: string) => hosts.find((host) => host.address === address);

  it('keeps only up hosts with an IPv4 address', () => {
    expect(hosts.map((host) => host.address)).toEqual(['192.0.2.10', '192.0.2.11', '192.0.2.1', '192.0.2.13']);
  });

  it('reads MAC, vendor, PTR hostname, udp and ssl-tunnelled ports', () => {
    expect(byAddress('192.0.2.10')).toMatchObject({
      mac: '00:1b:21:aa:bb:cc',
      vendor: 'Intel Corporate',
      hostname: 'fs01.corp.example',
      osFamily: 'windows',
      osName: 'Microsoft Windows Server 2016',
      deviceType: 'server',
      openPorts: [
        { port: 3389, protocol: 'tcp', service: 'ms-wbt-server', banner: 'Microsoft Terminal Services' },
        { port: 443, protocol: 'tcp', service: 'ssl/http', banner: 'Microsoft IIS httpd 10.0' },
        { port: 53, protocol: 'udp', service: 'domain', banner: 'Microsoft DNS 6.1.7601 (Windows Server 2008 R2 SP1)' },
      ],
    });
    expect(byAddress('192.0.2.10')?.evidence).toContainEqual({ source: 'nmap', detail: 'MAC vendor Intel Corporate' });
  });

  it('prefers the user-given hostname and drops sctp ports', () => {
    expect(byAddress('192.0.2.1')).toMatchObject({
      hostname: 'gw.corp.example',
      openPorts: [],
      osFamily: 'network-os',
      deviceType: 'network-device',
    });
  });

  it('maps a printer guess and copes with an empty hostnames element and a bare host', () => {
    expect(byAddress('192.0.2.11')).toMatchObject({ hostname: '', osFamily: 'embedded', deviceType: 'printer' });
    expect(byAddress('192.0.2.13')).toMatchObject({ hostname: '', openPorts: [], osFamily: 'unknown', deviceType: 'unknown' });
  });
});

describe('parseNmapXml rejections', () => {
  const full = fixture('libnmap_2_hosts_nmap5.51.xml');

  it('reports an empty file', () => {
    expect(messageOf('')).toBe('the file is empty');
    expect(messageOf(' \n\t')).toBe('the file is empty');
  });

  it('reports a truncated file at the place it stops, naming the open elements', () => {
    const cut = full.slice(0, full.indexOf('<port protocol="tcp" portid="25">'));
    const lines = cut.split('\n');
    expect(messageOf(cut)).toBe(
      `line ${lines.length}, column ${lines[lines.length - 1]!.length + 1}: the file ends while <nmaprun>, <host>, <ports> are still open; it looks cut off (was the scan interrupted or the file copied before nmap finished?)`,
    );
    expect(messageOf(full.replace('</nmaprun>', ''))).toMatch(/^line \d+, column \d+: the file ends while <nmaprun> is still open/);
  });

  it('passes the validator position through for other broken XML', () => {
    expect(messageOf('<nmaprun>\n  <host></hots>\n</nmaprun>')).toMatch(/^line 2, column 9: /);
  });

  it('names the root element of XML that is not nmap', () => {
    expect(messageOf('<?xml version="1.0"?>\n<foo><bar/></foo>')).toBe('the root element is <foo>, not <nmaprun>: this is not an nmap -oX file');
  });

  it('recognises nmap text output', () => {
    expect(messageOf('Starting Nmap 7.93 ( https://nmap.org )\n')).toMatch(/^this is not XML: save the scan with nmap -oX/);
  });

  it('refuses entity declarations: external entities (XXE) and entity expansion bombs', () => {
    const host = '<host><status state="up" reason="syn-ack"/><address addr="10.0.0.1" addrtype="ipv4"/><hostnames><hostname name="&x;" type="user"/></hostnames></host>';
    const xxe = `<?xml version="1.0"?>\n<!DOCTYPE nmaprun [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<nmaprun>${host}</nmaprun>`;
    const levels = Array.from({ length: 9 }, (_, i) => `<!ENTITY x${i + 1} "${`&x${i};`.repeat(10)}">`).join('\n');
    const bomb = `<?xml version="1.0"?>\n<!DOCTYPE nmaprun [\n<!ENTITY x0 "lol">\n${levels}\n<!entity x "&x9;">\n]>\n<nmaprun>${host}</nmaprun>`;
    for (const xml of [xxe, bomb]) expect(messageOf(xml)).toMatch(/^the file declares XML entities .* nmap never writes/);
  });

  it('turns the XML parser\'s own failures into a message instead of throwing', () => {
    const deep = `<nmaprun>${'<a>'.repeat(20_000)}${'</a>'.repeat(20_000)}</nmaprun>`;
    expect(messageOf(deep)).toBe('the XML cannot be read: Maximum nested tags exceeded');
  });

  it('leaves out hosts nmap only assumed up (-Pn, reason user-set) that have no open port', () => {
    const host = (address: string, reason: string, ports: string) =>
      `<host starttime="1" endtime="2"><status state="up" reason="${reason}" reason_ttl="0"/>\n<address addr="${address}" addrtype="ipv4"/>\n<hostnames>\n</hostnames>\n<ports>${ports}</ports>\n</host>`;
    const open = '<port protocol="tcp" portid="22"><state state="open" reason="syn-ack" reason_ttl="64"/><service name="ssh" method="table" conf="3"/></port>';
    const filtered = '<extraports state="filtered" count="1000"><extrareasons reason="no-response" count="1000"/></extraports>';
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE nmaprun>\n<nmaprun scanner="nmap" args="nmap -Pn -oX - 10.0.0.0/29" start="1700000000" version="7.93" xmloutputversion="1.05">\n${host('10.0.0.1', 'user-set', filtered)}\n${host('10.0.0.2', 'user-set', open)}\n${host('10.0.0.3', 'syn-ack', filtered)}\n</nmaprun>\n`;
    const result = parseNmapXml(xml);
    if (!result.ok) throw new Error(result.message);
    expect(result.hosts.map((each) => each.address)).toEqual(['10.0.0.2', '10.0.0.3']);
    expect(result.assumedUp).toEqual(['10.0.0.1']);
  });

  it('accepts a run without hosts', () => {
    expect(parseNmapXml('<nmaprun version="7.94" args="nmap 10.0.0.1"/>')).toEqual({
      ok: true,
      scan: { nmapVersion: '7.94', args: 'nmap 10.0.0.1', startedAt: null },
      hosts: [],
      assumedUp: [],
    });
  });
});
