import { describe, expect, it } from 'vitest';
import { assetClassOf, cadenceMonths, DEFAULT_CADENCES, isDueInMonth } from './cadence';

const asset = (extra: Partial<Parameters<typeof assetClassOf>[0]> = {}) => ({ deviceType: 'server', osFamily: 'linux', osName: '', role: '', tags: [] as string[], ...extra });

describe('cadence rules', () => {
  it('classes assets from their inventory fields, a tag winning over the guess', () => {
    expect(assetClassOf(asset())).toBe('os-and-apps');
    expect(assetClassOf(asset({ deviceType: 'workstation', osFamily: 'windows' }))).toBe('os-and-apps');
    expect(assetClassOf(asset({ deviceType: 'unknown', osFamily: 'unknown' }))).toBe('os-and-apps');
    expect(assetClassOf(asset({ osName: 'VMware ESXi 8.0' }))).toBe('hypervisor');
    expect(assetClassOf(asset({ role: 'Proxmox cluster node' }))).toBe('hypervisor');
    expect(assetClassOf(asset({ deviceType: 'network-device', osFamily: 'network-os' }))).toBe('firmware');
    expect(assetClassOf(asset({ deviceType: 'printer', osFamily: 'embedded' }))).toBe('firmware');
    expect(assetClassOf(asset({ deviceType: 'appliance' }))).toBe('appliance');
    expect(assetClassOf(asset({ role: 'Synology NAS' }))).toBe('appliance');
    expect(assetClassOf(asset({ deviceType: 'network-device', tags: ['Appliance'] }))).toBe('appliance');
  });

  it('is monthly for OS and apps, quarterly for appliances and hypervisors, twice a year for firmware', () => {
    expect(DEFAULT_CADENCES).toEqual({ 'os-and-apps': 'monthly', appliance: 'quarterly', hypervisor: 'quarterly', firmware: 'semiannual' });
    expect(cadenceMonths('monthly')).toHaveLength(12);
    expect(cadenceMonths('quarterly')).toEqual([1, 4, 7, 10]);
    expect(cadenceMonths('semiannual')).toEqual([1, 7]);
    expect(cadenceMonths('quarterly', 2)).toEqual([2, 5, 8, 11]);
    expect(cadenceMonths('semiannual', 11)).toEqual([5, 11]);
    expect(isDueInMonth('quarterly', { year: 2026, month: 11 })).toBe(false);
    expect(isDueInMonth('quarterly', { year: 2027, month: 1 })).toBe(true);
  });
});
