import { describe, expect, it } from 'vitest';
import {
  accessFromText,
  deviceTypeFromText,
  formatAccessCell,
  looksLikeIpv4Cell,
  looksLikeMacCell,
  normaliseMac,
  osFamilyFromText,
  splitAddressCell,
  splitTagCell,
} from './asset-cell-values';

describe('cell splitting', () => {
  it('splits addresses on ; , | and blanks', () => {
    expect(splitAddressCell(' 10.0.0.1; 10.0.0.2,10.0.0.3 | 10.0.0.4\t10.0.0.5\n10.0.0.6 ')).toEqual([
      '10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.5', '10.0.0.6',
    ]);
    expect(splitAddressCell('  ')).toEqual([]);
    expect(looksLikeIpv4Cell('10.0.0.1; 10.0.0.2')).toBe(true);
    expect(looksLikeIpv4Cell('10.0.0.1; web')).toBe(false);
    expect(looksLikeIpv4Cell('')).toBe(false);
  });

  it('splits tags on ; and , keeping inner blanks and dropping repeats', () => {
    expect(splitTagCell('prod; web server,prod,, ;dmz')).toEqual(['prod', 'web server', 'dmz']);
  });
});

describe('normaliseMac', () => {
  it.each([
    ['00:1B:21:aa:BB:cc', '00:1b:21:aa:bb:cc'],
    ['00-1b-21-aa-bb-cc', '00:1b:21:aa:bb:cc'],
    ['001b.21aa.bbcc', '00:1b:21:aa:bb:cc'],
    ['001B21AABBCC', '00:1b:21:aa:bb:cc'],
  ])('reads %s', (input, expected) => {
    expect(normaliseMac(input)).toBe(expected);
  });

  it('rejects what is not a MAC address', () => {
    expect(normaliseMac('00:1b:21:aa:bb')).toBeNull();
    expect(normaliseMac('zz:1b:21:aa:bb:cc')).toBeNull();
  });

  it('does not take bare hex for a MAC when guessing columns', () => {
    expect(looksLikeMacCell('00:1b:21:aa:bb:cc')).toBe(true);
    expect(looksLikeMacCell('123456789012')).toBe(false);
  });
});

describe('osFamilyFromText', () => {
  it.each([
    ['Windows Server 2019', 'windows'],
    ['Microsoft Windows 11 Pro', 'windows'],
    ['Win10', 'windows'],
    ['Ubuntu 22.04', 'linux'],
    ['RHEL', 'linux'],
    ['Red Hat Enterprise Linux 9', 'linux'],
    ['Debian', 'linux'],
    ['Rocky Linux 8', 'linux'],
    ['macOS', 'macos'],
    ['Mac OS X 10.15', 'macos'],
    ['FreeBSD 14', 'bsd'],
    ['Cisco IOS', 'network-os'],
    ['IOS-XE 17.3', 'network-os'],
    ['RouterOS', 'network-os'],
    ['FortiOS 7.2', 'network-os'],
    ['JunOS', 'network-os'],
    ['pfSense', 'network-os'],
    ['iOS 17', 'other'],
    ['VxWorks', 'embedded'],
    ['Solaris 11', 'other'],
    ['linux', 'linux'],
    ['network-os', 'network-os'],
    ['BeOS', 'unknown'],
    ['', 'unknown'],
  ])('%s → %s', (input, expected) => {
    expect(osFamilyFromText(input)).toBe(expected);
  });
});

describe('deviceTypeFromText', () => {
  it.each([
    ['server', 'server'],
    ['Workstation', 'workstation'],
    ['Laptop', 'workstation'],
    ['PC', 'workstation'],
    ['Desktop', 'workstation'],
    ['switch', 'network-device'],
    ['Router', 'network-device'],
    ['Firewall', 'network-device'],
    ['AP', 'network-device'],
    ['network-device', 'network-device'],
    ['MFP', 'printer'],
    ['Network printer', 'printer'],
    ['NAS', 'appliance'],
    ['UPS', 'appliance'],
    ['Hypervisor', 'appliance'],
    ['Dell PowerEdge server', 'server'],
    ['', 'unknown'],
    ['n/a', 'unknown'],
  ])('%s → %s', (input, expected) => {
    expect(deviceTypeFromText(input)).toBe(expected);
  });

  it('returns null for what it does not know', () => {
    expect(deviceTypeFromText('toaster')).toBeNull();
  });
});

describe('access cells', () => {
  it('reads methods, synonyms, users and ports', () => {
    expect(accessFromText('')).toEqual({ method: 'none', port: null, username: '' });
    expect(accessFromText('SSH')).toEqual({ method: 'ssh', port: null, username: '' });
    expect(accessFromText('WinRM')).toEqual({ method: 'winrm', port: null, username: '' });
    expect(accessFromText('none')).toEqual({ method: 'none', port: null, username: '' });
    expect(accessFromText('root@ssh:2222')).toEqual({ method: 'ssh', port: 2222, username: 'root' });
    expect(accessFromText('admin@corp.local@winrm:5986')).toEqual({ method: 'winrm', port: 5986, username: 'admin@corp.local' });
  });

  it('rejects unknown methods and impossible ports', () => {
    expect(accessFromText('telnet')).toBeNull();
    expect(accessFromText('ssh:70000')).toBeNull();
    expect(accessFromText('ssh:0')).toBeNull();
  });

  it('writes what it reads', () => {
    for (const access of [
      { method: 'ssh', port: null, username: '' },
      { method: 'ssh', port: 2222, username: 'root' },
      { method: 'winrm', port: null, username: 'CORP\\admin' },
      { method: 'none', port: null, username: '' },
    ] as const) {
      expect(accessFromText(formatAccessCell(access))).toEqual(access);
    }
  });
});
