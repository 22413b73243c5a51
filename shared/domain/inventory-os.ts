/**
 * The end-of-life query for an OS known only from the inventory: the free-text name and version
 * a CSV, an nmap scan, a fingerprint or a person typed ("Windows 7 Professional", "Ubuntu 22.04.3
 * LTS", "Windows Server 2012 R2 Standard"). Collections report os-release IDs and Windows builds;
 * the inventory does not, so the name is read for the product and release it names. Null when it
 * names none the end-of-life table can be asked about (such as nmap's "Linux 5.X").
 */
import type { EolQuery } from './end-of-life';

// Windows client releases whose name alone gives the build.
const WINDOWS_CLIENT: readonly [RegExp, string][] = [
  [/\bwindows\s+xp\b/, '2600'],
  [/\bwindows\s+vista\b/, '6002'],
  [/\bwindows\s+7\b/, '7601'],
  [/\bwindows\s+8\.1\b/, '9600'],
  [/\bwindows\s+8\b(?!\.)/, '9200'],
];

const WINDOWS_SERVER: readonly [RegExp, string][] = [
  [/\bserver\s+2003\b/, '3790'],
  [/\bserver\s+2008\s+r2\b/, '7601'],
  [/\bserver\s+2008\b/, '6003'],
  [/\bserver\s+2012\s+r2\b/, '9600'],
  [/\bserver\s+2012\b/, '9200'],
  [/\bserver\s+2016\b/, '14393'],
  [/\bserver\s+2019\b/, '17763'],
  [/\bserver\s+2022\b/, '20348'],
  [/\bserver\s+2025\b/, '26100'],
];

// Windows 10 and 11 need the feature release ("22H2") or a build to say which.
const FEATURE_RELEASES: Record<'10' | '11', Record<string, string>> = {
  '10': { '2004': '19041', '20h2': '19042', '21h1': '19043', '21h2': '19044', '22h2': '19045' },
  '11': { '21h2': '22000', '22h2': '22621', '23h2': '22631', '24h2': '26100', '25h2': '26200' },
};

// Distribution names as people write them, to os-release IDs. Longer names first.
const LINUX: readonly [RegExp, string][] = [
  [/\bred\s*hat\s+enterprise\s+linux\b|\brhel\b/, 'rhel'],
  [/\boracle\s+linux\b/, 'ol'],
  [/\bsuse\s+linux\s+enterprise\s+server\b|\bsles\b/, 'sles'],
  [/\bamazon\s+linux\b/, 'amzn'],
  [/\brocky\b/, 'rocky'],
  [/\balma\s*linux\b/, 'almalinux'],
  [/\bcentos\b/, 'centos'],
  [/\bdebian\b/, 'debian'],
  [/\bubuntu\b/, 'ubuntu'],
  [/\bfedora\b/, 'fedora'],
  [/\balpine\b/, 'alpine'],
];

/** The query for the end-of-life table an inventory OS name and version stand for; null when none. */
export function inventoryEolQuery(osName: string, osVersion: string): EolQuery | null {
  const text = `${osName} ${osVersion}`.toLowerCase().replace(/\s+/g, ' ').trim();
  if (text === '') return null;
  if (text.includes('windows')) return windowsQuery(text);
  for (const [pattern, id] of LINUX) {
    if (!pattern.test(text)) continue;
    const version = /\b(\d+(?:\.\d+)*)\b/.exec(osVersion.trim() || text.replace(pattern, ' '))?.[1];
    if (!version) return null;
    // Ubuntu's VERSION_ID has no point release ("22.04", not "22.04.3").
    return { osId: id, version: id === 'ubuntu' ? version.split('.').slice(0, 2).join('.') : version, name: osName };
  }
  return null;
}

function windowsQuery(text: string): EolQuery | null {
  const dotted = /\b10\.0\.(\d{5})\b/.exec(text)?.[1];
  const server = text.includes('server');
  if (server) {
    const match = WINDOWS_SERVER.find(([pattern]) => pattern.test(text));
    if (match) return { osId: 'windows-server', version: '', build: match[1], name: text };
    return dotted ? { osId: 'windows-server', version: '', build: dotted, name: text } : null;
  }
  const client = WINDOWS_CLIENT.find(([pattern]) => pattern.test(text));
  if (client) return { osId: 'windows', version: '', build: client[1], name: text };
  if (dotted) return { osId: 'windows', version: '', build: dotted, name: text };
  const major = /\bwindows (10|11)\b/.exec(text)?.[1] as '10' | '11' | undefined;
  if (!major) return null;
  const release = /\b(2004|\d{2}h\d)\b/.exec(text)?.[1];
  const build = release ? FEATURE_RELEASES[major][release] : undefined;
  return build ? { osId: 'windows', version: '', build, name: text } : null;
}
