import { describe, expect, it } from 'vitest';
import { hostnameKey, matchAsset, type MatchCandidate } from './asset-matching';

const candidates: MatchCandidate[] = [
  { id: 1, mac: 'aa:bb:cc:00:00:01', hostnameKey: 'web1', addresses: ['10.0.0.10'] },
  { id: 2, mac: '', hostnameKey: 'db1', addresses: ['10.0.0.20'] },
  { id: 3, mac: '', hostnameKey: '', addresses: ['10.0.0.30'] },
];

describe('hostnameKey', () => {
  it('compares short names case-insensitively and ignores addresses', () => {
    expect(hostnameKey('WEB1.corp.example.')).toBe('web1');
    expect(hostnameKey('10.0.0.1')).toBe('');
    expect(hostnameKey('  ')).toBe('');
  });
});

describe('matchAsset', () => {
  it('prefers the MAC over hostname and address', () => {
    expect(matchAsset({ mac: 'AA:BB:CC:00:00:01', hostname: 'db1', addresses: ['10.0.0.20'] }, candidates)).toEqual({ assetId: 1, rule: 'mac' });
  });

  it('falls back to hostname, then address', () => {
    expect(matchAsset({ mac: '', hostname: 'db1.corp', addresses: [] }, candidates)).toEqual({ assetId: 2, rule: 'hostname' });
    expect(matchAsset({ mac: '', hostname: '', addresses: ['10.0.0.30'] }, candidates)).toEqual({ assetId: 3, rule: 'address' });
  });

  it('refuses matches that a stronger identifier contradicts', () => {
    expect(matchAsset({ mac: 'aa:bb:cc:00:00:99', hostname: 'web1', addresses: ['10.0.0.10'] }, candidates)).toBeNull();
    expect(matchAsset({ mac: '', hostname: 'other', addresses: ['10.0.0.20'] }, candidates)).toBeNull();
  });

  it('returns null for a new machine', () => {
    expect(matchAsset({ mac: '', hostname: 'new', addresses: ['10.9.9.9'] }, candidates)).toBeNull();
  });
});
