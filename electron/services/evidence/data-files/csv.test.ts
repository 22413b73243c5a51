import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../import/csv-parser';
import { toCsv } from './csv';

describe('toCsv', () => {
  it('writes a BOM, a header row and CRLF line ends', () => {
    expect(toCsv(['Host', 'Count'], [['dc01', 3]])).toBe('\uFEFFHost,Count\r\ndc01,3\r\n');
    expect(toCsv(['Host'], [])).toBe('\uFEFFHost\r\n');
  });

  it('quotes commas, quotes, semicolons, tabs and line breaks (RFC 4180)', () => {
    const csv = toCsv(['a', 'b', 'c'], [['x, y', 'say "hi"', 'line 1\nline 2'], ['semi;colon', 'tab\there', 'plain']]);
    expect(csv).toContain('"x, y","say ""hi""","line 1\nline 2"\r\n');
    expect(csv).toContain('"semi;colon","tab\there",plain\r\n');
    const parsed = parseCsv(csv).rows;
    expect(parsed[1]?.cells).toEqual(['x, y', 'say "hi"', 'line 1\nline 2']);
  });

  it('writes null as empty, booleans as yes/no and numbers as they are', () => {
    expect(toCsv(['a', 'b', 'c', 'd'], [[null, true, false, 0.6538461538461539]])).toContain('\r\n,yes,no,0.6538461538461539\r\n');
    expect(toCsv(['n'], [[-5]])).toContain('\r\n-5\r\n');
  });

  it('neutralises cells a spreadsheet would run as formulas, like the inventory export', () => {
    const csv = toCsv(['Host', 'Note'], [['=HYPERLINK("http://evil","x")', '+1'], ['@SUM(A1)', '-2+3']]);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"",""x"")",'+1\r\n`);
    expect(csv).toContain(`'@SUM(A1),'-2+3\r\n`);
    const wide = toCsv(['Host', 'Package'], [['\uFF1DHYPERLINK("http://evil")', '\uFF20SUM(A1)'], ['\uFF0B1', '\uFF0D1']]);
    expect(wide).toContain(`"'\uFF1DHYPERLINK(""http://evil"")",'\uFF20SUM(A1)\r\n'\uFF0B1,'\uFF0D1\r\n`);
  });

  it('refuses a row whose width does not match the header', () => {
    expect(() => toCsv(['a', 'b'], [['only one']])).toThrow(/1 cells for 2 columns/);
  });
});
