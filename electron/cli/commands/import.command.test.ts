import { truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { collectionFile } from '../../test-support/collection-file';
import { makeTempDir, removeTempDirs } from '../../test-support/temp-dir';
import { runCliCapturing } from '../../test-support/run-cli';

afterEach(() => {
  removeTempDirs();
  process.exitCode = undefined;
});

function run(dataDir: string, ...args: string[]) {
  return runCliCapturing(dataDir, args);
}

async function addSite(dir: string): Promise<void> {
  expect((await run(dir, 'site', 'add', 'Acme', '--network', '10.0.0.0/24')).code).toBe(0);
}

async function assetCount(dir: string): Promise<number> {
  return (JSON.parse((await run(dir, 'assets', '--site', 'Acme', '--json')).out) as { assets: unknown[] }).assets.length;
}

describe('patchdesk import nmap: warnings', () => {
  it('leaves out -Pn hosts without open ports and warns about hosts outside the site networks, in text and JSON', async () => {
    const dir = makeTempDir();
    await addSite(dir);
    const host = (address: string, reason: string, port: string) =>
      `<host><status state="up" reason="${reason}"/><address addr="${address}" addrtype="ipv4"/><ports>${port}</ports></host>`;
    const ssh = '<port protocol="tcp" portid="22"><state state="open" reason="syn-ack"/><service name="ssh"/></port>';
    const file = join(dir, 'pn.xml');
    writeFileSync(file, `<?xml version="1.0"?>\n<nmaprun args="nmap -Pn -oX pn.xml 10.0.0.0/24 192.168.7.9">${host('10.0.0.1', 'user-set', '')}${host('10.0.0.2', 'user-set', ssh)}${host('192.168.7.9', 'syn-ack', ssh)}</nmaprun>\n`);
    const text = await run(dir, 'import', 'nmap', file);
    expect(text.code).toBe(0);
    expect(text.out).toContain('2 created');
    expect(text.err).toContain('pn.xml: warning: 1 host was left out: nmap only assumed it up (-Pn, reason "user-set") and found no open port (10.0.0.1)');
    expect(text.err).toContain('pn.xml: warning: 1 imported host is outside the networks of "Acme" (10.0.0.0/24): 192.168.7.9');
    expect(await assetCount(dir)).toBe(2);
    const json = JSON.parse((await run(dir, 'import', 'nmap', file, '--json')).out) as { warnings: string[] };
    expect(json.warnings).toHaveLength(2);
  });
});

describe('patchdesk import collection', () => {
  it('refuses a file from another host than --asset names, unless --force-host', async () => {
    const dir = makeTempDir();
    await addSite(dir);
    const hosts = join(dir, 'hosts.csv');
    writeFileSync(hosts, 'hostname,ip\nweb01,10.0.0.1\ndb01,10.0.0.2\n');
    expect((await run(dir, 'import', 'csv', hosts)).code).toBe(0);
    const file = join(dir, 'web01.pdc');
    writeFileSync(file, collectionFile('web01'));
    const refused = await run(dir, 'import', 'collection', file, '--asset', 'db01');
    expect(refused).toMatchObject({ code: 2, err: expect.stringContaining('web01.pdc was collected on "web01", not on "db01"; nothing was imported') });
    expect((await run(dir, 'import', 'collection', file, '--force-host')).code).toBe(2);
    const forced = await run(dir, 'import', 'collection', file, '--asset', 'db01', '--force-host');
    expect(forced).toMatchObject({ code: 0, out: expect.stringContaining('Imported the collection of db01') });
    expect((await run(dir, 'import', 'collection', file)).out).toContain('Imported the collection of web01');
  });
});

describe('patchdesk import: bad input', () => {
  it('refuses an nmap file with an external entity (XXE) as bad input, exit 2, importing nothing', async () => {
    const dir = makeTempDir();
    await addSite(dir);
    const file = join(dir, 'xxe.xml');
    writeFileSync(file, '<?xml version="1.0"?>\n<!DOCTYPE nmaprun [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<nmaprun><host><status state="up"/><address addr="10.0.0.5" addrtype="ipv4"/><hostnames><hostname name="&x;"/></hostnames></host></nmaprun>\n');
    const result = await run(dir, 'import', 'nmap', file);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^patchdesk: xxe\.xml: the file declares XML entities/);
    expect(await assetCount(dir)).toBe(0);
  });

  it('refuses a CSV with a NUL byte, naming the line, and imports nothing', async () => {
    const dir = makeTempDir();
    await addSite(dir);
    const file = join(dir, 'hosts.csv');
    writeFileSync(file, 'hostname,ip\r\nweb01,10.0.0.1\r\nweb\u000002,10.0.0.2\r\n');
    const result = await run(dir, 'import', 'csv', file);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/hosts\.csv: line 3 holds a NUL byte.*Nothing was imported\./);
    expect(await assetCount(dir)).toBe(0);
  });

  it('checks the size before reading: a 51 MB CSV is refused without being read', async () => {
    const dir = makeTempDir();
    await addSite(dir);
    const file = join(dir, 'huge.csv');
    writeFileSync(file, '');
    // Sparse: the size is there, the data is not, so reading it would show up as a wasted 51 MB.
    truncateSync(file, 51 * 1024 * 1024);
    const result = await run(dir, 'import', 'csv', file);
    expect(result).toMatchObject({ code: 2, err: expect.stringMatching(/huge\.csv is 51\.0 MB; a csv import reads files up to 50 MB\. Nothing was read or imported\./) });
  });
});
