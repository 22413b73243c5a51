/** How a banner is read from an open port. */
/**
 * How a banner is read: SSH identification, an HTTP HEAD, a TLS handshake, or (any other open
 * port) whatever the server says first, as nmap's NULL probe does (FTP, SMTP, SSH on 2222...).
 */
export type BannerProtocol = 'ssh' | 'http' | 'https' | 'greeting';

/** Which ports get which banner grab, by protocol. */
export type BannerPorts = Readonly<Record<Exclude<BannerProtocol, 'greeting'>, readonly number[]>>;

/** The ports whose banners are read by default. */
export const DEFAULT_BANNER_PORTS: BannerPorts = {
  ssh: [22],
  http: [80, 8080, 5985],
  https: [443, 5986, 8443],
};

// nmap's service names, so a scan and an nmap import of the same host read the same.
const WELL_KNOWN_SERVICES: ReadonlyMap<number, string> = new Map([
  [21, 'ftp'],
  [22, 'ssh'],
  [23, 'telnet'],
  [25, 'smtp'],
  [53, 'domain'],
  [80, 'http'],
  [88, 'kerberos-sec'],
  [110, 'pop3'],
  [135, 'msrpc'],
  [139, 'netbios-ssn'],
  [143, 'imap'],
  [389, 'ldap'],
  [443, 'https'],
  [445, 'microsoft-ds'],
  [515, 'printer'],
  [548, 'afp'],
  [631, 'ipp'],
  [636, 'ldapssl'],
  [1433, 'ms-sql-s'],
  [3306, 'mysql'],
  [3389, 'ms-wbt-server'],
  [5432, 'postgresql'],
  [5900, 'vnc'],
  [5985, 'wsman'],
  [5986, 'wsmans'],
  [8080, 'http-proxy'],
  [8443, 'https-alt'],
  [9100, 'jetdirect'],
]);

/** The conventional service name of a TCP port, or '' when it has none worth showing. */
export function serviceName(port: number): string {
  return WELL_KNOWN_SERVICES.get(port) ?? '';
}

/** The banner grab to use on a port, or null when the port gets none. */
export function bannerProtocolFor(port: number, table: BannerPorts = DEFAULT_BANNER_PORTS): BannerProtocol {
  if (table.ssh.includes(port)) return 'ssh';
  if (table.http.includes(port)) return 'http';
  if (table.https.includes(port)) return 'https';
  return 'greeting';
}
