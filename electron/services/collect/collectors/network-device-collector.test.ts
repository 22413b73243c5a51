import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HostCollection } from '../../../../shared/contract/patch-status';
import { collectNetworkDevice, deviceVendorHint, parseDeviceUptime, type DeviceCommandRunner } from './network-device-collector';

const fixture = (name: string): string => readFileSync(new URL(`../parsers/fixtures/${name}`, import.meta.url), 'utf8');
const options = { timeoutMs: 5000, collectedAt: '2026-11-22T12:00:00Z' };

function device(answers: Record<string, string>): DeviceCommandRunner & { commands: string[]; optionsSeen: unknown[] } {
  return {
    commands: [],
    optionsSeen: [],
    async run(command, opts) {
      this.commands.push(command);
      this.optionsSeen.push(opts);
      const stdout = answers[command];
      return stdout === undefined ? { stdout: '', stderr: `bad command: ${command}`, exitCode: 1 } : { stdout, stderr: '', exitCode: 0 };
    },
  };
}

describe('collectNetworkDevice', () => {
  it('collects a Cisco IOS switch with one raw show version', async () => {
    const runner = device({ 'show version': fixture('ntc_cisco_ios_show_version.raw') });
    const r = await collectNetworkDevice(runner, 'cisco-ios', options);
    if (!r.ok) throw new Error(r.message);
    expect(HostCollection.safeParse(r.value).success).toBe(true);
    expect(runner.commands).toEqual(['show version']);
    expect(runner.optionsSeen[0]).not.toHaveProperty('sudo');
    expect(runner.optionsSeen[0]).not.toHaveProperty('stdin');
    expect(r.value).toMatchObject({ platform: 'network-device', packageManager: 'firmware', pending: [], installed: [], installedCount: 0, rebootRequired: null });
    expect(r.value.os).toMatchObject({ id: 'cisco-ios', name: 'IOS', version: '12.2(54)SG1', build: '12.2(54)SG1' });
    expect(r.value.device).toMatchObject({ vendor: 'Cisco', osName: 'IOS', osVersion: '12.2(54)SG1' });
    expect(r.value.uptimeSeconds).toBeGreaterThan(2 * 365 * 86400);
    expect(r.value.warnings[0]).toMatch(/firmware is tracked for manual patching/);
  });

  it('probes an unknown device in a safe order and stops at the first that parses', async () => {
    const runner = device({ 'get system status': fixture('handmade_fortigate-60f.get-system-status.txt') });
    const r = await collectNetworkDevice(runner, 'unknown', options);
    expect(runner.commands).toEqual(['show version', 'get system status']);
    expect(r).toMatchObject({ ok: true, value: { os: { id: 'fortios' }, device: { vendor: 'Fortinet' } } });
    if (r.ok) expect(r.value.os.build).toMatch(/^\d+\.\d+\.\d+ build\d+$/);
  });

  it('recognises NX-OS from the shared show version command', async () => {
    const r = await collectNetworkDevice(device({ 'show version': fixture('handmade_cisco-nxos_n9k.show-version.txt') }), 'unknown', options);
    expect(r).toMatchObject({ ok: true, value: { os: { id: 'cisco-nxos', name: 'NX-OS' } } });
  });

  it('adds the RouterOS serial and identity when the device has them', async () => {
    const runner = device({
      '/system resource print': fixture('ntc_mikrotik_system_resource_print_1.raw'),
      '/system routerboard print': '       routerboard: yes\n             model: RB4011iGS+\n     serial-number: D4450C1B2C3D\n',
      '/system identity print': '  name: core-rtr\n',
    });
    const r = await collectNetworkDevice(runner, 'routeros', options);
    expect(r).toMatchObject({ ok: true, value: { hostname: 'core-rtr', device: { serial: 'D4450C1B2C3D', model: 'RB4011iGS+' } } });
  });

  it('is unsupported when nothing answers and unparseable when the named vendor does not', async () => {
    const linux = device({ 'show version': 'sh: 1: show: not found\n' });
    const unknown = await collectNetworkDevice(linux, 'unknown', options);
    expect(unknown).toMatchObject({ ok: false, code: 'unsupported_platform' });
    expect(linux.commands).toEqual(['show version', 'get system status', '/system resource print']);
    expect(await collectNetworkDevice(device({}), 'fortios', options)).toMatchObject({ ok: false, code: 'unparseable' });
  });

  it('returns transport failures by code', async () => {
    const runner: DeviceCommandRunner = { run: () => Promise.reject(Object.assign(new Error('lost'), { code: 'connection_lost' })) };
    expect(await collectNetworkDevice(runner, 'cisco-ios', options)).toEqual({ ok: false, code: 'connection_lost', message: 'lost' });
  });
});

describe('deviceVendorHint', () => {
  it.each([
    ['Cisco IOS 15.2', 'cisco-ios'],
    ['cisco IOS-XE', 'cisco-ios'],
    ['Cisco NX-OS 9.3', 'cisco-nxos'],
    ['MikroTik RouterOS 7', 'routeros'],
    ['FortiGate 60F', 'fortios'],
    ['Linux 5.x', 'unknown'],
  ])('%s → %s', (text, vendor) => {
    expect(deviceVendorHint(text)).toBe(vendor);
  });
});

describe('parseDeviceUptime', () => {
  it.each([
    ['2 years, 31 weeks, 6 days, 9 hours, 55 minutes', 2 * 31_536_000 + 31 * 604_800 + 6 * 86_400 + 9 * 3600 + 55 * 60],
    ['190 day(s), 3 hour(s), 8 minute(s), 43 second(s)', 190 * 86_400 + 3 * 3600 + 8 * 60 + 43],
    ['6w5d11h55m45s', 6 * 604_800 + 5 * 86_400 + 11 * 3600 + 55 * 60 + 45],
    ['unknown', null],
  ])('%s', (text, seconds) => {
    expect(parseDeviceUptime(text)).toBe(seconds);
  });
});
