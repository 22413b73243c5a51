import { describe, expect, it } from 'vitest';
import { applyAdminFields, applyDiscovery, blankRecord, diffRecords, unionAddresses } from './asset-merge';

const seen = {
  hostname: 'web1.acme.local',
  addresses: ['10.0.0.9'],
  mac: 'aa:bb:cc:dd:ee:ff',
  osFamily: 'linux' as const,
  osName: 'Debian',
  deviceType: 'server' as const,
  openPorts: [{ port: 22, protocol: 'tcp' as const, service: 'ssh', banner: 'SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3' }],
  evidence: [{ source: 'banner' as const, detail: 'SSH banner names Debian' }],
  seenAt: '2026-11-02T10:00:00.000Z',
};

describe('asset merge rules', () => {
  it('keeps address order and appends new ones once', () => {
    expect(unionAddresses(['10.0.0.2', '10.0.0.1'], ['10.0.0.1', '10.0.0.3'])).toEqual(['10.0.0.2', '10.0.0.1', '10.0.0.3']);
  });

  it('lets discovery fill gaps but never overwrite the admin', () => {
    const record = { ...blankRecord(1, 'active', 'manual', '2026-11-01T00:00:00.000Z'), hostname: 'web1', osName: 'Ubuntu 22.04', stale: true, missedScans: 4 };
    const merged = applyDiscovery(record, seen);
    expect(merged).toMatchObject({ hostname: 'web1', osName: 'Ubuntu 22.04', osFamily: 'linux', mac: 'aa:bb:cc:dd:ee:ff', stale: false, missedScans: 0, firstSeenAt: seen.seenAt, lastSeenAt: seen.seenAt });
  });

  it('lets the admin overwrite what they state and nothing else', () => {
    const record = { ...blankRecord(1, 'unreviewed', 'scan', '2026-11-01T00:00:00.000Z'), hostname: 'web1', osName: 'Debian', owner: 'Ana' };
    const merged = applyAdminFields(record, { osName: 'Debian 12', owner: '', tags: ['pci'], osFamily: 'unknown' });
    expect(merged).toMatchObject({ osName: 'Debian 12', owner: 'Ana', tags: ['pci'], osFamily: 'unknown' });
  });

  it('diffs fields, leaving out per-scan noise', () => {
    const before = blankRecord(1, 'active', 'manual', '2026-11-01T00:00:00.000Z');
    const after = { ...before, owner: 'Ben', lastSeenAt: 'x', missedScans: 3, updatedAt: 'y' };
    expect(diffRecords(before, after)).toEqual({ owner: ['', 'Ben'] });
  });
});
