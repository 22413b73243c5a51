import { describe, expect, it } from 'vitest';
import { forEachTopLevelMember, parseMember } from './json-members';

function members(text: string): [string, unknown][] {
  const found: [string, unknown][] = [];
  forEachTopLevelMember(Buffer.from(text), 'm.json', (name, value) => found.push([name, parseMember(value, 'm.json', name)]));
  return found;
}

describe('forEachTopLevelMember', () => {
  it('hands over each member, whatever its strings hold', () => {
    const value = { 'a\\': { 'b"}': ['x\\', '"{[', 'ü ✓'] }, c: 1, d: 'text', e: null, f: [1, { g: true }] };
    expect(members(JSON.stringify(value, null, 1))).toEqual(Object.entries(value));
    expect(members(' { } ')).toEqual([]);
  });

  it('names what is wrong: truncated anywhere, not an object, garbage between members, a broken member', () => {
    const text = JSON.stringify({ a: { b: 'c\\"d' }, e: [1, 2] });
    for (let cut = 1; cut < text.length; cut++) expect(() => members(text.slice(0, cut))).toThrow(/^m.json is truncated/);
    expect(() => members('"just a string"')).toThrow('m.json is not a JSON object (it starts with ""just a string"")');
    expect(() => members('{"a": 1 "b": 2}')).toThrow('m.json is not valid JSON: expected "," or "}" at byte 8, found ""b": 2}"');
    expect(() => members('{a: 1}')).toThrow('m.json is not valid JSON: expected a member name at byte 1, found "a: 1}"');
    expect(() => members('{"a" 1}')).toThrow('m.json is not valid JSON: expected ":" after "a" at byte 5');
    expect(() => members('{"a": {"b": tru}}')).toThrow(/^m.json is not valid JSON in "a": /);
  });
});
