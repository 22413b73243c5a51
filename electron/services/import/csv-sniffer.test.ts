import { describe, expect, it } from 'vitest';
import { COLUMN_ALIASES, fieldForHeader, normaliseHeader } from './csv-column-aliases';
import { looksLikeHeader, sniffDelimiter, suggestMapping } from './csv-sniffer';

describe('column aliases', () => {
  it('matches headers regardless of case and punctuation', () => {
    expect(fieldForHeader('IP-Address')).toBe('addresses');
    expect(fieldForHeader(' ip_address ')).toBe('addresses');
    expect(fieldForHeader('Computer Name')).toBe('hostname');
    expect(fieldForHeader('FQDN')).toBe('hostname');
    expect(fieldForHeader('Physical Address')).toBe('mac');
    expect(fieldForHeader('Operating System')).toBe('osFamily');
    expect(fieldForHeader('OS Version')).toBe('osVersion');
    expect(fieldForHeader('Site')).toBe('location');
    expect(fieldForHeader('Labels')).toBe('tags');
    expect(fieldForHeader('Protocol')).toBe('accessMethod');
    expect(fieldForHeader('Comments')).toBe('notes');
    expect(fieldForHeader('Serial')).toBeUndefined();
  });

  it('gives every alias to exactly one field', () => {
    const all = Object.values(COLUMN_ALIASES).flat().map(normaliseHeader);
    expect(new Set(all).size).toBe(all.length);
  });
});

describe('sniffDelimiter', () => {
  it('picks the delimiter with consistent counts', () => {
    expect(sniffDelimiter('host,ip,os\nweb,10.0.0.1,linux\ndb,10.0.0.2,linux')).toBe(',');
    expect(sniffDelimiter('host;ip;notes\nweb;10.0.0.1;1,5 GB\ndb;10.0.0.2;2,25 GB')).toBe(';');
    expect(sniffDelimiter('host\tip\nweb\t10.0.0.1\ndb\t10.0.0.2')).toBe('\t');
  });

  it('ignores delimiters inside quotes', () => {
    expect(sniffDelimiter('host;notes\n"web,a,b,c";x\n"db,d";"e,f,g,h"\nmail;y')).toBe(';');
  });

  it('falls back to the comma for a single column', () => {
    expect(sniffDelimiter('web\ndb\nmail')).toBe(',');
    expect(sniffDelimiter('')).toBe(',');
  });
});

describe('looksLikeHeader', () => {
  it('recognises known column names', () => {
    expect(looksLikeHeader([['Hostname', 'Serial'], ['web', 'X1']])).toBe(true);
  });

  it('recognises a first row without addresses above rows with them', () => {
    expect(looksLikeHeader([['Box', 'Primary'], ['web', '10.0.0.1']])).toBe(true);
    expect(looksLikeHeader([['Box', 'Hw'], ['web', '00:11:22:33:44:55']])).toBe(true);
  });

  it('says no when the first row is data', () => {
    expect(looksLikeHeader([['web', '10.0.0.1'], ['db', '10.0.0.2']])).toBe(false);
    expect(looksLikeHeader([['web', 'linux'], ['db', 'windows']])).toBe(false);
    expect(looksLikeHeader([])).toBe(false);
  });
});

describe('suggestMapping', () => {
  it('maps headers by alias, first column winning', () => {
    expect(suggestMapping(['Name', 'IP', 'Host', 'OS', 'Owner'], [], 5)).toEqual({ hostname: 0, addresses: 1, osFamily: 3, owner: 4 });
  });

  it('guesses address and MAC columns from their values', () => {
    const rows = [
      ['web', 'aa:bb:cc:dd:ee:01', '10.0.0.1'],
      ['db', 'aa:bb:cc:dd:ee:02', '10.0.0.2; 10.0.1.2'],
      ['mail', '', ''],
    ];
    expect(suggestMapping(null, rows, 3)).toEqual({ addresses: 2, mac: 1 });
    expect(suggestMapping(['Box', 'Hardware', 'Primary'], rows, 3)).toEqual({ addresses: 2, mac: 1 });
  });
});
