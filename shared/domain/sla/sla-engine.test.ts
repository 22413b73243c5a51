import { describe, expect, it } from 'vitest';
import { DEFAULT_PATCH_POLICY } from '../patch-policy';
import type { Tier } from '../risk-tier';
import { breachIntervals } from './testing/reference-compliance';
import type { PatchException } from './exception-status';
import { formatInstant, localDateOf, parseInstant } from './local-time';
import { slaDeadline, slaStatus } from './testing/reference-sla-clock';
import { instantMs, SlaEngine, type FixRecord } from './sla-engine';

const DAY = 86_400_000;
const BERLIN = 'Europe/Berlin';

/** A small deterministic generator, so a failure names a reproducible case. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

const NAMES = ['openssl', 'openssl.x86_64', 'curl', 'bash', 'sudo', '2026-10 Cumulative Update for Windows Server 2022 (KB5066782)', 'Security Intelligence Update (KB2267602)'];
const SEVERITIES = ['', 'Critical', 'Important', 'Moderate/Sec.', 'low', 'high', '9.8', 'untriaged'];

function fixes(count: number, seed: number): { record: FixRecord; tier: Tier | null }[] {
  const next = random(seed);
  const start = parseInstant('2026-01-01T00:00:00Z');
  const tiers: (Tier | null)[] = [1, 2, 3, 4, null];
  return Array.from({ length: count }, (_, i) => {
    const firstSeen = start + Math.floor(next() * 300 * DAY) + Math.floor(next() * 24) * 3_600_000 + 1234;
    const open = next() < 0.4;
    const resolved = open ? null : firstSeen + Math.floor(next() * 120 * DAY) + 5_000;
    // Half the fixes carry a publication date: most before first seen, a few after (ignored).
    const published = next() < 0.5 ? firstSeen - Math.floor((next() - 0.1) * 200 * DAY) : null;
    return {
      tier: tiers[i % tiers.length] ?? null,
      record: {
        id: i + 1,
        assetId: 1 + (i % 7),
        name: NAMES[Math.floor(next() * NAMES.length)] ?? 'openssl',
        firstSeenAt: formatInstant(firstSeen),
        resolvedAt: resolved === null ? null : formatInstant(resolved),
        security: next() < 0.2 ? null : next() < 0.7,
        severity: SEVERITIES[Math.floor(next() * SEVERITIES.length)] ?? '',
        cves: next() < 0.5 ? ['CVE-2026-1111'] : ['CVE-2026-2222'],
        advisories: next() < 0.5 ? ['RHSA-2026:1234'] : [],
        publishedAt: published === null ? null : formatInstant(published),
        publishedBasis: published === null ? null : next() < 0.8 ? 'published' : 'repository_date',
      },
    };
  });
}

const EXCEPTIONS: PatchException[] = [
  { id: 1, scope: { kind: 'asset', assetId: 1 }, startsAt: '2026-03-01T00:00:00Z', expiresAt: '2026-05-01T00:00:00Z' },
  { id: 2, scope: { kind: 'package', value: 'OpenSSL' }, startsAt: '2026-04-10T08:00:00Z', expiresAt: '2026-07-01T00:00:00Z', closedAt: '2026-06-01T00:00:00Z' },
  { id: 3, scope: { kind: 'cve', assetId: 3, value: 'cve-2026-1111' }, startsAt: '2026-02-01T00:00:00Z', expiresAt: '2026-04-01T00:00:00Z', renewedById: 4 },
  { id: 4, scope: { kind: 'cve', assetId: 3, value: 'CVE-2026-1111' }, startsAt: '2026-03-25T00:00:00Z', expiresAt: '2026-06-20T00:00:00Z' },
  { id: 5, scope: { kind: 'kb', value: 'KB5066782' }, startsAt: '2026-09-01T00:00:00Z', expiresAt: '2026-11-15T00:00:00Z' },
  { id: 6, scope: { kind: 'update', value: 'RHSA-2026:1234' }, startsAt: '2026-08-01T00:00:00Z', expiresAt: '2026-09-15T00:00:00Z' },
  { id: 7, scope: { kind: 'asset', assetId: 2 }, startsAt: '2026-10-01T00:00:00Z', expiresAt: '2026-09-01T00:00:00Z' },
];

const INSTANTS = ['2026-02-15T12:00:00Z', '2026-03-29T00:30:00Z', '2026-04-30T23:59:59Z', '2026-06-01T00:00:00Z', '2026-08-20T06:00:00Z', '2026-10-25T01:30:00Z', '2026-11-02T09:00:00Z', '2027-01-01T00:00:00Z'];

describe('SlaEngine', () => {
  it('reads local dates as localDateOf does, across DST changes and in odd zones', () => {
    const zones = [BERLIN, 'America/Santiago', 'Africa/Cairo', 'America/St_Johns', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Pacific/Chatham', 'UTC'];
    const next = random(7);
    for (const zone of zones) {
      const engine = new SlaEngine(DEFAULT_PATCH_POLICY, zone, []);
      for (let i = 0; i < 800; i++) {
        const ms = parseInstant('2024-01-01T00:00:00Z') + Math.floor(next() * 3 * 365 * DAY);
        expect(engine.localDate(ms), `${zone} ${formatInstant(ms)}`).toEqual(localDateOf(ms, zone));
      }
      // Every hour around the 2026 changes, where a fall-back across midnight happens in some zones.
      for (let ms = parseInstant('2026-03-20T00:00:00Z'); ms < parseInstant('2026-04-10T00:00:00Z'); ms += 3_600_000 / 4) expect(engine.localDate(ms)).toEqual(localDateOf(ms, zone));
      for (let ms = parseInstant('2026-10-20T00:00:00Z'); ms < parseInstant('2026-11-05T00:00:00Z'); ms += 3_600_000 / 4) expect(engine.localDate(ms)).toEqual(localDateOf(ms, zone));
    }
  });

  it('gives the deadline, standing and breach intervals the domain gives, fix by fix', () => {
    const engine = new SlaEngine(DEFAULT_PATCH_POLICY, BERLIN, EXCEPTIONS);
    for (const { record, tier } of fixes(400, 42)) {
      const fix = engine.prepare(record, tier);
      const item = { ...record, tier, timeZone: BERLIN, severity: record.severity || null };
      const deadline = slaDeadline(item, DEFAULT_PATCH_POLICY);
      expect({ dueDate: fix.dueDate, dueAt: formatInstant(fix.dueAtMs), tier: fix.tier, severity: fix.severity, slaDays: fix.slaDays, clockBasis: fix.clockBasis }).toEqual({
        clockBasis: deadline.clockBasis,
        dueDate: deadline.dueDate,
        dueAt: deadline.dueAt,
        tier: deadline.tier,
        severity: deadline.severity,
        slaDays: deadline.slaDays,
      });
      for (const at of INSTANTS) {
        const atMs = parseInstant(at);
        if (!engine.missingAt(fix, atMs)) continue;
        const expected = slaStatus(item, DEFAULT_PATCH_POLICY, at, EXCEPTIONS);
        const standing = engine.standing(fix, atMs);
        expect({ ...standing, exception: standing.exception?.id ?? null }, `fix ${record.id} at ${at}`).toEqual({
          state: expected.state,
          overdueDays: expected.overdueDays,
          remainingDays: expected.remainingDays,
          exception: expected.exception?.id ?? null,
        });
      }
      for (const [from, to] of [
        ['2026-01-01T00:00:00Z', '2026-12-31T00:00:00Z'],
        ['2026-04-01T00:00:00Z', '2026-05-01T00:00:00Z'],
        ['2026-10-01T00:00:00Z', '2026-11-02T09:00:00Z'],
      ] as const) {
        const got = engine.breachIntervals(fix, parseInstant(from), parseInstant(to)).map((i) => ({ from: formatInstant(i.from), to: formatInstant(i.to) }));
        expect(got, `fix ${record.id} in ${from}..${to}`).toEqual(breachIntervals({ ...item }, DEFAULT_PATCH_POLICY, EXCEPTIONS, { from, to }));
      }
    }
  });

  it('starts the clock at publication, yet counts breach time only from first seen', () => {
    const record: FixRecord = { id: 1, assetId: 1, name: 'openssl', firstSeenAt: '2026-11-02T09:00:00.000Z', publishedAt: '2026-06-01T00:00:00.000Z', publishedBasis: 'published', resolvedAt: null, security: true, severity: 'Critical', cves: [], advisories: [] };
    const fix = new SlaEngine(DEFAULT_PATCH_POLICY, BERLIN, []).prepare(record, 1);
    expect({ basis: fix.clockBasis, dueDate: fix.dueDate }).toEqual({ basis: 'published', dueDate: '2026-06-08' });
    const engine = new SlaEngine(DEFAULT_PATCH_POLICY, BERLIN, []);
    expect(engine.standing(fix, parseInstant('2026-11-02T09:00:00Z')).state).toBe('overdue');
    expect(engine.breachIntervals(fix, parseInstant('2026-10-01T00:00:00Z'), parseInstant('2026-11-03T00:00:00Z'))).toEqual([{ from: parseInstant('2026-11-02T09:00:00Z'), to: parseInstant('2026-11-03T00:00:00Z') }]);
    const firstSeenPolicy = new SlaEngine({ ...DEFAULT_PATCH_POLICY, fixAgeBasis: 'first_seen' }, BERLIN, []).prepare(record, 1);
    expect({ basis: firstSeenPolicy.clockBasis, dueDate: firstSeenPolicy.dueDate }).toEqual({ basis: 'first_seen', dueDate: '2026-11-09' });
  });

  it('lets an exception stop the clock only while it is active', () => {
    const engine = new SlaEngine(DEFAULT_PATCH_POLICY, BERLIN, [EXCEPTIONS[0] as PatchException]);
    // Tier 1, critical: 7 days; seen 2026-02-01, due end of 2026-02-08 (Berlin), overdue from 2026-02-08T23:00Z.
    const fix = engine.prepare({ id: 1, assetId: 1, name: 'openssl', firstSeenAt: '2026-02-01T10:00:00.000Z', resolvedAt: null, security: true, severity: 'Critical', cves: [], advisories: [] }, 1);
    expect(fix.dueDate).toBe('2026-02-08');
    expect(engine.standing(fix, parseInstant('2026-02-20T00:00:00Z'))).toMatchObject({ state: 'overdue', overdueDays: 12 });
    expect(engine.standing(fix, parseInstant('2026-03-15T00:00:00Z'))).toMatchObject({ state: 'excepted', exception: { id: 1 } });
    expect(engine.standing(fix, parseInstant('2026-05-01T00:00:00Z'))).toMatchObject({ state: 'overdue', exception: null });
    const intervals = engine.breachIntervals(fix, parseInstant('2026-02-01T00:00:00Z'), parseInstant('2026-06-01T00:00:00Z'));
    expect(intervals.map((i) => [formatInstant(i.from), formatInstant(i.to)])).toEqual([
      ['2026-02-08T23:00:00.000Z', '2026-03-01T00:00:00.000Z'],
      ['2026-05-01T00:00:00.000Z', '2026-06-01T00:00:00.000Z'],
    ]);
  });

  it('reads canonical and other instant spellings, and refuses unreadable ones', () => {
    expect(instantMs('2026-11-02T09:00:00.000Z')).toBe(Date.UTC(2026, 10, 2, 9));
    expect(instantMs('2026-11-02T10:00:00+01:00')).toBe(Date.UTC(2026, 10, 2, 9));
    expect(() => instantMs('2026-02-30T00:00:00.000Z')).toThrow(RangeError);
    expect(() => instantMs('yesterday')).toThrow(RangeError);
  });

  it('starts the clock at the fix\'s clock start when it has one, and counts it missing from first seen', () => {
    const engine = new SlaEngine(DEFAULT_PATCH_POLICY, 'UTC', []);
    const base: FixRecord = { id: 1, assetId: 1, name: 'openssl', firstSeenAt: '2026-11-01T00:00:00.000Z', resolvedAt: null, security: true, severity: 'Critical', cves: [], advisories: [] };
    const seen = engine.prepare(base, 1);
    const published = engine.prepare({ ...base, publishedAt: '2026-10-01T00:00:00.000Z', publishedBasis: 'published' }, 1);
    expect(seen.dueDate).toBe('2026-11-08');
    expect(published.dueDate).toBe('2026-10-08');
    expect(engine.standing(published, parseInstant('2026-11-01T12:00:00Z'))).toMatchObject({ state: 'overdue', overdueDays: 24 });
    expect(engine.missingAt(published, parseInstant('2026-10-15T00:00:00Z'))).toBe(false);
  });

  it('refuses an unknown time zone', () => {
    expect(() => new SlaEngine(DEFAULT_PATCH_POLICY, 'Mars/Olympus', [])).toThrow(RangeError);
  });
});

describe('instantMs', () => {
  it('reads stored instants exactly as parseInstant does', () => {
    const next = random(3);
    for (let i = 0; i < 2000; i++) {
      const ms = Math.floor(next() * Date.UTC(2100, 0, 1));
      const text = new Date(ms).toISOString();
      expect(instantMs(text)).toBe(parseInstant(text));
    }
    for (const text of ['2024-02-29T23:59:59.999Z', '2000-02-29T00:00:00.000Z', '1970-01-01T00:00:00.000Z', '2026-01-01T24:00:00.000Z', '0099-12-31T00:00:00.000Z']) expect(instantMs(text)).toBe(parseInstant(text));
    for (const text of ['2100-02-29T00:00:00.000Z', '2026-13-01T00:00:00.000Z', '2026-04-31T00:00:00.000Z', '2026-01-01X00:00:00.000Z', '2026-01-0aT00:00:00.000Z']) {
      expect(() => instantMs(text), text).toThrow(RangeError);
    }
  });
});
