import { describe, expect, it } from 'vitest';
import { compareCoverageGaps, coverageGapPhrase, measuredBySuccesses, measurementAt, type CoverageGap } from './coverage';

const END = Date.parse('2026-11-01T00:00:00.000Z');
const ok = (at: string) => ({ latest: { at, outcome: 'ok' as const, errorCode: null, message: '' }, lastSuccessAt: at });

describe('measurementAt', () => {
  it('counts an asset collected within the freshness limit as measured, the limit included', () => {
    expect(measurementAt(ok('2026-10-30T10:00:00.000Z'), END, 7)).toEqual({ measured: true, lastSuccessAt: '2026-10-30T10:00:00.000Z' });
    expect(measurementAt(ok('2026-10-25T00:00:00.000Z'), END, 7).measured).toBe(true);
  });

  it('calls an older success stale, with the instant it stopped counting', () => {
    expect(measurementAt(ok('2026-10-24T23:59:59.000Z'), END, 7)).toEqual({ measured: false, reason: 'stale', lastSuccessAt: '2026-10-24T23:59:59.000Z', staleSince: '2026-10-31T23:59:59.000Z', failure: null });
  });

  it('keeps an asset measured by a fresh success when a later attempt failed', () => {
    const facts = { latest: { at: '2026-10-31T08:00:00.000Z', outcome: 'failed' as const, errorCode: 'timeout', message: 'SSH timed out' }, lastSuccessAt: '2026-10-30T08:00:00.000Z' };
    expect(measurementAt(facts, END, 7)).toEqual({ measured: true, lastSuccessAt: '2026-10-30T08:00:00.000Z' });
  });

  it('calls a failure after a stale success, or with none, last failed, with the error', () => {
    const failure = { at: '2026-10-31T08:00:00.000Z', outcome: 'failed' as const, errorCode: 'auth_failed', message: 'WinRM rejected the credential' };
    expect(measurementAt({ latest: failure, lastSuccessAt: '2026-09-01T00:00:00.000Z' }, END, 7)).toMatchObject({ measured: false, reason: 'last_failed', lastSuccessAt: '2026-09-01T00:00:00.000Z', failure: { errorCode: 'auth_failed' } });
    expect(measurementAt({ latest: failure, lastSuccessAt: null }, END, 7)).toMatchObject({ measured: false, reason: 'last_failed', lastSuccessAt: null, staleSince: null });
  });

  it('calls an asset never attempted never collected', () => {
    expect(measurementAt({ latest: null, lastSuccessAt: null }, END, 7)).toEqual({ measured: false, reason: 'never_collected', lastSuccessAt: null, staleSince: null, failure: null });
  });

  it('trusts the facts it is given: a success stamped after the instant (a host clock ahead) counts', () => {
    expect(measurementAt(ok('2026-11-01T00:05:00.000Z'), END, 7).measured).toBe(true);
  });

  it('gives the same verdict from the list of successes', () => {
    const successes = [Date.parse('2026-10-01T00:00:00Z'), Date.parse('2026-10-28T00:00:00Z')];
    expect(measuredBySuccesses(successes, END, 7)).toBe(true);
    expect(measuredBySuccesses(successes, END, 3)).toBe(false);
    expect(measuredBySuccesses(successes, Date.parse('2026-10-05T00:00:00Z'), 7)).toBe(true);
    expect(measuredBySuccesses([], END, 7)).toBe(false);
  });
});

describe('coverage gap lists', () => {
  const gap = (assetId: number, assetName: string, tier: CoverageGap['tier'], reason: CoverageGap['reason']): CoverageGap => ({ assetId, assetName, tier, reason, lastSuccessAt: null, staleSince: reason === 'stale' ? '2026-10-31T23:00:00.000Z' : null, failure: reason === 'last_failed' ? { at: '2026-10-31T08:00:00.000Z', errorCode: 'timeout', message: 'SSH timed out' } : null });

  it('orders by reason, then tier (unclassified last), then name', () => {
    const gaps = [gap(1, 'b', 1, 'stale'), gap(2, 'a', null, 'never_collected'), gap(3, 'c', 2, 'last_failed'), gap(4, 'z', 1, 'never_collected'), gap(5, 'y', 1, 'never_collected')];
    expect(gaps.sort(compareCoverageGaps).map((g) => g.assetId)).toEqual([5, 4, 2, 3, 1]);
  });

  it('words each reason the same everywhere, dates in the site zone', () => {
    expect(coverageGapPhrase(gap(1, 'a', 1, 'never_collected'), 'UTC')).toBe('never collected');
    expect(coverageGapPhrase(gap(1, 'a', 1, 'last_failed'), 'UTC')).toBe('last collection failed: SSH timed out');
    expect(coverageGapPhrase(gap(1, 'a', 1, 'stale'), 'UTC')).toBe('stale since 2026-10-31');
    expect(coverageGapPhrase(gap(1, 'a', 1, 'stale'), 'Europe/Berlin')).toBe('stale since 2026-11-01');
  });
});
