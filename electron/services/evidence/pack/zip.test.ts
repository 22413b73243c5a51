import { randomBytes } from 'node:crypto';
import { zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { readZip, zipDeterministic, ZipReadError } from './zip';

const text = (value: string) => new TextEncoder().encode(value);
const at = new Date('2026-11-02T09:15:42.000Z');
const originalTimeZone = process.env['TZ'];

afterEach(() => {
  if (originalTimeZone === undefined) delete process.env['TZ'];
  else process.env['TZ'] = originalTimeZone;
});

/** Replaces every occurrence of one same-length byte string in a ZIP (its local and central headers). */
function replaceBytes(zip: Uint8Array, from: string, to: string): Uint8Array {
  const copy = zip.slice();
  const needle = text(from);
  const replacement = text(to);
  for (let index = 0; index <= copy.length - needle.length; index++) {
    if (needle.every((byte, offset) => copy[index + offset] === byte)) copy.set(replacement, index);
  }
  return copy;
}

/** The DOS date/time fields of the first central directory entry. */
function firstCentralTime(zip: Uint8Array): { time: number; date: number } {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const central = view.getUint32(zip.length - 22 + 16, true);
  return { time: view.getUint16(central + 12, true), date: view.getUint16(central + 14, true) };
}

describe('zipDeterministic', () => {
  it('round-trips files, sorted by name', () => {
    const zip = zipDeterministic([{ path: 'report.pdf', bytes: text('%PDF') }, { path: 'data/a.csv', bytes: text('x,y\n') }, { path: 'VERIFY.txt', bytes: text('hi') }], at);
    expect(readZip(zip).map((entry) => [entry.path, new TextDecoder().decode(entry.bytes)])).toEqual([
      ['VERIFY.txt', 'hi'],
      ['data/a.csv', 'x,y\n'],
      ['report.pdf', '%PDF'],
    ]);
  });

  it('gives identical bytes for the same files in any order and in any time zone, stamped in UTC', () => {
    const files = [{ path: 'b.txt', bytes: text('b') }, { path: 'a.txt', bytes: text('a'.repeat(1000)) }];
    process.env['TZ'] = 'UTC';
    const inUtc = zipDeterministic(files, at);
    process.env['TZ'] = 'Pacific/Auckland';
    const inAuckland = zipDeterministic([...files].reverse(), at);
    expect(Buffer.from(inAuckland).equals(Buffer.from(inUtc))).toBe(true);
    const { time, date } = firstCentralTime(inUtc);
    expect({ hour: time >> 11, minute: (time >> 5) & 63, second: (time & 31) * 2 }).toEqual({ hour: 9, minute: 15, second: 42 });
    expect({ year: (date >> 9) + 1980, month: (date >> 5) & 15, day: date & 31 }).toEqual({ year: 2026, month: 11, day: 2 });
  });

  it('differs only in the timestamp when the time differs', () => {
    const files = [{ path: 'a.txt', bytes: text('same') }];
    const first = zipDeterministic(files, at);
    const second = zipDeterministic(files, new Date('2026-12-01T00:00:00Z'));
    const differing = [...first].flatMap((byte, index) => (byte === second[index] ? [] : [index]));
    expect(first.length).toBe(second.length);
    expect(differing.length).toBeGreaterThan(0);
    expect(differing.length).toBeLessThanOrEqual(8);
  });

  it('refuses unsafe names', () => {
    expect(() => zipDeterministic([{ path: '../x', bytes: text('') }], at)).toThrow(/climbs out/);
  });
});

describe('readZip', () => {
  it('refuses what is not a ZIP, and a truncated one', () => {
    expect(() => readZip(text('%PDF-1.7 definitely not a zip file at all'))).toThrow(/not a ZIP file/);
    expect(() => readZip(new Uint8Array())).toThrow(ZipReadError);
    const zip = zipDeterministic([{ path: 'a.bin', bytes: new Uint8Array(randomBytes(5000)) }], at);
    expect(() => readZip(zip.subarray(0, zip.length - 30))).toThrow(/damaged or truncated/);
    expect(() => readZip(zip.subarray(0, 200))).toThrow(/damaged or truncated/);
  });

  it('refuses absolute paths, "..", duplicates and names that collide on Windows', () => {
    expect(() => readZip(zipSync({ '/etc/cron.d/evil': text('x') }))).toThrow(/unsafe entry name "\/etc\/cron.d\/evil": it is an absolute path/);
    expect(() => readZip(zipSync({ 'a/../../evil': text('x') }))).toThrow(/climbs out/);
    expect(() => readZip(zipSync({ 'Report.pdf': text('x'), 'report.pdf': text('y') }))).toThrow(/both "Report.pdf" and "report.pdf"/);
    expect(() => readZip(replaceBytes(zipSync({ 'aaa.txt': text('x'), 'bbb.txt': text('y') }), 'bbb.txt', 'aaa.txt'))).toThrow(/holds "aaa.txt" twice/);
  });

  it('refuses a zip bomb before inflating it, and too many entries', () => {
    const zeros = zipSync({ 'big.bin': new Uint8Array(2 * 1024 * 1024) });
    expect(zeros.length).toBeLessThan(10_000);
    expect(() => readZip(zeros, { maxEntries: 10, maxTotalBytes: 1024 * 1024 })).toThrow(/more than 1 MiB \(a zip bomb/);
    const view = new DataView(zeros.buffer, zeros.byteOffset, zeros.byteLength);
    const central = view.getUint32(zeros.length - 22 + 16, true);
    view.setUint32(central + 24, 0xfffffff0, true);
    expect(() => readZip(zeros)).toThrow(/more than 1 GiB/);
    const many = zipSync({ a: text('1'), b: text('2'), c: text('3') });
    expect(() => readZip(many, { maxEntries: 2, maxTotalBytes: 100 })).toThrow(/more than 2 entries/);
  });

  it('refuses a symbolic link, a device, a pipe and a folder entry, naming the entry', () => {
    const unix = (mode: number) => ({ os: 3, attrs: (mode << 16) >>> 0 });
    const link = zipSync({ 'report.pdf': text('%PDF'), 'data/assets.csv': [text('/etc/passwd'), unix(0o120777)] });
    expect(() => readZip(link)).toThrow('it holds the entry "data/assets.csv", which is refused: it is a symbolic link, not a regular file');
    expect(() => readZip(zipSync({ 'dev/sda': [new Uint8Array(), unix(0o060660)] }))).toThrow('"dev/sda", which is refused: it is a block device');
    expect(() => readZip(zipSync({ tty: [new Uint8Array(), unix(0o020620)] }))).toThrow('"tty", which is refused: it is a character device');
    expect(() => readZip(zipSync({ fifo: [new Uint8Array(), unix(0o010644)] }))).toThrow('"fifo", which is refused: it is a named pipe (FIFO)');
    expect(() => readZip(zipSync({ 'data/': new Uint8Array(), 'data/a.csv': text('x') }))).toThrow('"data/", which is refused: it is a folder entry');
    expect(() => readZip(zipSync({ data: [new Uint8Array(), { os: 0, attrs: 0x10 }] }))).toThrow('"data", which is refused: it is a folder entry');
    expect(readZip(zipSync({ 'a.csv': [text('x'), unix(0o100600)], 'b.csv': [text('y'), { os: 0, attrs: 0x20 }] })).map((entry) => entry.path)).toEqual(['a.csv', 'b.csv']);
  });

  it('refuses an entry whose own header names another file than the central directory', () => {
    const zip = zipSync({ 'aaa.txt': text('x') });
    const local = zip.slice();
    local.set(text('aab.txt'), 30);
    expect(() => readZip(local)).toThrow('the entry "aaa.txt" is named "aab.txt" in its own header');
  });

  it('reads a ZIP with a trailing comment, and refuses a ZIP64 end record', () => {
    const zip = zipDeterministic([{ path: 'a.txt', bytes: text('a') }], at);
    const comment = text('made by hand');
    const withComment = new Uint8Array(zip.length + comment.length);
    withComment.set(zip);
    withComment.set(comment, zip.length);
    new DataView(withComment.buffer).setUint16(zip.length - 2, comment.length, true);
    expect(readZip(withComment).map((entry) => entry.path)).toEqual(['a.txt']);
    const zip64 = zip.slice();
    new DataView(zip64.buffer).setUint32(zip64.length - 22 + 16, 0xffffffff, true);
    expect(() => readZip(zip64)).toThrow('it is a ZIP64 archive');
  });
});
