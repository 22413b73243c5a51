import { describe, expect, it } from 'vitest';
import { addLocalDays, formatDeadline, formatExpiry, formatInstant, formatLocalDate, formatLocalDateTime, formatLongDate, formatZonedDateTime, isInstant, isStartOfLocalDay, lastCoveredDay, localDateOf, localDaysBetween, parseInstant, startOfLocalDay, zoneOffsetMs, type LocalDate } from './local-time';

const date = (iso: string): LocalDate => {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  return { year, month, day };
};

describe('parseInstant', () => {
  it.each([
    ['2026-01-31T23:30:00Z', '2026-01-31T23:30:00.000Z'],
    ['2026-01-31T23:30:00.123Z', '2026-01-31T23:30:00.123Z'],
    ['2026-01-31T23:30:00+01:00', '2026-01-31T22:30:00.000Z'],
    ['2026-01-31T23:30+05:30', '2026-01-31T18:00:00.000Z'],
    ['2028-02-29T12:00:00-05:00', '2028-02-29T17:00:00.000Z'],
  ])('reads %s', (input, expected) => {
    expect(formatInstant(parseInstant(input))).toBe(expected);
  });

  // Without an offset Date.parse would use the machine's zone: the same data, different deadlines.
  it.each(['2026-01-31', '2026-01-31T23:30:00', 'yesterday', '', '2026-01-31T25:00:00Z', '2026-02-30T10:00:00Z', '2027-02-29T10:00:00Z'])('refuses %j', (input) => {
    expect(() => parseInstant(input)).toThrow(RangeError);
    expect(isInstant(input)).toBe(false);
  });
});

describe('localDateOf', () => {
  it.each([
    ['2026-01-31T22:59:59Z', 'Europe/Berlin', '2026-01-31'],
    ['2026-01-31T23:00:00Z', 'Europe/Berlin', '2026-02-01'],
    ['2026-07-31T21:59:59Z', 'Europe/Berlin', '2026-07-31'],
    ['2026-07-31T22:00:00Z', 'Europe/Berlin', '2026-08-01'],
    ['2026-02-01T04:59:59Z', 'America/New_York', '2026-01-31'],
    ['2026-02-01T05:00:00Z', 'America/New_York', '2026-02-01'],
    ['2026-01-31T18:29:59Z', 'Asia/Kolkata', '2026-01-31'],
    ['2026-01-31T18:30:00Z', 'Asia/Kolkata', '2026-02-01'],
    ['2026-01-31T23:59:59Z', 'UTC', '2026-01-31'],
  ])('%s in %s is %s', (instant, zone, expected) => {
    expect(formatLocalDate(localDateOf(parseInstant(instant), zone))).toBe(expected);
  });

  it('rejects an unknown zone', () => {
    expect(() => localDateOf(0, 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});

describe('zoneOffsetMs', () => {
  it.each([
    ['2026-01-15T12:00:00Z', 'Europe/Berlin', 60],
    ['2026-07-15T12:00:00Z', 'Europe/Berlin', 120],
    ['2026-01-15T12:00:00Z', 'America/New_York', -300],
    ['2026-07-15T12:00:00Z', 'America/New_York', -240],
    ['2026-07-15T12:00:00.999Z', 'Asia/Kolkata', 330],
    ['2026-07-15T12:00:00Z', 'UTC', 0],
  ])('%s in %s is %i minutes', (instant, zone, minutes) => {
    expect(zoneOffsetMs(parseInstant(instant), zone)).toBe(minutes * 60_000);
  });
});

describe('addLocalDays and localDaysBetween', () => {
  it.each([
    ['2026-01-31', 7, '2026-02-07'],
    ['2026-01-31', 30, '2026-03-02'], // February 2026 has 28 days
    ['2028-01-31', 30, '2028-03-01'], // 2028 is a leap year
    ['2028-02-29', 7, '2028-03-07'],
    ['2028-02-29', 365, '2029-02-28'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-03-28', 2, '2026-03-30'], // across the Berlin DST change: calendar days, not 48 hours
  ])('%s + %i days = %s', (from, days, expected) => {
    expect(formatLocalDate(addLocalDays(date(from), days))).toBe(expected);
    expect(localDaysBetween(date(from), date(expected))).toBe(days);
  });
});

describe('startOfLocalDay', () => {
  it.each([
    ['UTC', '2026-03-29', '2026-03-29T00:00:00.000Z'],
    ['Europe/Berlin', '2026-03-29', '2026-03-28T23:00:00.000Z'], // the day clocks go forward at 02:00
    ['Europe/Berlin', '2026-03-30', '2026-03-29T22:00:00.000Z'],
    ['Europe/Berlin', '2026-10-25', '2026-10-24T22:00:00.000Z'], // the day clocks go back at 03:00
    ['Europe/Berlin', '2026-10-26', '2026-10-25T23:00:00.000Z'],
    ['America/New_York', '2026-03-08', '2026-03-08T05:00:00.000Z'],
    ['America/New_York', '2026-03-09', '2026-03-09T04:00:00.000Z'],
    ['America/New_York', '2026-11-01', '2026-11-01T04:00:00.000Z'],
    ['America/New_York', '2026-11-02', '2026-11-02T05:00:00.000Z'],
    ['Asia/Kolkata', '2026-02-01', '2026-01-31T18:30:00.000Z'],
    // Chile changes its clocks at midnight: 00:00 does not exist on 6 September 2026, so the day
    // starts when the clocks jump to 01:00; in April 23:00-24:00 repeats and midnight comes once.
    ['America/Santiago', '2026-09-06', '2026-09-06T04:00:00.000Z'],
    ['America/Santiago', '2026-09-07', '2026-09-07T03:00:00.000Z'],
    ['America/Santiago', '2026-04-05', '2026-04-05T04:00:00.000Z'],
  ])('%s %s starts at %s', (zone, day, expected) => {
    expect(formatInstant(startOfLocalDay(date(day), zone))).toBe(expected);
  });

  it('is the first instant whose local date is that day', () => {
    for (const zone of ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'America/Santiago', 'America/Havana', 'Australia/Lord_Howe', 'Pacific/Chatham']) {
      for (let d = 0; d < 366; d += 1) {
        const day = addLocalDays(date('2026-01-01'), d);
        const start = startOfLocalDay(day, zone);
        expect(formatLocalDate(localDateOf(start, zone)), `${zone} ${formatLocalDate(day)}`).toBe(formatLocalDate(day));
        expect(localDaysBetween(localDateOf(start - 1, zone), day), `${zone} ${formatLocalDate(day)}`).toBe(1);
      }
    }
  });
});

describe('formatLocalDateTime and formatDeadline', () => {
  it('write an instant as the zone reads it', () => {
    expect(formatLocalDateTime(Date.parse('2026-11-22T13:30:00Z'), 'Europe/Berlin')).toBe('2026-11-22 14:30');
    expect(formatLocalDateTime(Date.parse('2026-07-01T23:30:00Z'), 'Europe/Berlin')).toBe('2026-07-02 01:30');
  });

  it('read a local midnight deadline as the end of the day before', () => {
    expect(formatDeadline(Date.parse('2026-11-25T23:00:00Z'), 'Europe/Berlin')).toBe('end of 2026-11-25');
    expect(formatDeadline(Date.parse('2026-03-29T22:00:00Z'), 'Europe/Berlin')).toBe('end of 2026-03-29');
    expect(formatDeadline(Date.parse('2026-11-25T16:30:00Z'), 'Europe/Berlin')).toBe('2026-11-25 17:30');
  });
});


describe('exception expiry days', () => {
  // "until 2027-01-05" is stored as the first instant of 6 January in the site's zone.
  const berlinEnd = startOfLocalDay(date('2027-01-06'), 'Europe/Berlin');
  const utcEnd = parseInstant('2027-01-06T00:00:00.000Z');

  it('reads an expiry at local midnight as the last covered day', () => {
    expect(lastCoveredDay(berlinEnd, 'Europe/Berlin')).toBe('2027-01-05');
    expect(formatExpiry(berlinEnd, 'Europe/Berlin')).toBe('2027-01-05');
    expect(formatExpiry(utcEnd, 'UTC')).toBe('2027-01-05');
    expect(isStartOfLocalDay(utcEnd, 'UTC')).toBe(true);
  });

  it('reads any other instant as its local date and time', () => {
    expect(isStartOfLocalDay(utcEnd, 'Europe/Berlin')).toBe(false);
    expect(formatExpiry(utcEnd, 'Europe/Berlin')).toBe('2027-01-06 01:00');
  });
});

describe('labelled and written-out dates', () => {
  it('labels a local time with its zone', () => {
    expect(formatZonedDateTime(parseInstant('2026-11-25T13:30:00Z'), 'Europe/Berlin')).toBe('2026-11-25 14:30 Europe/Berlin');
  });

  it('writes a day out for sentences', () => {
    expect(formatLongDate('2027-01-05')).toBe('5 January 2027');
    expect(formatLongDate('2026-10-31')).toBe('31 October 2026');
    expect(formatLongDate('not a day')).toBe('not a day');
  });
});
