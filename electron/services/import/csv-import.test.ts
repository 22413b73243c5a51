import { describe, expect, it } from 'vitest';
import { csvToAssetRows, previewCsv } from './csv-import';

const INVENTORY = [
  'Computer Name;IP Address;MAC;Operating System;Type;Owner;Site;Tags;Access;Notes',
  'web01;10.0.0.10;00-1B-21-AA-BB-01;Ubuntu 22.04;Server;Ops;HQ;prod, dmz;ssh;"front end; nginx"',
  'ws-anna;10.0.1.20 10.0.1.21;;Windows 11 Pro;Laptop;Anna;HQ;;winrm;',
  'core-sw;10.0.0.1;;Cisco IOS 15.2;Switch;Ops;HQ rack 1;network;none;',
].join('\r\n');

describe('previewCsv', () => {
  it('guesses delimiter, header and mapping', () => {
    const preview = previewCsv(INVENTORY);
    expect(preview.delimiter).toBe(';');
    expect(preview.hasHeader).toBe(true);
    expect(preview.columns).toEqual(['Computer Name', 'IP Address', 'MAC', 'Operating System', 'Type', 'Owner', 'Site', 'Tags', 'Access', 'Notes']);
    expect(preview.rowCount).toBe(3);
    expect(preview.sampleRows[0]?.[0]).toBe('web01');
    expect(preview.suggestedMapping).toEqual({
      hostname: 0,
      addresses: 1,
      mac: 2,
      osFamily: 3,
      deviceType: 4,
      owner: 5,
      location: 6,
      tags: 7,
      accessMethod: 8,
      notes: 9,
    });
    expect(preview.problems).toEqual([]);
  });

  it('names columns by number without a header and guesses addresses from values', () => {
    const preview = previewCsv('web01,10.0.0.10\ndb01,10.0.0.11\n');
    expect(preview.hasHeader).toBe(false);
    expect(preview.columns).toEqual(['Column 1', 'Column 2']);
    expect(preview.rowCount).toBe(2);
    expect(preview.suggestedMapping).toEqual({ addresses: 1 });
  });

  it('honours the options the user set', () => {
    const preview = previewCsv('a,b\nc,d', { delimiter: ';', hasHeader: true });
    expect(preview.delimiter).toBe(';');
    expect(preview.columns).toEqual(['a,b']);
    expect(preview.sampleRows).toEqual([['c,d']]);
  });

  it('caps the sample at 20 rows and widens columns for ragged rows', () => {
    const rows = Array.from({ length: 30 }, (_, index) => `host${index},10.0.0.${index}`);
    rows.push('extra,10.0.0.99,surprise');
    const preview = previewCsv(['Host,IP', ...rows].join('\n'));
    expect(preview.sampleRows).toHaveLength(20);
    expect(preview.rowCount).toBe(31);
    expect(preview.columns).toEqual(['Host', 'IP', 'Column 3']);
  });

  it('passes on parser problems with their lines', () => {
    const preview = previewCsv('Host,IP\nweb,"10.0.0.1\n');
    expect(preview.problems).toHaveLength(1);
    expect(preview.problems[0]?.line).toBe(2);
  });
});

describe('csvToAssetRows', () => {
  const mapping = previewCsv(INVENTORY).suggestedMapping;

  it('reads every good row into asset fields', () => {
    const { rows, errors } = csvToAssetRows(INVENTORY, { delimiter: ';', hasHeader: true, mapping });
    expect(errors).toEqual([]);
    expect(rows.map((row) => row.line)).toEqual([2, 3, 4]);
    expect(rows[0]?.fields).toEqual({
      hostname: 'web01',
      addresses: ['10.0.0.10'],
      mac: '00:1b:21:aa:bb:01',
      osFamily: 'linux',
      osName: 'Ubuntu 22.04',
      osVersion: '',
      deviceType: 'server',
      role: '',
      owner: 'Ops',
      department: '',
      location: 'HQ',
      tags: ['prod', 'dmz'],
      access: { method: 'ssh', port: null, username: '' },
      notes: 'front end; nginx',
    });
    expect(rows[1]?.fields).toMatchObject({
      addresses: ['10.0.1.20', '10.0.1.21'],
      osFamily: 'windows',
      deviceType: 'workstation',
      access: { method: 'winrm', port: null, username: '' },
    });
    expect(rows[2]?.fields).toMatchObject({ osFamily: 'network-os', osName: 'Cisco IOS 15.2', deviceType: 'network-device' });
  });

  it('skips bad rows whole, naming line, column and value', () => {
    const text = ['Name,IP,Type,Access', 'ok,10.0.0.1,server,ssh', 'bad-ip,10.0.0.300,server,ssh', 'bad-both,10.0.0.2,toaster,telnet', 'empty,,,'].join('\n');
    const { rows, errors } = csvToAssetRows(text, { delimiter: ',', hasHeader: true, mapping: { hostname: 0, addresses: 1, deviceType: 2, accessMethod: 3 } });
    expect(rows.map((row) => row.fields.hostname)).toEqual(['ok', 'empty']);
    expect(errors).toEqual([
      { line: 3, message: 'line 3: column "IP" value "10.0.0.300" is not an IPv4 address' },
      {
        line: 4,
        message:
          'line 4: column "Type" value "toaster" is not a device type; use server, workstation, network-device, printer, appliance or unknown; column "Access" value "telnet" is not an access method; use ssh, winrm or none, optionally with user and port as admin@ssh:2222',
      },
    ]);
  });

  it('requires a hostname or an address in each row', () => {
    const { rows, errors } = csvToAssetRows('Name,IP,Owner\n,,Anna\nweb,,', {
      delimiter: ',',
      hasHeader: true,
      mapping: { hostname: 0, addresses: 1, owner: 2 },
    });
    expect(rows).toHaveLength(1);
    expect(errors).toEqual([{ line: 2, message: 'line 2: needs a hostname or an address, but column "Name" and column "IP" are empty' }]);
  });

  it('reports bad MAC addresses and over-long values', () => {
    const { errors } = csvToAssetRows(`web,zz:zz,${'x'.repeat(201)}`, {
      delimiter: ',',
      hasHeader: false,
      mapping: { hostname: 0, mac: 1, owner: 2 },
    });
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toBe(`line 1: column "Column 2" value "zz:zz" is not a MAC address (aa:bb:cc:dd:ee:ff)`);
    const long = csvToAssetRows(`web,${'x'.repeat(201)}`, { delimiter: ',', hasHeader: false, mapping: { hostname: 0, owner: 1 } });
    expect(long.errors[0]?.message).toBe(`line 1: column "Column 2" value "${'x'.repeat(60)}…" is longer than 200 characters`);
  });

  it('fills osName from the OS column only when osName is not mapped', () => {
    const text = 'Host,OS,OS Name\nweb,Windows Server 2019,Windows Server 2019 Datacenter\n';
    const separate = csvToAssetRows(text, { delimiter: ',', hasHeader: true, mapping: { hostname: 0, osFamily: 1, osName: 2 } });
    expect(separate.rows[0]?.fields).toMatchObject({ osFamily: 'windows', osName: 'Windows Server 2019 Datacenter' });
    const single = csvToAssetRows(text, { delimiter: ',', hasHeader: true, mapping: { hostname: 0, osFamily: 1 } });
    expect(single.rows[0]?.fields).toMatchObject({ osFamily: 'windows', osName: 'Windows Server 2019' });
    const nameOnly = csvToAssetRows(text, { delimiter: ',', hasHeader: true, mapping: { hostname: 0, osName: 2 } });
    expect(nameOnly.rows[0]?.fields).toMatchObject({ osFamily: 'windows', osName: 'Windows Server 2019 Datacenter' });
    const bare = csvToAssetRows('web,linux', { delimiter: ',', hasHeader: false, mapping: { hostname: 0, osFamily: 1 } });
    expect(bare.rows[0]?.fields).toMatchObject({ osFamily: 'linux', osName: '' });
  });

  it('reports a mapping past the last column once, naming the column', () => {
    const { rows, errors } = csvToAssetRows('Host,IP\nweb,10.0.0.1\ndb,10.0.0.2', {
      delimiter: ',',
      hasHeader: true,
      mapping: { hostname: 0, owner: 5 },
    });
    expect(rows).toEqual([]);
    expect(errors).toEqual([{ line: 0, message: 'owner is mapped to column 6, but the file has only 2 columns' }]);
  });

  it('reports a missing hostname-or-address mapping once', () => {
    const { rows, errors } = csvToAssetRows('Owner\nAnna\nBob', { delimiter: ',', hasHeader: true, mapping: { owner: 0 } });
    expect(rows).toEqual([]);
    expect(errors).toEqual([{ line: 0, message: 'no column is mapped to hostname or addresses; every asset needs one of them' }]);
  });

  it('lists parser problems among the errors and keeps going', () => {
    const { rows, errors } = csvToAssetRows('Host,IP\nweb,10.0.0.1\nbad"host,10.0.0.2\ndb,10.0.0.3', {
      delimiter: ',',
      hasHeader: true,
      mapping: { hostname: 0, addresses: 1 },
    });
    expect(rows.map((row) => row.line)).toEqual([2, 4]);
    expect(errors.map((error) => error.line)).toEqual([3]);
  });

  it('treats short rows as having empty cells', () => {
    const { rows } = csvToAssetRows('Host,IP,Owner\nweb,10.0.0.1', { delimiter: ',', hasHeader: true, mapping: { hostname: 0, addresses: 1, owner: 2 } });
    expect(rows[0]?.fields.owner).toBe('');
  });

  it('says so when there are no data rows', () => {
    expect(csvToAssetRows('Host,IP\n', { delimiter: ',', hasHeader: true, mapping: { hostname: 0 } }).errors).toEqual([
      { line: 0, message: 'the file has no data rows' },
    ]);
  });
});
