import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, dueText, formatDay, formatDayShort, formatDeadline, formatInstantIn, formatMonth, formatTimeIn, localInstant, monthIn, nextMonth, parseDay, relativeDay, todayIn } from './checklist-dates';

const NOW = Date.parse('2026-11-22T23:30:00Z');

describe('checklist days', () => {
  it('reads real days only', () => {
    expect(parseDay('2026-11-10')).toEqual({ year: 2026, month: 11, day: 10 });
    expect(parseDay('2026-02-30')).toBeNull();
    expect(parseDay('10/11/2026')).toBeNull();
  });

  it('takes today and the month in the site time zone', () => {
    expect(todayIn('UTC', NOW)).toBe('2026-11-22');
    expect(todayIn('Europe/Berlin', NOW)).toBe('2026-11-23');
    expect(monthIn('Pacific/Kiritimati', Date.parse('2026-11-30T12:00:00Z'))).toBe('2026-12');
    expect(nextMonth('2026-11')).toBe('2026-12');
    expect(nextMonth('2026-12')).toBe('2027-01');
  });

  it('counts and adds calendar days', () => {
    expect(daysBetween('2026-11-10', '2026-11-22')).toBe(12);
    expect(daysBetween('2026-11-22', '2026-11-10')).toBe(-12);
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(() => daysBetween('nope', '2026-11-10')).toThrow(/nope/);
  });

  it('formats months, days and instants in a locale and zone', () => {
    expect(formatMonth('2026-11', 'en-GB')).toBe('November 2026');
    expect(formatDay('2026-11-10')).toBe('Tue 2026-11-10');
    // ICU punctuates short forms differently across versions; what matters is what is shown.
    expect(formatDayShort('2026-11-10', '2026-11-22')).toBe('Tue 2026-11-10');
    expect(formatDayShort('2027-01-12', '2026-11-22')).toBe('Tue 2027-01-12');
    expect(formatInstantIn('2026-11-22T09:00:00Z', 'Europe/Berlin')).toBe('2026-11-22 10:00');
    expect(formatInstantIn(null, 'UTC')).toBe('—');
    expect(formatTimeIn('2026-11-22T09:05:00Z', 'America/New_York')).toBe('04:05');
  });

  it('reads a deadline at local midnight as the end of the day before', () => {
    expect(formatDeadline('2026-11-25T23:00:00.000Z', 'Europe/Berlin')).toBe('end of Wed 2026-11-25');
    expect(formatDeadline('2026-11-25T17:00:00.000Z', 'Europe/Berlin')).toBe('Wed 2026-11-25 18:00');
    expect(formatDeadline('2026-11-25T23:00:00.000Z', 'Europe/Berlin', undefined, '2026-11-22')).toBe('end of Wed 2026-11-25');
  });

  it('turns a local day and time into an instant', () => {
    expect(localInstant('2026-11-22', '10:00', 'Europe/Berlin')).toBe('2026-11-22T09:00:00.000Z');
    expect(localInstant('2026-07-01', '10:00', 'Europe/Berlin')).toBe('2026-07-01T08:00:00.000Z');
    expect(localInstant('2026-11-22', '25:00', 'UTC')).toBeNull();
    expect(localInstant('2026-13-01', '10:00', 'UTC')).toBeNull();
  });

  it('says how far a day is', () => {
    expect(relativeDay('2026-11-22', '2026-11-22')).toBe('today');
    expect(relativeDay('2026-11-23', '2026-11-22')).toBe('tomorrow');
    expect(relativeDay('2026-11-25', '2026-11-22')).toBe('in 3 days');
    expect(relativeDay('2026-11-20', '2026-11-22')).toBe('2 days ago');
  });
});

describe('due text', () => {
  const pending = { state: 'pending' as const, late: false, doneLate: false };
  it('counts down to the due day', () => {
    expect(dueText({ ...pending, dueDate: '2026-11-25' }, '2026-11-22')).toEqual({ text: 'due in 3 days', tone: 'muted' });
    expect(dueText({ ...pending, dueDate: '2026-11-23' }, '2026-11-22').text).toBe('due tomorrow');
    expect(dueText({ ...pending, dueDate: '2026-11-22' }, '2026-11-22')).toEqual({ text: 'due today', tone: 'warning' });
  });

  it('counts late days once the due day is over', () => {
    expect(dueText({ ...pending, late: true, dueDate: '2026-11-20' }, '2026-11-22')).toEqual({ text: 'late by 2 days', tone: 'danger' });
    expect(dueText({ ...pending, late: true, dueDate: '2026-11-21' }, '2026-11-22').text).toBe('late by 1 day');
  });

  it('trusts the host when it already judges the item late', () => {
    // The host judged in another zone's day; never show "due today" next to a late badge.
    expect(dueText({ ...pending, late: true, dueDate: '2026-11-22' }, '2026-11-22').text).toBe('late by 1 day');
  });

  it('describes finished items and closed cycles', () => {
    expect(dueText({ state: 'done', late: false, doneLate: true, dueDate: '2026-11-20' }, '2026-11-22')).toEqual({ text: 'done late', tone: 'warning' });
    expect(dueText({ state: 'done', late: false, doneLate: false, dueDate: '2026-11-20' }, '2026-11-22')).toEqual({ text: 'on time', tone: 'success' });
    expect(dueText({ state: 'not_applicable', late: false, doneLate: false, dueDate: '2026-11-20' }, '2026-11-22').text).toBe('');
    expect(dueText({ ...pending, late: true, dueDate: '2026-11-20' }, '2026-11-22', true)).toEqual({ text: 'not done', tone: 'danger' });
  });
});
