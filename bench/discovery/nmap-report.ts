/** Reads nmap's XML report (`-oX`) into the `address:port` pairs it found open. */
import { XMLParser } from 'fast-xml-parser';

interface XmlPort {
  portid: string;
  protocol: string;
  state?: { state?: string };
}

interface XmlHost {
  address?: { addr?: string; addrtype?: string } | { addr?: string; addrtype?: string }[];
  ports?: { port?: XmlPort[] };
}

/** The open TCP `address:port` pairs in an nmap XML report, sorted. */
export function openPortsFromNmapXml(xml: string): string[] {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    isArray: (name) => name === 'host' || name === 'port',
  });
  const document = parser.parse(xml) as { nmaprun?: { host?: XmlHost[] } };
  const open: string[] = [];
  for (const host of document.nmaprun?.host ?? []) {
    const addresses = Array.isArray(host.address) ? host.address : host.address === undefined ? [] : [host.address];
    const ipv4 = addresses.find((address) => address.addrtype === 'ipv4')?.addr;
    if (ipv4 === undefined) continue;
    for (const port of host.ports?.port ?? []) {
      if (port.protocol === 'tcp' && port.state?.state === 'open') open.push(`${ipv4}:${port.portid}`);
    }
  }
  return open.sort();
}
