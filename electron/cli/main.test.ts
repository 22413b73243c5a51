import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDirs } from '../test-support/temp-dir';
import { runCliCapturing } from '../test-support/run-cli';
import { extractGlobalOptions } from './main';

afterEach(() => {
  removeTempDirs();
  process.exitCode = undefined;
});

/** The CLI over one data folder. */
function run(dataDir: string, ...args: string[]) {
  return runCliCapturing(dataDir, args);
}

describe('patchdesk CLI', () => {
  it('extracts --data-dir wherever it stands', () => {
    expect(extractGlobalOptions(['site', 'list', '--data-dir=/x'])).toEqual({ dataDir: '/x', help: false, rest: ['site', 'list'] });
  });

  it('adds and lists sites, as text and JSON', async () => {
    const dir = makeTempDir();
    expect(await run(dir, 'site', 'add', 'Acme', 'Dental', '--network', '127.0.0.0/30', '--timezone', 'Europe/Berlin')).toMatchObject({ code: 0, out: expect.stringContaining('Added site "Acme Dental"') });
    const listed = await run(dir, 'site', 'list', '--json');
    expect(JSON.parse(listed.out)).toMatchObject([{ name: 'Acme Dental', networks: ['127.0.0.0/30'], timezone: 'Europe/Berlin' }]);
  });

  it('exits 2 with one clear line on bad input', async () => {
    const dir = makeTempDir();
    const bad = await run(dir, 'site', 'add', 'X', '--network', '10.0.0.9-2');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^patchdesk: invalid request to sites:create: networks\.0: "10\.0\.0\.9-2": range is reversed/);
    expect((await run(dir, 'frobnicate')).code).toBe(2);
    expect((await run(dir, 'assets')).err).toContain('no sites yet');
  });

  it('imports a CSV, reporting bad rows by line with exit 2, and lists assets', async () => {
    const dir = makeTempDir();
    await run(dir, 'site', 'add', 'Acme');
    const csv = join(dir, 'inventory.csv');
    writeFileSync(csv, 'Hostname;IP Address;Owner\nfs01;10.0.0.5;Ana\nbad;10.0.0.300;Ben\nweb1;10.0.0.7;Cy\n');
    const imported = await run(dir, 'import', 'csv', csv);
    expect(imported.code).toBe(2);
    expect(imported.out).toContain('2 created');
    expect(imported.err).toMatch(/inventory\.csv: line 3: .*10\.0\.0\.300/);
    const assets = await run(dir, 'assets', '--json');
    expect((JSON.parse(assets.out) as { assets?: unknown[] } | unknown[])).toBeTruthy();
    const table = await run(dir, 'assets');
    expect(table.out).toContain('fs01');
    expect(table.out).toContain('web1');
  });

  it('refuses a database from a newer version', async () => {
    const dir = makeTempDir();
    await run(dir, 'site', 'list');
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(join(dir, 'patchdesk.db'));
    db.pragma('user_version = 999');
    db.close();
    const result = await run(dir, 'site', 'list');
    expect(result.code).toBe(2);
    expect(result.err).toContain('newer Patchdesk');
  });
});

describe('patchdesk import csv with a file-level problem', () => {
  it('refuses a CSV whose columns cannot be mapped, importing nothing', async () => {
    const dir = makeTempDir();
    await run(dir, 'site', 'add', 'Acme');
    const csv = join(dir, 'weird.csv');
    writeFileSync(csv, 'Colour,Flavour\nred,sweet\n');
    const result = await run(dir, 'import', 'csv', csv);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^patchdesk: .*weird\.csv/);
    expect((await run(dir, 'assets')).out).toContain('No assets');
  });
});

describe('patchdesk parse', () => {
  const samples = new URL('../services/collect/parsers/fixtures/', import.meta.url).pathname;

  it('lists the formats', async () => {
    const result = await run(makeTempDir(), 'parse', '--list');
    expect(result.code).toBe(0);
    for (const format of ['apt-simulate', 'yum-check-update', 'zypper-xml', 'windows-update-json', 'cisco-ios', 'routeros']) expect(result.out).toContain(format);
  });

  it('prints what it reads from a capture as JSON, honouring the exit code', async () => {
    const { readdirSync } = await import('node:fs');
    const ubuntu = readdirSync(samples).find((name) => name.includes('ubuntu-24') && name.endsWith('.stdout'));
    const result = await run(makeTempDir(), 'parse', 'apt-simulate', join(samples, ubuntu ?? 'missing'));
    expect(result.code).toBe(0);
    const parsed = JSON.parse(result.out) as { updates: { kind: string }[] };
    expect(parsed.updates.filter((update) => update.kind === 'upgrade')).toHaveLength(51);
  });

  it('fails with exit 2 on output it cannot read', async () => {
    const dir = makeTempDir();
    writeFileSync(join(dir, 'garbage.txt'), 'E: Could not open lock file /var/lib/dpkg/lock-frontend\n');
    const result = await run(dir, 'parse', 'yum-check-update', join(dir, 'garbage.txt'), '--exit-code', '1');
    expect(result.code).toBe(2);
    expect(result.err).toContain('cannot read it as yum-check-update');
  });
});

describe('patchdesk verify --log', () => {
  it('says the log is intact, then names a tampered row', async () => {
    const dir = makeTempDir();
    await run(dir, 'site', 'add', 'Acme');
    await run(dir, 'site', 'add', 'Beta');
    expect(await run(dir, 'verify', '--log')).toMatchObject({ code: 0, out: expect.stringContaining('intact: 2 entries') });
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(join(dir, 'patchdesk.db'));
    db.prepare("UPDATE audit_log SET actor = 'mallory' WHERE id = 1").run();
    db.close();
    const tampered = await run(dir, 'verify', '--log');
    expect(tampered.code).toBe(1);
    expect(tampered.err).toContain('row 1');
  });
});

describe('patchdesk exception', () => {
  it('adds and lists exceptions, refusing one without expiry or owner', async () => {
    const dir = makeTempDir();
    await run(dir, 'site', 'add', 'Acme');
    const csv = join(dir, 'a.csv');
    writeFileSync(csv, 'hostname,ip\nlegacy-erp,10.0.0.9\n');
    await run(dir, 'import', 'csv', csv);
    const expires = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    expect((await run(dir, 'exception', 'add', '--site', 'Acme', '--asset', 'legacy-erp', '--reason', 'vendor lock-in', '--owner', 'Ana')).err).toContain('--expires');
    expect((await run(dir, 'exception', 'add', '--site', 'Acme', '--asset', 'legacy-erp', '--reason', 'vendor lock-in', '--expires', expires)).code).toBe(2);
    const added = await run(dir, 'exception', 'add', '--site', 'Acme', '--asset', 'legacy-erp', '--reason', 'vendor lock-in', '--owner', 'Ana', '--expires', expires, '--controls', 'isolated VLAN', '--approver', 'CFO');
    expect(added).toMatchObject({ code: 0, out: expect.stringContaining('owned by Ana') });
    expect(added.out).toContain(`covers up to and including ${expires} (`);
    expect((await run(dir, 'exception', 'list', '--site', 'Acme')).out).toMatch(new RegExp(`legacy-erp .* ${expires} `));
    const listed = JSON.parse((await run(dir, 'exception', 'list', '--site', 'Acme', '--json')).out) as { status: string; assetName: string }[];
    expect(listed).toMatchObject([{ status: 'active', assetName: 'legacy-erp' }]);
  });
});
