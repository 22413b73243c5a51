import { describe, expect, it } from 'vitest';
import { pinFor, windowsSelection } from './windows-selection';

const pending = [
  { name: 'KB5034441', security: true },
  { name: 'KB5033920', security: false },
  { name: 'KB5034439', security: null },
  { name: '3b8f1c2a-0000-4000-8000-00000000a1b2', security: true },
];

describe('windowsSelection', () => {
  it('takes every pending KB for "all" and the security ones for "security", never an update without a KB', () => {
    expect(windowsSelection({ kind: 'all' }, pending)).toEqual(['KB5034441', 'KB5033920', 'KB5034439']);
    expect(windowsSelection({ kind: 'security' }, pending)).toEqual(['KB5034441']);
  });

  it('takes the named KBs the last collection found pending, and named update ids as named', () => {
    expect(windowsSelection({ kind: 'packages', kbs: ['KB5034441', 'KB5099999', 'ffffffff-0000-4000-8000-000000000001'] }, pending)).toEqual(['KB5034441', 'ffffffff-0000-4000-8000-000000000001']);
    expect(windowsSelection({ kind: 'packages' }, pending)).toEqual([]);
  });

  it('finds the pin of an update named by its id among pins keyed by KB, and package pins by name', () => {
    const pins = new Map([
      ['KB5034441', '3b8f1c2a-0000-4000-8000-00000000a1b2@200'],
      ['openssl', '3.0.2'],
    ]);
    expect(pinFor(pins, '3B8F1C2A-0000-4000-8000-00000000A1B2')).toBe('3b8f1c2a-0000-4000-8000-00000000a1b2@200');
    expect([pinFor(pins, 'KB5034441'), pinFor(pins, 'openssl'), pinFor(pins, 'ffffffff-0000-4000-8000-000000000001'), pinFor(pins, 'curl')]).toEqual(['3b8f1c2a-0000-4000-8000-00000000a1b2@200', '3.0.2', undefined, undefined]);
  });
});
