import { describe, expect, it } from 'vitest';
import { normaliseMac, parseArpCommandOutput, parseProcNetArp } from './arp-table';

const PROC_NET_ARP = `IP address       HW type     Flags       HW address            Mask     Device
192.168.1.1      0x1         0x2         a4:91:b1:0c:22:7e     *        eth0
192.168.1.23     0x1         0x2         00:1B:21:3A:4F:5C     *        eth0
192.168.1.40     0x1         0x0         00:00:00:00:00:00     *        eth0
192.168.1.41     0x1         0x6         3c:52:82:aa:bb:cc     *        eth0
`;

const WINDOWS_ARP = `
Interface: 192.168.1.50 --- 0xb
  Internet Address      Physical Address      Type
  192.168.1.1           a4-91-b1-0c-22-7e     dynamic
  192.168.1.23          00-1b-21-3a-4f-5c     dynamic
  192.168.1.255         ff-ff-ff-ff-ff-ff     static
  224.0.0.22            01-00-5e-00-00-16     static
`;

const MACOS_ARP = `? (192.168.1.1) at a4:91:b1:c:22:7e on en0 ifscope [ethernet]
? (192.168.1.23) at 0:1b:21:3a:4f:5c on en0 ifscope [ethernet]
? (192.168.1.99) at (incomplete) on en0 ifscope [ethernet]
`;

describe('parseProcNetArp', () => {
  it('keeps complete entries and normalises MACs', () => {
    expect(parseProcNetArp(PROC_NET_ARP)).toEqual(
      new Map([
        ['192.168.1.1', 'a4:91:b1:0c:22:7e'],
        ['192.168.1.23', '00:1b:21:3a:4f:5c'],
        ['192.168.1.41', '3c:52:82:aa:bb:cc'],
      ]),
    );
  });

  it('copes with an empty table', () => {
    expect(parseProcNetArp('IP address       HW type     Flags       HW address            Mask     Device\n').size).toBe(0);
  });
});

describe('parseArpCommandOutput', () => {
  it('reads Windows output, skipping broadcast', () => {
    const table = parseArpCommandOutput(WINDOWS_ARP);
    expect(table.get('192.168.1.1')).toBe('a4:91:b1:0c:22:7e');
    expect(table.get('192.168.1.23')).toBe('00:1b:21:3a:4f:5c');
    expect(table.has('192.168.1.255')).toBe(false);
  });

  it('reads macOS output with unpadded octets, skipping incomplete entries', () => {
    const table = parseArpCommandOutput(MACOS_ARP);
    expect(table.get('192.168.1.1')).toBe('a4:91:b1:0c:22:7e');
    expect(table.get('192.168.1.23')).toBe('00:1b:21:3a:4f:5c');
    expect(table.has('192.168.1.99')).toBe(false);
  });
});

describe('normaliseMac', () => {
  it('rejects malformed and empty addresses', () => {
    expect(normaliseMac('00:00:00:00:00:00')).toBe('');
    expect(normaliseMac('zz:00:00:00:00:01')).toBe('');
    expect(normaliseMac('00:11:22:33:44')).toBe('');
    expect(normaliseMac('00-11-22-33-44-55')).toBe('00:11:22:33:44:55');
  });
});
