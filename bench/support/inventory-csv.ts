/** A realistic inventory CSV of any size, for benchmarks and load tests. */

const OS = ['Windows Server 2019', 'Windows 11 Pro', 'Ubuntu 22.04', 'Debian 12', 'RHEL 9', 'Cisco IOS', 'macOS 14'];
const TYPES = ['server', 'workstation', 'workstation', 'server', 'server', 'switch', 'laptop'];
const PEOPLE = ['Ana Ruiz', 'Ben Okafor', 'Chen Li', 'Dora Novak', 'Eli Haddad'];
const ROOMS = ['HQ Rack 1', 'HQ Rack 2', 'Branch North', 'Branch South', 'Remote'];

/** `count` rows with unique hostnames, addresses and MACs, `;`-separated as many EU exports are. */
export function makeInventoryCsv(count: number): string {
  const lines = ['Hostname;IP Address;MAC Address;Operating System;Device Type;Owner;Location;Tags'];
  for (let index = 0; index < count; index++) {
    const third = Math.floor(index / 250);
    const fourth = (index % 250) + 1;
    const mac = `02:00:${hex(third >> 8)}:${hex(third & 255)}:${hex(fourth)}:${hex(index & 255)}`;
    const kind = index % OS.length;
    lines.push([`host-${String(index).padStart(5, '0')}`, `10.${20 + (third >> 8)}.${third & 255}.${fourth}`, mac, OS[kind], TYPES[kind], PEOPLE[index % PEOPLE.length], ROOMS[index % ROOMS.length], index % 3 === 0 ? 'pci,backup' : 'office'].join(';'));
  }
  return `${lines.join('\r\n')}\r\n`;
}

function hex(value: number): string {
  return value.toString(16).padStart(2, '0');
}
