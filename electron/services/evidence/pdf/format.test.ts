import { describe, expect, it } from 'vitest';
import {
  breakLongWords,
  checklistStateLabel,
  DASH,
  exceptionStatusLabel,
  formatCount,
  formatDate,
  formatDateTime,
  formatLongDate,
  formatMonthTick,
  formatPartOf,
  formatShare,
  orDash,
  scopeLabel,
  severityLabel,
  tierLabel,
  tierShort,
  truncate,
} from './format';

describe('numbers', () => {
  it('groups thousands and rounds to whole numbers', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(1000)).toBe('1,000');
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(-1200)).toBe('-1,200');
  });

  it('writes shares as percentages with one decimal, and a dash when there was nothing to divide', () => {
    expect(formatShare(0.7)).toBe('70.0%');
    expect(formatShare(17 / 26)).toBe('65.4%');
    expect(formatShare(1)).toBe('100.0%');
    expect(formatShare(0)).toBe('0.0%');
    expect(formatShare(0.99951)).toBe('>99.9%');
    expect(formatShare(null)).toBe(DASH);
    expect(formatShare(Number.NaN)).toBe(DASH);
    expect(formatPartOf(29, 40, 29 / 40)).toBe('29 of 40 (72.5%)');
  });
});

describe('dates', () => {
  it("prints instants in the site's zone, across the DST change", () => {
    expect(formatDateTime('2026-10-08T13:20:00.000Z', 'Europe/Berlin')).toBe('2026-10-08 15:20');
    expect(formatDateTime('2026-10-30T21:15:00.000Z', 'Europe/Berlin')).toBe('2026-10-30 22:15');
    expect(formatDate('2026-10-31T23:30:00.000Z', 'Europe/Berlin')).toBe('2026-11-01');
    expect(formatDate('2026-10-31T23:30:00.000Z', 'America/New_York')).toBe('2026-10-31');
    expect(formatDateTime(null, 'Europe/Berlin')).toBe(DASH);
    expect(formatDate(null, 'UTC')).toBe(DASH);
  });

  it('writes days and months out', () => {
    expect(formatLongDate('2026-10-01')).toBe('1 October 2026');
    expect(formatLongDate('2026-12-31')).toBe('31 December 2026');
    expect(formatMonthTick('2025-11', true)).toBe('Nov 2025');
    expect(formatMonthTick('2026-01', false)).toBe('Jan 2026');
    expect(formatMonthTick('2026-02', false)).toBe('Feb');
  });
});

describe('labels', () => {
  it('names tiers, severities, statuses, scopes and checklist states', () => {
    expect(tierLabel(1)).toBe('Tier 1');
    expect(tierLabel(null)).toBe('Unclassified');
    expect(tierShort(4)).toBe('T4');
    expect(tierShort(null)).toBe(DASH);
    expect(severityLabel('critical')).toBe('Critical');
    expect(exceptionStatusLabel('expiring_soon')).toBe('Expiring soon');
    expect(scopeLabel('asset', '')).toBe('Whole asset');
    expect(scopeLabel('package', 'php8.1-fpm')).toBe('Package php8.1-fpm');
    expect(scopeLabel('cve', 'CVE-2026-1')).toBe('CVE-2026-1');
    expect(scopeLabel('kb', 'KB5044284')).toBe('KB5044284');
    expect(scopeLabel('kb', '5044284')).toBe('KB 5044284');
    expect(checklistStateLabel('not_applicable')).toBe('N/A');
    expect(orDash('  ')).toBe(DASH);
    expect(orDash(null)).toBe(DASH);
    expect(orDash('x')).toBe('x');
  });
});

describe('breakLongWords', () => {
  it('leaves ordinary text and dates alone', () => {
    expect(breakLongWords('2026-10-14 09:05')).toBe('2026-10-14 09:05');
    expect(breakLongWords('Windows Server 2022 Datacenter (21H2)')).toBe('Windows Server 2022 Datacenter (21H2)');
  });

  it('adds invisible break points to long tokens after separators and every 16 characters', () => {
    const host = 'portal01.contoso-dental.example';
    const broken = breakLongWords(host);
    expect(broken.replace(/\u200B/g, '')).toBe(host);
    expect(broken).toBe('portal01.\u200Bcontoso-\u200Bdental.\u200Bexample');
    const run = 'a'.repeat(40);
    expect(breakLongWords(run).split('\u200B').map((part) => part.length)).toEqual([16, 16, 8]);
  });
});

describe('truncate', () => {
  it('cuts long text with an ellipsis and leaves short text alone', () => {
    expect(truncate('Contoso', 10)).toBe('Contoso');
    expect(truncate('Zahnarztpraxis Müller', 10)).toBe('Zahnarztp…');
    expect(Array.from(truncate('ä'.repeat(50), 10))).toHaveLength(10);
  });
});

describe('formatDeadline', () => {
  it('reads a local midnight as the end of the day before, other times as they are', async () => {
    const { formatDeadline } = await import('./format');
    expect(formatDeadline('2026-11-25T23:00:00.000Z', 'Europe/Berlin')).toBe('end of 2026-11-25');
    expect(formatDeadline('2026-11-25T16:30:00.000Z', 'Europe/Berlin')).toBe('2026-11-25 17:30');
    expect(formatDeadline(null, 'UTC')).toBe('–');
  });
});
