import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lookupEndOfLife, parseEolTable } from './end-of-life';
import { inventoryEolQuery } from './inventory-os';

const parsed = parseEolTable(JSON.parse(readFileSync(new URL('../../resources/eol/os-eol.json', import.meta.url), 'utf8')));
if (!parsed.ok) throw new Error(parsed.message);
const table = parsed.value;
const eolOf = (name: string, version = '') => {
  const query = inventoryEolQuery(name, version);
  return query ? lookupEndOfLife(table, query, '2026-12-01') : null;
};

describe('inventoryEolQuery', () => {
  it('counts Windows 7 Professional from a CSV as unsupported', () => {
    expect(eolOf('Windows 7 Professional')).toMatchObject({ unsupported: true, date: '2020-01-14' });
  });

  it('reads Windows Server releases, R2 included', () => {
    expect(eolOf('Windows Server 2012 R2 Standard')?.name).toBe('Windows Server 2012 R2');
    expect(eolOf('Microsoft Windows Server 2008 R2')?.unsupported).toBe(true);
    expect(eolOf('Windows Server 2022 Datacenter')?.unsupported).toBe(false);
  });

  it('needs the feature release or build for Windows 10 and 11', () => {
    expect(inventoryEolQuery('Windows 10 Pro', '')).toBeNull();
    expect(eolOf('Windows 10 Pro', '22H2')?.name).toBe('Windows 10, version 22H2');
    expect(eolOf('Windows 11 Pro', '10.0.22631')?.name).toBe('Windows 11, version 23H2');
  });

  it('reads Linux distributions and their versions', () => {
    expect(eolOf('Debian GNU/Linux', '9')?.unsupported).toBe(true);
    expect(eolOf('Ubuntu 22.04.3 LTS')?.name).toMatch(/22\.04/);
    expect(eolOf('CentOS Linux', '7.9.2009')?.unsupported).toBe(true);
    expect(eolOf('Red Hat Enterprise Linux', '9.4')?.unsupported).toBe(false);
  });

  it('gives up on names that name no release', () => {
    expect(inventoryEolQuery('Linux 5.X', '')).toBeNull();
    expect(inventoryEolQuery('', '')).toBeNull();
    expect(inventoryEolQuery('Cisco IOS', '15.2')).toBeNull();
  });
});
