import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';

/** Reads the kernel's IPv4 neighbour table as address → MAC (lower case, colon-separated). */
export type ArpTableReader = () => Promise<Map<string, string>>;

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const EMPTY_MAC = '00:00:00:00:00:00';

/** Normalises `0:1b:2c:3d:4e:5f` or `00-1B-2C-3D-4E-5F` to `00:1b:2c:3d:4e:5f`; '' when not a unicast MAC. */
export function normaliseMac(text: string): string {
  const octets = text.trim().toLowerCase().split(/[:-]/);
  if (octets.length !== 6 || !octets.every((octet) => /^[0-9a-f]{1,2}$/.test(octet))) return '';
  const mac = octets.map((octet) => octet.padStart(2, '0')).join(':');
  return mac === EMPTY_MAC || mac === 'ff:ff:ff:ff:ff:ff' ? '' : mac;
}

/** Parses Linux's /proc/net/arp, keeping only complete entries (flag ATF_COM, 0x2). */
export function parseProcNetArp(text: string): Map<string, string> {
  const table = new Map<string, string>();
  for (const line of text.split('\n').slice(1)) {
    const [address, , flags, hardware] = line.trim().split(/\s+/);
    if (address === undefined || hardware === undefined || flags === undefined || !IPV4.test(address)) continue;
    if ((Number.parseInt(flags, 16) & 0x2) === 0) continue;
    const mac = normaliseMac(hardware);
    if (mac !== '') table.set(address, mac);
  }
  return table;
}

/**
 * Parses the output of `arp -a` on Windows (`  10.0.0.1   00-11-22-33-44-55   dynamic`) and on
 * macOS or BSD (`? (10.0.0.1) at 0:11:22:33:44:55 on en0 ifscope [ethernet]`).
 */
export function parseArpCommandOutput(text: string): Map<string, string> {
  const table = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const match = /\(?(\d{1,3}(?:\.\d{1,3}){3})\)?\s+(?:at\s+)?([0-9a-fA-F]{1,2}(?:[:-][0-9a-fA-F]{1,2}){5})\b/.exec(line);
    if (match === null) continue;
    const mac = normaliseMac(match[2] ?? '');
    if (mac !== '') table.set(match[1] ?? '', mac);
  }
  return table;
}

function runArpCommand(): Promise<string> {
  return new Promise((resolve) => {
    execFile('arp', ['-a', ...(process.platform === 'win32' ? [] : ['-n'])], { timeout: 5000, windowsHide: true, maxBuffer: 4 * 1024 * 1024 }, (error, stdout) => {
      resolve(error ? '' : stdout);
    });
  });
}

/** The real reader: /proc/net/arp on Linux, `arp -a` elsewhere; an empty table when neither works. */
export const readSystemArpTable: ArpTableReader = async () => {
  if (process.platform === 'linux') {
    try {
      return parseProcNetArp(await readFile('/proc/net/arp', 'utf8'));
    } catch {
      return new Map();
    }
  }
  return parseArpCommandOutput(await runArpCommand());
};
