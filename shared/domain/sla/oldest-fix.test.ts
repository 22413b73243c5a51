import { describe, expect, it } from 'vitest';
import { DEFAULT_PATCH_POLICY } from '../patch-policy';
import { parseInstant } from './local-time';
import { fixAgeDays, oldestFixOf } from './oldest-fix';
import { SlaEngine, type FixRecord } from './sla-engine';

const record = (id: number, name: string, firstSeenAt: string, publishedAt: string | null = null): FixRecord => ({
  id,
  assetId: 1,
  name,
  firstSeenAt,
  publishedAt,
  publishedBasis: publishedAt ? 'published' : null,
  resolvedAt: null,
  security: true,
  severity: 'important',
  cves: [],
  advisories: [],
});

describe('oldest missing fix', () => {
  const published = record(1, 'openssl', '2026-11-20T09:00:00Z', '2026-10-01T08:00:00Z');
  const seenOnly = record(2, 'curl', '2026-11-01T09:00:00Z');
  const at = parseInstant('2026-12-01T12:00:00Z');

  it('picks the earliest clock start and ages it in local days from it', () => {
    const engine = new SlaEngine(DEFAULT_PATCH_POLICY, 'Europe/Zurich', []);
    const fixes = [engine.prepare(seenOnly, 1), engine.prepare(published, 1)];
    const oldest = oldestFixOf(engine, fixes, engine.localDay(at));
    expect(oldest?.fix.record.name).toBe('openssl');
    expect(oldest?.fix.clockBasis).toBe('published');
    // 1 Oct to 1 Dec: 61 local days (not the 11 days since first seen).
    expect(oldest?.ageDays).toBe(61);
  });

  it('counts from first seen when the policy says so', () => {
    const engine = new SlaEngine({ ...DEFAULT_PATCH_POLICY, fixAgeBasis: 'first_seen' }, 'Europe/Zurich', []);
    const oldest = oldestFixOf(engine, [engine.prepare(published, 1), engine.prepare(seenOnly, 1)], engine.localDay(at));
    expect([oldest?.fix.record.name, oldest?.fix.clockBasis, oldest?.ageDays]).toEqual(['curl', 'first_seen', 30]);
  });

  it('counts local days in the site zone: 23:30 UTC is the next day in Zurich', () => {
    const engine = new SlaEngine(DEFAULT_PATCH_POLICY, 'Europe/Zurich', []);
    const fix = engine.prepare(record(3, 'late', '2026-11-30T23:30:00Z'), 1);
    expect(fixAgeDays(engine, fix, engine.localDay(at))).toBe(0);
    expect(oldestFixOf(engine, [], engine.localDay(at))).toBeNull();
  });
});
