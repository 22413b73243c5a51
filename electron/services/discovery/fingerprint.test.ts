import { describe, expect, it } from 'vitest';
import type { OpenPort } from '../../../shared/contract/assets';
import { fingerprint, type FingerprintInput } from './fingerprint';
import { FINGERPRINT_RULES } from './fingerprint-rules';

function tcp(port: number, banner = ''): OpenPort {
  return { port, protocol: 'tcp', service: '', banner };
}

function guess(input: Partial<FingerprintInput>) {
  return fingerprint({ openPorts: [], snmp: null, ...input });
}

function details(input: Partial<FingerprintInput>): string[] {
  return guess(input).evidence.map((item) => `${item.source}: ${item.detail}`);
}

describe('fingerprint: Linux from SSH banners', () => {
  it.each([
    ['SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.6', 'Ubuntu 22.04'],
    ['SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13.5', 'Ubuntu 24.04'],
    ['SSH-2.0-OpenSSH_8.2p1 Ubuntu-4ubuntu0.11', 'Ubuntu 20.04'],
    ['SSH-2.0-OpenSSH_7.6p1 Ubuntu-4ubuntu0.7', 'Ubuntu 18.04'],
    ['SSH-2.0-OpenSSH_5.9p1 Ubuntu-5ubuntu1', 'Ubuntu'],
    ['SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3', 'Debian 12'],
    ['SSH-2.0-OpenSSH_8.4p1 Debian-5+deb11u3', 'Debian 11'],
    ['SSH-2.0-OpenSSH_7.9p1 Debian-10+deb10u4', 'Debian 10'],
    ['SSH-2.0-OpenSSH_9.2p1 Debian-2', 'Debian 12'],
    ['SSH-2.0-OpenSSH_6.0p1 Debian-4+deb7u2', 'Debian 7'],
    ['SSH-2.0-OpenSSH_7.9p1 Raspbian-10+deb10u2', 'Raspberry Pi OS (Debian 10)'],
    ['SSH-2.0-OpenSSH_8.7', 'Linux'],
  ])('%s → %s, a server', (banner, osName) => {
    const result = guess({ openPorts: [tcp(22, banner)] });
    expect(result).toMatchObject({ osFamily: 'linux', osName, deviceType: 'server' });
    expect(result.evidence[0]?.source).toBe('banner');
    expect(result.evidence.at(-1)).toEqual({ source: 'port', detail: 'Linux reachable over SSH: a server' });
  });

  it('explains the guess in words an admin can check', () => {
    expect(details({ openPorts: [tcp(22, 'SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.6')] })).toEqual([
      'banner: 22/tcp banner "SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.6": OpenSSH as packaged by Ubuntu (Ubuntu 22.04)',
      'port: Linux reachable over SSH: a server',
    ]);
  });

  it('prefers a distribution banner over Samba ports that look like Windows', () => {
    const result = guess({ openPorts: [tcp(22, 'SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3'), tcp(139), tcp(445)] });
    expect(result).toMatchObject({ osFamily: 'linux', osName: 'Debian 12', deviceType: 'server' });
    expect(result.evidence.some((item) => item.detail.includes('SMB file sharing') && item.detail.includes('outweighed'))).toBe(true);
  });

  it('names FreeBSD from its OpenSSH package', () => {
    expect(guess({ openPorts: [tcp(22, 'SSH-2.0-OpenSSH_9.3 FreeBSD-20230316')] })).toMatchObject({ osFamily: 'bsd', osName: 'FreeBSD', deviceType: 'server' });
  });

  it('takes the OS name from Apache when SSH says nothing specific', () => {
    const result = guess({ openPorts: [tcp(22, 'SSH-2.0-OpenSSH_8.0'), tcp(80, 'HTTP/1.1 200 OK | Server: Apache/2.4.37 (Rocky Linux)')] });
    expect(result).toMatchObject({ osFamily: 'linux', osName: 'Rocky Linux', deviceType: 'server' });
  });
});

describe('fingerprint: Windows', () => {
  it('calls a host with SMB, RPC and RDP a Windows server', () => {
    const result = guess({ openPorts: [tcp(135), tcp(445), tcp(3389)] });
    expect(result).toMatchObject({ osFamily: 'windows', osName: 'Windows', deviceType: 'server' });
    expect(result.evidence.map((item) => item.detail)).toContain('Windows offering SMB file sharing, WinRM or a web server: a server role');
  });

  it('calls Windows with RDP only a workstation', () => {
    const result = guess({ openPorts: [tcp(3389)] });
    expect(result).toMatchObject({ osFamily: 'windows', deviceType: 'workstation' });
    expect(result.evidence).toEqual([
      { source: 'port', detail: '3389/tcp open: Remote Desktop' },
      { source: 'port', detail: 'Windows with Remote Desktop but no SMB, WinRM or web server: a workstation' },
    ]);
  });

  it('calls Windows with WinRM a server, from the port and the HTTP.sys banner', () => {
    const result = guess({ openPorts: [tcp(135), tcp(5985, 'HTTP/1.1 404 Not Found | Server: Microsoft-HTTPAPI/2.0')] });
    expect(result).toMatchObject({ osFamily: 'windows', deviceType: 'server' });
  });

  it('names the Windows Server release from IIS', () => {
    expect(guess({ openPorts: [tcp(80, 'HTTP/1.1 200 OK | Server: Microsoft-IIS/10.0'), tcp(3389)] })).toMatchObject({
      osFamily: 'windows',
      osName: 'Windows Server 2016 or later',
      deviceType: 'server',
    });
    expect(guess({ openPorts: [tcp(80, 'HTTP/1.1 200 OK | Server: Microsoft-IIS/8.5')] }).osName).toBe('Windows Server 2012 R2');
  });

  it('recognises OpenSSH for Windows', () => {
    expect(guess({ openPorts: [tcp(22, 'SSH-2.0-OpenSSH_for_Windows_8.1'), tcp(3389)] })).toMatchObject({
      osFamily: 'windows',
      osName: 'Windows',
      deviceType: 'workstation',
    });
  });

  it('names the release from the build in an SNMP sysDescr', () => {
    const snmp = {
      sysDescr: 'Hardware: Intel64 Family 6 Model 85 Stepping 7 AT/AT COMPATIBLE - Software: Windows Version 6.3 (Build 17763 Multiprocessor Free)',
      sysName: 'FS01',
    };
    expect(guess({ openPorts: [tcp(445)], snmp })).toMatchObject({ osFamily: 'windows', osName: 'Windows Server 2019 / Windows 10 1809', deviceType: 'server' });
    expect(guess({ snmp: { sysDescr: 'Hardware: x86 - Software: Windows Version 6.3 (Build 20348 Multiprocessor Free)', sysName: '' } }).osName).toBe(
      'Windows Server 2022',
    );
  });
});

describe('fingerprint: network devices', () => {
  it.each([
    ['Cisco IOS Software, C2960 Software (C2960-LANBASEK9-M), Version 15.0(2)SE11, RELEASE SOFTWARE (fc3)', 'Cisco IOS'],
    ['Cisco IOS Software [Cupertino], Catalyst L3 Switch Software (CAT9K_IOSXE), Version 17.9.4a', 'Cisco IOS'],
    ['Cisco IOS XE Software, Version 17.03.04a', 'Cisco IOS XE'],
    ['Cisco NX-OS(tm) n9000, Software (n9000-dk9), Version 9.3(8)', 'Cisco NX OS'],
    ['Cisco Adaptive Security Appliance Version 9.16(3)', 'Cisco ASA'],
    ['RouterOS RB4011iGS+', 'MikroTik RouterOS'],
    ['FortiGate-60F v7.2.5,build1517,230606 (GA.F)', 'FortiOS'],
    ['Juniper Networks, Inc. ex2300-24t Ethernet Switch, kernel JUNOS 21.4R3-S4.9', 'Junos'],
    ['HP J9776A 2530-24G Switch, revision YA.16.11.0012, ROM YA.15.20 (/ws/swbuildm/rel_ukiah_qaoff/code/build/lakes(swbuildm_rel_ukiah_qaoff_rel_ukiah)) ProCurve', 'ProCurve'],
  ])('SNMP "%s" → %s', (sysDescr, osName) => {
    const result = guess({ snmp: { sysDescr, sysName: 'core-sw1' } });
    expect(result).toMatchObject({ osFamily: 'network-os', osName, deviceType: 'network-device' });
    expect(result.evidence[0]?.source).toBe('snmp');
  });

  it('recognises Cisco and MikroTik SSH servers', () => {
    expect(guess({ openPorts: [tcp(22, 'SSH-2.0-Cisco-1.25')] })).toMatchObject({ osFamily: 'network-os', osName: 'Cisco IOS', deviceType: 'network-device' });
    expect(guess({ openPorts: [tcp(22, 'SSH-2.0-ROSSSH')] })).toMatchObject({ osFamily: 'network-os', osName: 'MikroTik RouterOS', deviceType: 'network-device' });
  });

  it('recognises a FortiGate by its certificate', () => {
    const banner = 'TLS subject: CN=FGT60FTK2209XXXX, O=Fortinet; issuer: CN=support, O=Fortinet | HTTP/1.1 200 OK | Server: xxxxxxxx-xxxxx';
    expect(guess({ openPorts: [tcp(443, banner)] })).toMatchObject({ osFamily: 'network-os', osName: 'FortiOS', deviceType: 'network-device' });
  });

  it('calls a pfSense box a BSD network device', () => {
    expect(guess({ snmp: { sysDescr: 'pfSense fw01.example.lan 2.7.2-RELEASE FreeBSD 14.0-CURRENT amd64', sysName: '' } })).toMatchObject({
      osFamily: 'bsd',
      osName: 'pfSense',
      deviceType: 'network-device',
    });
  });
});

describe('fingerprint: printers', () => {
  it.each([[9100], [515], [631]])('calls a host with only %i open a printer', (port) => {
    expect(guess({ openPorts: [tcp(port)] }).deviceType).toBe('printer');
  });

  it('recognises printers by SNMP and web interface', () => {
    expect(guess({ snmp: { sysDescr: 'HP ETHERNET MULTI-ENVIRONMENT,ROM none,JETDIRECT,JD153,EEPROM JSI24090012,CIDATE 06/16/2023 HP Color LaserJet MFP M480f', sysName: '' } })).toMatchObject({
      osFamily: 'embedded',
      deviceType: 'printer',
    });
    expect(guess({ snmp: { sysDescr: 'Brother NC-8300w, Firmware Ver.1.08  (20.06.11),MID 8CE-K12,FID 2', sysName: '' } }).deviceType).toBe('printer');
    expect(guess({ openPorts: [tcp(80, 'HTTP/1.1 200 OK | Server: HP HTTP Server; HP Color LaserJet MFP M480f - 3QA55A; Serial Number: CNXXXXXX')] }).deviceType).toBe('printer');
  });

  it('keeps a Linux server with CUPS a server', () => {
    expect(guess({ openPorts: [tcp(22, 'SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3'), tcp(631)] }).deviceType).toBe('server');
  });
});

describe('fingerprint: appliances', () => {
  it('recognises hypervisors', () => {
    expect(guess({ openPorts: [tcp(22, 'SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u2'), tcp(8006, 'TLS subject: CN=pve01.example.lan; issuer: CN=Proxmox Virtual Environment, O=PVE Cluster Manager CA | HTTP/1.1 501 method \'HEAD\' not available | Server: pve-api-daemon/3.0')] })).toMatchObject({
      osFamily: 'linux',
      osName: 'Proxmox VE',
      deviceType: 'appliance',
    });
    expect(guess({ snmp: { sysDescr: 'VMware ESXi 7.0.3 build-21930508 VMware, Inc. x86_64', sysName: 'esxi01' } })).toMatchObject({
      osFamily: 'other',
      osName: 'VMware ESXi 7.0.3',
      deviceType: 'appliance',
    });
    expect(guess({ openPorts: [tcp(443, 'TLS subject: CN=esxi02.example.lan, O=VMware, Inc.; issuer: CN=CA, O=VMware Installer')] }).deviceType).toBe('appliance');
  });

  it('recognises NAS boxes even though they run Linux with SSH', () => {
    expect(guess({ openPorts: [tcp(22, 'SSH-2.0-OpenSSH_8.2'), tcp(5001, 'TLS subject: CN=synology, O=Synology Inc.; issuer: CN=Synology Inc. CA, O=Synology Inc.')] })).toMatchObject({
      osFamily: 'linux',
      osName: 'Synology DSM',
      deviceType: 'appliance',
    });
    expect(guess({ openPorts: [tcp(443, 'HTTP/1.1 200 OK | Server: http server 1.0 QNAP')] }).deviceType).toBe('appliance');
  });

  it('recognises UPS cards and management controllers', () => {
    expect(guess({ snmp: { sysDescr: 'APC Web/SNMP Management Card (MB:v4.1.0 PF:v6.9.6 PN:apc_hw05_aos_696.bin)', sysName: '' } }).deviceType).toBe('appliance');
    expect(guess({ openPorts: [tcp(443, 'TLS subject: CN=ilo-srv01.example.lan, O=Hewlett Packard Enterprise; issuer: CN=Default Issuer | HTTP/1.1 200 OK | Server: HPE-iLO-Server/1.0')] }).deviceType).toBe('appliance');
  });
});

describe('fingerprint: weak and missing evidence', () => {
  it('knows nothing from nothing', () => {
    expect(guess({})).toEqual({ osFamily: 'unknown', osName: '', deviceType: 'unknown', evidence: [] });
  });

  it('knows nothing from a lone web server with a generic banner', () => {
    expect(guess({ openPorts: [tcp(80, 'HTTP/1.1 200 OK | Server: nginx')] })).toMatchObject({ osFamily: 'unknown', deviceType: 'unknown' });
  });

  it('uses host-name hints only when nothing stronger is known', () => {
    const result = guess({ openPorts: [tcp(80)], hostname: 'prn-2f-east.example.lan' });
    expect(result.deviceType).toBe('printer');
    expect(result.evidence).toEqual([{ source: 'dns', detail: 'host name "prn-2f-east.example.lan": name of a printer' }]);
    expect(guess({ openPorts: [tcp(3389)], hostname: 'DESKTOP-7H2K9QF.corp.example.lan' }).deviceType).toBe('workstation');
    expect(guess({ openPorts: [tcp(22, 'SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3')], hostname: 'printer-test.example.lan' }).deviceType).toBe('server');
    expect(guess({ openPorts: [tcp(80)], hostname: 'sw01.example.lan' }).deviceType).toBe('network-device');
    expect(guess({ openPorts: [tcp(80)], hostname: 'apps.example.lan' }).deviceType).toBe('unknown');
  });

  it('marks embedded web servers without claiming a device type', () => {
    expect(guess({ openPorts: [tcp(80, 'HTTP/1.1 200 OK | Server: lighttpd/1.4.59')] })).toMatchObject({ osFamily: 'embedded', deviceType: 'unknown' });
  });

  it('keeps every rule well-formed', () => {
    for (const rule of FINGERPRINT_RULES) {
      expect(rule.os !== undefined || rule.device !== undefined).toBe(true);
      expect(rule.why.length).toBeGreaterThan(3);
    }
  });
});
