import { describe, expect, it } from 'vitest';
import { defaultScanForm, parsePorts, toScanRequest, validateScanForm } from './scan-form-model';

describe('parsePorts', () => {
  it('reads lists and ranges, deduplicated and sorted', () => {
    expect(parsePorts('443, 22 80-82,22')).toEqual({ ok: true, ports: [22, 80, 81, 82, 443] });
  });

  it('rejects nonsense, out-of-range and too many ports', () => {
    expect(parsePorts('ssh').ok).toBe(false);
    expect(parsePorts('0').ok).toBe(false);
    expect(parsePorts('90-80').ok).toBe(false);
    expect(parsePorts('1-2000').ok).toBe(false);
    expect(parsePorts('').ok).toBe(false);
  });
});

describe('scan form', () => {
  const site = { networks: ['127.0.0.1-4'] };

  it('starts from the site networks and the default profile', () => {
    const values = defaultScanForm(site);
    expect(validateScanForm(values)).toEqual({});
    expect(toScanRequest(3, values, false)).toEqual({
      siteId: 3,
      targets: ['127.0.0.1-4'],
      options: { ports: [22, 80, 135, 443, 445, 3389, 5985, 5986], timeoutMs: 1500, concurrency: 512, reverseDns: true, grabBanners: true },
      confirmLarge: false,
    });
  });

  it('reports each invalid field', () => {
    const errors = validateScanForm({ ...defaultScanForm(site), targetsText: '10.0.0.0/40', portsText: 'x', timeoutMs: '10', concurrency: 'lots' });
    expect(Object.keys(errors).sort()).toEqual(['concurrency', 'ports', 'targets', 'timeoutMs']);
  });

  it('sends the SNMP community only when given', () => {
    expect(toScanRequest(1, { ...defaultScanForm(site), snmpCommunity: 'public' }, true).options).toMatchObject({ snmpCommunity: 'public' });
  });
});
