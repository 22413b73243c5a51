import { describe, expect, it } from 'vitest';
import { neutraliseFormula, quoteCsvField, restoreFormula } from './spreadsheet-formula';

describe('spreadsheet formula neutralising', () => {
  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', '\uFF1DHYPERLINK("http://x")', '\uFF0B1', '\uFF0D1', '\uFF20SUM(A1)'])('prefixes %j and restores it', (cell) => {
    expect(neutraliseFormula(cell)).toBe(`'${cell}`);
    expect(restoreFormula(neutraliseFormula(cell))).toBe(cell);
  });

  it('leaves ordinary cells alone both ways', () => {
    for (const cell of ['web01', '', "'quoted", "it's", '10.0.0.1', ' =not first']) {
      expect(neutraliseFormula(cell)).toBe(cell);
      expect(restoreFormula(cell)).toBe(cell);
    }
  });

  it('quotes fields that hold quotes, delimiters or line ends, and only those', () => {
    expect(quoteCsvField('web01')).toBe('web01');
    expect(quoteCsvField('a "b", c')).toBe('"a ""b"", c"');
    for (const cell of ['a;b', 'a\tb', 'a\nb', 'a\rb']) expect(quoteCsvField(cell)).toBe(`"${cell}"`);
  });
});
