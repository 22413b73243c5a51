import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lookupEndOfLife, parseEolTable, type EolTable } from './end-of-life';

const bundled = JSON.parse(readFileSync(new URL('../../resources/eol/os-eol.json', import.meta.url), 'utf8')) as unknown;

function table(): EolTable {
  const r = parseEolTable(bundled);
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

const entry = (overrides: Record<string, unknown>) => ({ id: 'debian', version: '12', name: 'Debian 12', eol: '2028-06-30', source: 'https://wiki.debian.org/LTS', ...overrides });
const file = (entries: unknown[]) => ({ schema: 1, updated: '2026-11-22', entries });

describe('the bundled end-of-life table', () => {
  it('validates and covers the releases the brief names', () => {
    const t = table();
    const ids = new Set(t.entries.map((e) => `${e.id} ${e.version ?? e.build}`));
    for (const key of ['debian 9', 'debian 13', 'ubuntu 16.04', 'ubuntu 24.04', 'rhel 7.*', 'rocky 9.*', 'almalinux 8.*', 'ol 7.*', 'centos 7.*', 'centos 9.*', 'sles 12.5', 'sles 15.6', 'alpine 3.16.*', 'alpine 3.21.*', 'amzn 2', 'amzn 2023', 'windows-server 9600', 'windows-server 26100', 'windows 19045', 'windows 26100']) {
      expect(ids).toContain(key);
    }
  });

  it.each([
    [{ osId: 'centos', version: '7' }, '2024-06-30', false],
    [{ osId: 'centos', version: '7' }, '2024-07-01', true],
    [{ osId: 'debian', version: '12' }, '2026-11-22', false],
    [{ osId: 'debian', version: '10' }, '2026-11-22', true],
    [{ osId: 'ubuntu', version: '20.04' }, '2026-11-22', true],
    [{ osId: 'ubuntu', version: '24.04' }, '2026-11-22', false],
    [{ osId: 'rocky', version: '9.4' }, '2026-11-22', false],
    [{ osId: 'rhel', version: '7.9' }, '2026-11-22', true],
    [{ osId: 'alpine', version: '3.19.1' }, '2026-11-22', true],
    [{ osId: 'sles', version: '15.7' }, '2026-11-22', false],
    [{ osId: 'windows-server', version: '21H2', build: '10.0.20348.2340' }, '2026-11-22', false],
    [{ osId: 'windows-server', version: '6.3.9600', build: '6.3.9600' }, '2026-11-22', true],
    [{ osId: 'windows', version: '22H2', build: '10.0.19045.4170' }, '2026-11-22', true],
    [{ osId: 'windows', version: '24H2', build: '10.0.26100.2314' }, '2026-10-13', false],
  ])('%j on %s: unsupported=%s', (query, today, unsupported) => {
    expect(lookupEndOfLife(table(), query, today)?.unsupported).toBe(unsupported);
  });

  it('reports the date, name and source, with caveats', () => {
    expect(lookupEndOfLife(table(), { osId: 'debian', version: '12' }, '2026-11-22')).toEqual({
      date: '2028-06-30',
      unsupported: false,
      name: 'Debian 12 (bookworm)',
      source: 'https://wiki.debian.org/LTS',
      note: expect.stringContaining('2026-06-10'),
    });
    expect(lookupEndOfLife(table(), { osId: 'ubuntu', version: '22.04' }, '2026-11-22')).toMatchObject({ date: '2027-04-30', extendedEol: '2032-04-30' });
  });

  it('uses the OS name only where releases share an id and version', () => {
    const t = table();
    expect(lookupEndOfLife(t, { osId: 'centos', version: '8', name: 'CentOS Stream 8' }, '2026-11-22')?.name).toBe('CentOS Stream 8');
    expect(lookupEndOfLife(t, { osId: 'centos', version: '8' }, '2026-11-22')?.name).toBe('CentOS Linux 8');
    expect(lookupEndOfLife(t, { osId: 'windows', version: '21H2', build: '10.0.19044.4170', name: 'Microsoft Windows 10 Enterprise LTSC 2021' }, '2026-11-22')).toMatchObject({ date: '2027-01-12', unsupported: false });
    expect(lookupEndOfLife(t, { osId: 'windows-server', version: '24H2', build: '10.0.26100.1', name: 'Windows 11 LTSC' }, '2026-11-22')?.name).toBe('Windows Server 2025');
  });

  it('returns null for releases it does not know', () => {
    const t = table();
    expect(lookupEndOfLife(t, { osId: 'debian', version: '8' }, '2026-11-22')).toBeNull();
    expect(lookupEndOfLife(t, { osId: 'ubuntu', version: '23.10' }, '2026-11-22')).toBeNull();
    expect(lookupEndOfLife(t, { osId: 'cisco-ios', version: '15.2', build: '15.2(4)E10' }, '2026-11-22')).toBeNull();
    expect(lookupEndOfLife(t, { osId: 'windows', version: '', build: '' }, '2026-11-22')).toBeNull();
  });
});

describe('parseEolTable', () => {
  it('accepts a minimal replacement table', () => {
    expect(parseEolTable(file([entry({})]))).toMatchObject({ ok: true, value: { updated: '2026-11-22', entries: [{ id: 'debian' }] } });
  });

  it.each([
    ['not an object', 'hello', /end-of-life table/],
    ['a wrong schema', { ...file([]), schema: 2 }, /schema/],
    ['a bad date', file([entry({}), entry({ version: '13', eol: '2030-02-30' })]), /entry 1 \(debian 13\): eol: not a calendar date/],
    ['a date in another format', file([entry({ eol: '30.06.2028' })]), /entry 0 \(debian 12\): eol: expected a date as YYYY-MM-DD/],
    ['no version or build', file([entry({ version: undefined })]), /entry 0 \(debian\): needs a version or a build/],
    ['an unknown field', file([entry({ eolDate: '2028-06-30' })]), /entry 0 \(debian 12\)/],
    ['a missing source', file([entry({ source: undefined })]), /entry 0 \(debian 12\): source/],
    ['an upper-case id', file([entry({ id: 'Debian' })]), /entry 0 \(Debian 12\): id/],
    ['a duplicate', file([entry({}), entry({ name: 'again' })]), /entry 1 \(debian 12\): duplicates entry 0/],
    ['a non-object entry', file([42]), /entry 0:/],
  ])('rejects %s', (_label, json, message) => {
    const r = parseEolTable(json);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });
});
