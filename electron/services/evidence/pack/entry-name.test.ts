import { describe, expect, it } from 'vitest';
import { collisionKey, entryNameProblem } from './entry-name';

describe('entryNameProblem', () => {
  it('accepts plain relative paths', () => {
    for (const name of ['report.pdf', 'data/assets.csv', 'audit/log-excerpt.json', 'données/été.csv']) expect(entryNameProblem(name)).toBeNull();
  });

  it.each([
    ['', /empty/],
    ['/etc/passwd', /absolute/],
    ['C:/Windows/x', /absolute/],
    ['../outside.txt', /climbs out/],
    ['data/../../x', /climbs out/],
    ['data\\x.csv', /backslash/],
    ['a//b', /empty or "\." path segment/],
    ['./a', /empty or "\." path segment/],
    ['data/', /empty or "\." path segment/],
    ['con:x', /one of/],
    ['bad\u0000name', /control character/],
    ['trailing. ', /ends with a space or a dot/],
    ['x'.repeat(201), /longer than 200/],
  ])('refuses %j', (name, why) => {
    expect(entryNameProblem(name)).toMatch(why);
  });

  it('treats names that differ only in case as the same file', () => {
    expect(collisionKey('Report.PDF')).toBe(collisionKey('report.pdf'));
    expect(collisionKey('e\u0301.csv')).toBe(collisionKey('\u00e9.csv'));
  });
});
