import { describe, expect, it } from 'vitest';
import type { DiscoveredHost, ScanSummary } from '../../../../shared/contract';
import { isRunning, latestScanForSite, reduceScans } from './scan-state';

const host = (address: string): DiscoveredHost => ({ address, hostname: '', mac: '', openPorts: [], osFamily: 'unknown', osName: '', deviceType: 'unknown', evidence: [], snmp: null });
const summary: ScanSummary = {
  id: 7,
  siteId: 1,
  targets: ['127.0.0.1'],
  ports: [22],
  status: 'completed',
  startedAt: '2026-11-22T10:00:00.000Z',
  finishedAt: '2026-11-22T10:00:05.000Z',
  totalAddresses: 4,
  probedAddresses: 4,
  liveHosts: 2,
  newHosts: 1,
  staleMarked: 0,
  error: '',
};

describe('reduceScans', () => {
  it('follows a scan from start to finish', () => {
    let state = reduceScans({}, [{ type: 'started', jobId: 'j1', scanId: 7, siteId: 1, totalAddresses: 4 }]);
    state = reduceScans(state, [
      { type: 'progress', event: { jobId: 'j1', scanId: 7, probedAddresses: 2, totalAddresses: 4, liveHosts: 1, elapsedMs: 300 } },
      { type: 'host', event: { jobId: 'j1', scanId: 7, host: host('127.0.0.1'), merge: 'new', assetId: 3 } },
      { type: 'host', event: { jobId: 'j1', scanId: 7, host: host('127.0.0.2'), merge: 'updated', assetId: 4 } },
    ]);
    expect(state.j1).toMatchObject({ probedAddresses: 2, liveHosts: 2, siteId: 1 });
    expect(state.j1!.hosts.map((entry) => entry.merge)).toEqual(['new', 'updated']);
    expect(isRunning(state.j1!)).toBe(true);
    state = reduceScans(state, [{ type: 'finished', event: { jobId: 'j1', summary } }]);
    expect(isRunning(state.j1!)).toBe(false);
    expect(state.j1!.probedAddresses).toBe(4);
  });

  it('keeps what events reported when they overtake the start answer, and ignores duplicate hosts', () => {
    let state = reduceScans({}, [
      { type: 'host', event: { jobId: 'j2', scanId: 8, host: host('10.0.0.1'), merge: 'new', assetId: 1 } },
      { type: 'host', event: { jobId: 'j2', scanId: 8, host: host('10.0.0.1'), merge: 'new', assetId: 1 } },
    ]);
    state = reduceScans(state, [{ type: 'started', jobId: 'j2', scanId: 8, siteId: 2, totalAddresses: 256 }]);
    expect(state.j2!.hosts).toHaveLength(1);
    expect(state.j2!.siteId).toBe(2);
    expect(latestScanForSite(state, 2, new Set())?.jobId).toBe('j2');
  });

  it('attributes scans seen only through events by scan id', () => {
    const state = reduceScans({}, [{ type: 'progress', event: { jobId: 'j3', scanId: 9, probedAddresses: 1, totalAddresses: 10, liveHosts: 0, elapsedMs: 5 } }]);
    expect(latestScanForSite(state, 1, new Set([9]))?.jobId).toBe('j3');
    expect(latestScanForSite(state, 1, new Set())).toBeNull();
  });
});
