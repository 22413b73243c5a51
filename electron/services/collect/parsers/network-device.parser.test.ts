import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCiscoIos } from './cisco-ios.parser';
import { parseCiscoNxos } from './cisco-nxos.parser';
import { parseFortiOs } from './fortios.parser';
import { parseRouterOs } from './routeros.parser';
import type { DeviceResult, ParseResult } from './types';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

function device(r: ParseResult<DeviceResult>) {
  if (!r.ok) throw new Error(r.error);
  return r.value.device;
}

describe('cisco-ios', () => {
  it('reads the Catalyst 4948E sample', () => {
    expect(device(parseCiscoIos({ stdout: fixture('ntc_cisco_ios_show_version.raw'), exitCode: 0 }))).toEqual({
      vendor: 'Cisco',
      model: 'WS-C4948E',
      osName: 'IOS',
      osVersion: '12.2(54)SG1',
      hostname: 'router1',
      serial: 'CAT1451S15C',
      uptime: '2 years, 31 weeks, 6 days, 9 hours, 55 minutes',
      raw: {
        image: 'cat4500e-ENTSERVICESK9-M',
        imageFile: 'bootflash:cat4500e-entservicesk9-mz.122-54.SG1.bin',
        rom: '12.2(44r)SG9',
        reloadReason: 'reload',
        configRegister: '0x2102',
      },
    });
  });

  it('prefers the unpadded IOS-XE version from the IOS Software line', () => {
    const d = device(
      parseCiscoIos({
        stdout: 'Cisco IOS XE Software, Version 17.03.04\r\nCisco IOS Software [Amsterdam], Catalyst L3 Switch Software (CAT9K_IOSXE), Version 17.3.4, RELEASE SOFTWARE (fc3)\r\nsw1 uptime is 1 week, 2 days\r\ncisco C9300-48P (X86) processor with 1331521K/6147K bytes of memory.\r\nProcessor board ID FOC2222X1AB\r\n',
      }),
    );
    expect(d).toMatchObject({ osName: 'IOS-XE', osVersion: '17.3.4', model: 'C9300-48P', hostname: 'sw1', raw: { xeVersion: '17.03.04' } });
  });

  it('rejects other output', () => {
    expect(parseCiscoIos({ stdout: "% Invalid input detected at '^' marker.\n" }).ok).toBe(false);
    expect(parseCiscoIos({ stdout: 'ROM: Bootstrap program is C3750 boot loader Version 12.2\n' }).ok).toBe(false);
    expect(parseCiscoIos({ stdout: fixture('handmade_cisco-nxos_n9k.show-version.txt') }).ok).toBe(false);
  });
});

describe('cisco-nxos', () => {
  it('reads NX-OS 9 and 7 layouts (hand-made)', () => {
    expect(device(parseCiscoNxos({ stdout: fixture('handmade_cisco-nxos_n9k.show-version.txt') }))).toEqual({
      vendor: 'Cisco',
      model: 'Nexus9000 C93180YC-EX',
      osName: 'NX-OS',
      osVersion: '9.3(5)',
      hostname: 'nx-core-01',
      serial: 'FDO21120U5D',
      uptime: '12 day(s), 3 hour(s), 45 minute(s), 2 second(s)',
      raw: { bios: '07.68', imageFile: 'bootflash:///nxos.9.3.5.bin', reloadReason: 'Reset Requested by CLI command reload' },
    });
    expect(device(parseCiscoNxos({ stdout: fixture('handmade_cisco-nxos_n3k-7.0.show-version.txt') }))).toMatchObject({ model: 'Nexus 3048', osVersion: '7.0(3)I7(8)', hostname: 'tor-sw-02', serial: 'FOC1234X0AB' });
  });

  it('rejects IOS output and garbage', () => {
    expect(parseCiscoNxos({ stdout: fixture('ntc_cisco_ios_show_version.raw') }).ok).toBe(false);
    expect(parseCiscoNxos({ stdout: '\u0000\u0000' }).ok).toBe(false);
  });
});

describe('routeros', () => {
  it('reads the hEX PoE lite sample and splits off the channel', () => {
    const d = device(parseRouterOs({ stdout: fixture('ntc_mikrotik_system_resource_print_1.raw'), exitCode: 0 }));
    expect(d).toMatchObject({ vendor: 'MikroTik', model: 'hEX PoE lite', osName: 'RouterOS', osVersion: '6.48.6', uptime: '6w5d11h55m45s', hostname: null, serial: null });
    expect(d.raw).toMatchObject({ channel: 'long-term', version: '6.48.6 (long-term)', architecture: 'mipsbe' });
    expect(d.raw?.['factorySoftware']).toBeUndefined();
  });

  it('accepts tab padding and appended routerboard lines', () => {
    const d = device(parseRouterOs({ stdout: '\tuptime:\t1d2h\r\n\tversion:\t7.12.2 (stable)\r\n  serial-number: HCQ08ABCDEF\r\n  current-firmware: 7.12.2\r\n' }));
    expect(d).toMatchObject({ osVersion: '7.12.2', serial: 'HCQ08ABCDEF', raw: { channel: 'stable', currentFirmware: '7.12.2' } });
  });

  it('rejects output without a version', () => {
    expect(parseRouterOs({ stdout: 'bad command name resource (line 1 column 9)\n' }).ok).toBe(false);
    expect(parseRouterOs({ stdout: 'version: garbage\n' }).ok).toBe(false);
  });
});

describe('fortios', () => {
  it('reads get system status (hand-made)', () => {
    expect(device(parseFortiOs({ stdout: fixture('handmade_fortigate-60f.get-system-status.txt') }))).toEqual({
      vendor: 'Fortinet',
      model: 'FortiGate-60F',
      osName: 'FortiOS',
      osVersion: '7.2.8',
      hostname: 'FGT-Branch-01',
      serial: 'FGT60FTK21000001',
      uptime: null,
      raw: { build: '1639', buildDate: '240313', releaseType: 'GA.M', operationMode: 'NAT', haMode: 'standalone', bios: '05000029' },
    });
  });

  it('rejects a refused command and other output', () => {
    expect(parseFortiOs({ stdout: 'command parse error before \'status\'\nCommand fail. Return code -61\n' }).ok).toBe(false);
    expect(parseFortiOs({ stdout: 'Version: 1.0\n' }).ok).toBe(false);
  });
});
