import { describe, expect, it } from 'vitest';
import { decodeCsvFile, parseCsv } from './csv-parser';
import { withCpuTime } from '../../test-support/cpu-time';

const cellsOf = (text: string, delimiter?: ',' | ';' | '\t') => parseCsv(text, { delimiter }).rows.map((row) => row.cells);
const linesOf = (text: string) => parseCsv(text).rows.map((row) => row.line);

describe('parseCsv', () => {
  it('splits plain records', () => {
    expect(cellsOf('a,b,c\n1,2,3\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
  });

  it('accepts LF, CRLF and lone CR and counts physical lines', () => {
    const text = 'a,b\r\nc,d\re,f\ng,h';
    expect(cellsOf(text)).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e', 'f'],
      ['g', 'h'],
    ]);
    expect(linesOf(text)).toEqual([1, 2, 3, 4]);
  });

  it('strips a UTF-8 byte order mark', () => {
    expect(cellsOf('\uFEFFhost,ip\nweb,10.0.0.1')[0]).toEqual(['host', 'ip']);
  });

  it('handles quoted fields with doubled quotes, delimiters and newlines', () => {
    const text = 'name,notes\r\n"web, primary","said ""hi""\r\nsecond line"\r\nnext,x\r\n';
    const result = parseCsv(text);
    expect(result.problems).toEqual([]);
    expect(result.rows).toEqual([
      { line: 1, cells: ['name', 'notes'] },
      { line: 2, cells: ['web, primary', 'said "hi"\r\nsecond line'] },
      { line: 4, cells: ['next', 'x'] },
    ]);
  });

  it('keeps empty fields, including a trailing one', () => {
    expect(cellsOf('a,,c,\n"",b,,')).toEqual([
      ['a', '', 'c', ''],
      ['', 'b', '', ''],
    ]);
  });

  it('skips blank lines and all-empty rows while keeping line numbers', () => {
    const text = '\n\na,b\n\n  \n,,\nc,d\n\n';
    expect(cellsOf(text)).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(linesOf(text)).toEqual([3, 7]);
  });

  it('honours other delimiters', () => {
    expect(cellsOf('a;"b;c";d', ';')).toEqual([['a', 'b;c', 'd']]);
    expect(cellsOf('a\t"b\tc"\t d', '\t')).toEqual([['a', 'b\tc', ' d']]);
    expect(cellsOf('a,b;c', ';')).toEqual([['a,b', 'c']]);
  });

  it('tolerates blanks around a quoted field', () => {
    expect(cellsOf('a, "b" ,c')).toEqual([['a', 'b', 'c']]);
  });

  it('reports an unterminated quote at the line where it opened and recovers', () => {
    const result = parseCsv('h1,h2\nok,1\nbad,"never closed\nlater,2\nlast,3\n');
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]?.line).toBe(3);
    expect(result.problems[0]?.message).toMatch(/^line 3: a quote opened in column 2 is never closed/);
    expect(result.rows.map((row) => row.cells[0])).toEqual(['h1', 'ok', 'later', 'last']);
    expect(result.rows.map((row) => row.line)).toEqual([1, 2, 4, 5]);
  });

  it('reports a stray quote inside an unquoted field and drops the row', () => {
    const result = parseCsv('a,b\nweb,5" disk\nc,d');
    expect(result.problems).toEqual([
      { line: 2, message: 'line 2: stray quote inside unquoted column 2; quote the whole field and double the quote inside it' },
    ]);
    expect(result.rows.map((row) => row.line)).toEqual([1, 3]);
  });

  it('reports text after a closing quote on the physical line where it happens', () => {
    const result = parseCsv('a,b\n"multi\nline"x,y\nc,d');
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]?.message).toMatch(/^line 3: text after the closing quote in column 1/);
    expect(result.rows.map((row) => row.line)).toEqual([1, 4]);
  });

  it('reports rows holding U+FFFD as not UTF-8', () => {
    const result = parseCsv('a,b\nca\uFFFDfe,1\nok,2');
    expect(result.problems).toEqual([{ line: 2, message: 'line 2: contains bytes that are not valid UTF-8; save the file as UTF-8' }]);
    expect(result.rows).toHaveLength(2);
  });

  it('returns nothing for empty text', () => {
    expect(parseCsv('')).toEqual({ rows: [], problems: [] });
    expect(parseCsv('\uFEFF')).toEqual({ rows: [], problems: [] });
  });

  it('parses 10,000 rows of 14 columns quickly', () => {
    const header = Array.from({ length: 14 }, (_, column) => `Column ${column}`).join(',');
    const lines = [header];
    for (let row = 0; row < 10_000; row++) {
      lines.push(
        [
          `host-${row}.example.internal`,
          `10.${(row >> 8) & 255}.${row & 255}.1; 10.9.9.9`,
          '00:11:22:33:44:55',
          'Windows Server 2019',
          '"Microsoft Windows Server 2019 Standard, build 17763"',
          '10.0.17763',
          'server',
          'file server',
          'Jane Doe',
          'Finance',
          '"Main office, rack 2"',
          'prod;critical',
          'winrm',
          '"notes with ""quotes"" and, commas"',
        ].join(','),
      );
    }
    const text = lines.join('\r\n');
    parseCsv(text);
    const { value: result, cpuMs } = withCpuTime(() => parseCsv(text));
    expect(result.rows).toHaveLength(10_001);
    expect(result.rows[10_000]?.cells).toHaveLength(14);
    expect(cpuMs).toBeLessThan(500);
  });
});

describe('decodeCsvFile', () => {
  const utf16 = (text: string, bigEndian: boolean) => {
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      bytes[2 + i * 2] = bigEndian ? code >> 8 : code & 255;
      bytes[3 + i * 2] = bigEndian ? code & 255 : code >> 8;
    }
    return bytes;
  };

  it('reads UTF-8 with and without a byte order mark', () => {
    const body = new TextEncoder().encode('host,ort\nwürzburg,1');
    expect(decodeCsvFile(body)).toEqual({ text: 'host,ort\nwürzburg,1', encoding: 'utf-8' });
    expect(decodeCsvFile(new Uint8Array([0xef, 0xbb, 0xbf, ...body]))).toEqual({ text: 'host,ort\nwürzburg,1', encoding: 'utf-8' });
  });

  it('reads UTF-16 in both byte orders', () => {
    expect(decodeCsvFile(utf16('a;b\nä;€', false))).toEqual({ text: 'a;b\nä;€', encoding: 'utf-16le' });
    expect(decodeCsvFile(utf16('a;b\nä;€', true))).toEqual({ text: 'a;b\nä;€', encoding: 'utf-16be' });
  });

  it('turns invalid UTF-8 into U+FFFD so the parser can name the line', () => {
    const latin1 = new Uint8Array([0x61, 0x2c, 0x62, 0x0a, 0x63, 0x61, 0x66, 0xe9, 0x2c, 0x31]);
    const { text, encoding } = decodeCsvFile(latin1);
    expect(encoding).toBe('utf-8');
    expect(parseCsv(text).problems.map((problem) => problem.line)).toEqual([2]);
  });
});
