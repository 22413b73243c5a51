import { describe, expect, it } from 'vitest';
import { forTerminal } from './terminal-text';

describe('forTerminal', () => {
  it('shows escape sequences, C0 and C1 controls as visible escapes', () => {
    expect(forTerminal('\u001b[2J\u001b]0;owned\u0007web01')).toBe('\\u001b[2J\\u001b]0;owned\\u0007web01');
    expect(forTerminal('a\rb\bc\u007f\u009b31m')).toBe('a\\u000db\\u0008c\\u007f\\u009b31m');
  });

  it('shows bidi overrides, isolates and marks, and line separators', () => {
    expect(forTerminal('invoice\u202Efdp.exe')).toBe('invoice\\u202efdp.exe');
    expect(forTerminal('\u2066x\u2069\u200e\u200f\u061c\u2028')).toBe('\\u2066x\\u2069\\u200e\\u200f\\u061c\\u2028');
  });

  it('keeps tabs, line feeds and ordinary text, and is idempotent', () => {
    const text = 'Host\tStatus\nSchäfer-PC 中文 ok';
    expect(forTerminal(text)).toBe(text);
    const once = forTerminal('\u001b[31mred\u202e');
    expect(forTerminal(once)).toBe(once);
  });

  it('keeps JSON output valid and meaning the same', () => {
    const value = { hostname: 'a\u009b2J\u202eb', note: 'x\u001by' };
    expect(JSON.parse(forTerminal(JSON.stringify(value)))).toEqual(value);
  });
});
