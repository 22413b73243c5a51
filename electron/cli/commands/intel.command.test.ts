import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { runCliCapturing } from '../../test-support/run-cli';
import { makeTempDir, removeTempDirs } from '../../test-support/temp-dir';

const servers: Server[] = [];
afterEach(async () => {
  removeTempDirs();
  process.exitCode = undefined;
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

const fixtures = join(__dirname, '..', '..', 'services', 'intel', 'feeds', 'parsers', 'fixtures');
const kev = join(fixtures, 'cisa_kev_2022-08-18_one-entry.json');
const tracker = join(fixtures, 'debian-security-tracker-json_sample.json');
const nvd = join(fixtures, 'nvd_api2_CVE-2017-7542.json');
const epss = join(fixtures, 'epss_scores-2023-03-07_trimmed.csv');

/** A loopback HTTP server answering from a table of paths; everything else is 404. */
async function serve(files: Record<string, Uint8Array>): Promise<{ base: string; requests: string[] }> {
  const requests: string[] = [];
  const server = createServer((request, response) => {
    requests.push(request.url ?? '');
    const body = files[request.url ?? ''];
    if (!body) {
      response.writeHead(404).end('not here');
      return;
    }
    response.writeHead(200, { 'content-length': body.length }).end(body);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

describe('patchdesk intel', () => {
  it('imports files (a refused one is named, the others go in), lists status and prints a CVE', async () => {
    const dataDir = makeTempDir();
    const dir = makeTempDir();
    const foreign = join(dir, 'package.json');
    writeFileSync(foreign, '{"name": "x"}');
    const run = await runCliCapturing(dataDir, ['intel', 'import', kev, foreign, tracker, nvd]);
    expect(run.code).toBe(2);
    expect(run.out.split('\n')).toEqual([
      expect.stringMatching(/^Imported cisa_kev_2022-08-18_one-entry.json: CISA KEV 2022.08.18, 2022-08-18, 1 record, SHA-256 [0-9a-f]{64}\.$/),
      expect.stringMatching(/^Imported debian-security-tracker-json_sample.json: Debian security tracker, 4 records/),
      expect.stringMatching(/^Imported nvd_api2_CVE-2017-7542.json: NVD CVE API 2.0 2.0, 2023-12-12, 1 record/),
    ]);
    expect(run.err).toContain('patchdesk: warning: cisa_kev_2022-08-18_one-entry.json: the catalogue says it has 801 entries but lists 1');
    expect(run.err).toMatch(/patchdesk: package.json is JSON, but not a feed Patchdesk reads .*; nothing was imported/);
    expect(await runCliCapturing(dataDir, ['intel', 'import', kev])).toMatchObject({ code: 0, out: 'Unchanged: cisa_kev_2022-08-18_one-entry.json is already imported (CISA KEV, 2022.08.18, 2022-08-18).' });

    const table = await runCliCapturing(dataDir, ['intel', 'status']);
    expect(table.out.split('\n')[0]).toMatch(/^KIND +SCOPE +VERSION +DATE +RECORDS +AGE +LIMIT +FILE +SOURCE +RETRIEVED \(UTC\) +SHA-256$/);
    expect(table.out).toMatch(/CISA KEV +2022\.08\.18 +2022-08-18 +1 +\d[\d,]* days +7 days +cisa_kev_2022-08-18_one-entry\.json +file /);
    expect(table.out).toMatch(/Debian security tracker +\(none\) +4 +\d+ days? \(retrieved\)/);
    expect(table.out).toContain('Age limits: the default limits.');
    expect(table.out).toMatch(/^Flag: KEV feed is [\d,]+ days old \(limit 7\): KEV figures may be incomplete — import a newer feed$/m);
    expect(table.out).toContain('Flag: no EPSS feed imported: exploit probabilities (EPSS) not measured');
    const json = JSON.parse((await runCliCapturing(dataDir, ['intel', 'status', '--json'])).out) as { limitsFrom: string; feeds: { kind: string; ageLimitDays: number; ageFlag: string | null }[]; flags: { kind: string; state: string }[] };
    expect(json.feeds.map((feed) => feed.kind).sort()).toEqual(['debian-tracker', 'kev', 'nvd']);
    expect(json.feeds.find((feed) => feed.kind === 'kev')).toMatchObject({ ageLimitDays: 7, ageFlag: expect.stringMatching(/^KEV feed is [\d,]+ days old \(limit 7\)/) });
    expect(json.flags).toContainEqual(expect.objectContaining({ kind: 'epss', state: 'missing' }));

    expect((await runCliCapturing(dataDir, ['site', 'add', 'Acme', '--network', '192.0.2.0/24'])).code).toBe(0);
    expect((await runCliCapturing(dataDir, ['intel', 'status', '--site', 'acme'])).out).toContain('Age limits: the policy of "Acme".');

    const cve = await runCliCapturing(dataDir, ['intel', 'cve', 'cve-2017-7542']);
    expect(cve.out.split('\n').slice(0, 4)).toEqual([
      'CVE-2017-7542',
      '  KEV: not listed in the imported catalogue',
      '  EPSS: no score in the imported file',
      '  CVSS: 5.5 MEDIUM (CVSS 3.0, nvd@nist.gov) CVSS:3.0/AV:L/AC:L/PR:L/UI:N/S:U/C:N/I:N/A:H [NVD CVE API 2.0 2.0, nvd_api2_CVE-2017-7542.json]',
    ]);
    expect(cve.out).toContain('    affects linux linux_kernel up to 4.12.3');
    const kevCve = await runCliCapturing(dataDir, ['intel', 'cve', 'CVE-2022-21971']);
    expect(kevCve.out).toContain('  KEV: yes, added 2022-08-18, due 2022-09-08, known ransomware use: Unknown (Microsoft Windows: Microsoft Windows Runtime Remote Code Execution Vulnerability) [CISA KEV 2022.08.18, cisa_kev_2022-08-18_one-entry.json]');
    const open = JSON.parse((await runCliCapturing(dataDir, ['intel', 'cve', 'CVE-2016-5416', '--json'])).out) as { affected: { status: string }[] };
    expect(open.affected.map((row) => row.status)).toEqual(['open', 'open']);
    expect((await runCliCapturing(dataDir, ['intel', 'cve', 'CVE-2016-5416'])).out).toContain('  debian bullseye 389-ds-base: no fix yet, urgency not yet assigned, no DSA: Minor issue (ignored) [Debian security tracker');
    expect(await runCliCapturing(dataDir, ['intel', 'cve', 'CVE-1999-0001'])).toMatchObject({ code: 0, out: 'CVE-1999-0001\n  No imported feed mentions this CVE (import KEV, EPSS, NVD or distribution data first).' });
    expect((await runCliCapturing(dataDir, ['intel', 'cve', 'log4shell'])).code).toBe(2);
    expect((await runCliCapturing(dataDir, ['intel', 'import'])).code).toBe(2);
    expect((await runCliCapturing(dataDir, ['intel', 'frobnicate'])).code).toBe(2);
  });

  it('bundles the feeds signed; another installation refuses an unknown signer, takes it once trusted or pinned, refuses a tampered bundle', async () => {
    const office = makeTempDir();
    const site = makeTempDir();
    const dir = makeTempDir();
    await runCliCapturing(office, ['intel', 'import', kev, tracker, epss]);
    const bundle = join(dir, 'intel.zip');
    const written = await runCliCapturing(office, ['intel', 'bundle', '--out', bundle]);
    expect(written.code).toBe(0);
    const fingerprint = /signed by (SHA256:[A-Za-z0-9+/]{43})/.exec(written.out)?.[1] ?? '';
    expect(fingerprint).not.toBe('');
    expect((await runCliCapturing(office, ['evidence', 'key'])).out).toContain(fingerprint);

    const refused = await runCliCapturing(site, ['intel', 'import', bundle]);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain(`patchdesk: intel.zip was refused: it is signed by an unknown key ${fingerprint}`);
    expect(JSON.parse((await runCliCapturing(site, ['intel', 'status', '--json'])).out)).toMatchObject({ feeds: [], flags: [{ kind: 'kev', state: 'missing', message: 'no KEV feed imported: known-exploited figures not measured' }, { kind: 'epss', state: 'missing' }] });

    const pinned = await runCliCapturing(site, ['intel', 'import', bundle, '--key', fingerprint]);
    expect(pinned.code).toBe(0);
    expect(pinned.out.split('\n')[0]).toMatch(new RegExp(`^Verified intel.zip: signed 20\\d\\d-.* by ${fingerprint.replace(/[+/]/g, '\\$&')} \\(the pinned key\\)\\.$`));
    const officeStatus = (JSON.parse((await runCliCapturing(office, ['intel', 'status', '--json'])).out) as { feeds: { sha256: string; retrievedAt: string }[] }).feeds;
    const siteStatus = (JSON.parse((await runCliCapturing(site, ['intel', 'status', '--json'])).out) as { feeds: { sha256: string; retrievedAt: string }[] }).feeds;
    expect(siteStatus.map((feed) => [feed.sha256, feed.retrievedAt]).sort()).toEqual(officeStatus.map((feed) => [feed.sha256, feed.retrievedAt]).sort());

    const other = makeTempDir();
    expect((await runCliCapturing(other, ['evidence', 'trust', 'add', fingerprint, '--name', 'Office'])).code).toBe(0);
    expect((await runCliCapturing(other, ['intel', 'import', bundle])).out).toContain('(trusted signer "Office")');

    const bytes = Buffer.from(readFileSync(bundle));
    const at = bytes.indexOf('manifest.json') + 40;
    bytes[at] = (bytes[at] ?? 0) ^ 0x01;
    const tampered = join(dir, 'tampered.zip');
    writeFileSync(tampered, bytes);
    const third = makeTempDir();
    const rejected = await runCliCapturing(third, ['intel', 'import', tampered, '--key', fingerprint]);
    expect(rejected.code).toBe(2);
    expect(rejected.err).toMatch(/^patchdesk: tampered.zip was refused: /);
    expect(JSON.parse((await runCliCapturing(third, ['intel', 'status', '--json'])).out)).toMatchObject({ feeds: [] });
    expect(await runCliCapturing(makeTempDir(), ['intel', 'bundle', '--out', join(dir, 'empty.zip')])).toMatchObject({ code: 2, err: expect.stringContaining('there are no imported feeds to bundle') });
  });

  it('fetches the feeds from a mirror on 127.0.0.1 and records the address; a missing file fails that feed only', async () => {
    const { base, requests } = await serve({
      '/mirror/known_exploited_vulnerabilities.json': readFileSync(kev),
      '/mirror/epss_scores-current.csv.gz': gzipSync(readFileSync(epss)),
    });
    const dataDir = makeTempDir();
    const run = await runCliCapturing(dataDir, ['intel', 'fetch', '--mirror', `${base}/mirror/`]);
    expect(run.code).toBe(1);
    expect(run.out.split('\n')).toEqual([
      `Imported CISA KEV 2022.08.18, 2022-08-18 from ${base}/mirror/known_exploited_vulnerabilities.json: 1 record.`,
      `Imported FIRST EPSS v2023.03.01, 2023-03-07 from ${base}/mirror/epss_scores-current.csv.gz: 2 records.`,
    ]);
    expect(run.err).toContain(`patchdesk: debian-tracker: cannot download ${base}/mirror/debian-security-tracker.json: the server answered 404 Not Found`);
    expect(run.err).toContain('patchdesk: 1 feed of 3 could not be fetched (see above)');
    expect(requests).toEqual(['/mirror/known_exploited_vulnerabilities.json', '/mirror/epss_scores-current.csv.gz', '/mirror/debian-security-tracker.json']);
    const status = (JSON.parse((await runCliCapturing(dataDir, ['intel', 'status', '--json'])).out) as { feeds: { kind: string; sourceUrl: string; fileName: string }[] }).feeds;
    expect(status.find((feed) => feed.kind === 'kev')).toMatchObject({ sourceUrl: `${base}/mirror/known_exploited_vulnerabilities.json`, fileName: 'known_exploited_vulnerabilities.json' });
    expect((await runCliCapturing(dataDir, ['intel', 'fetch', '--feed', 'nvd'])).code).toBe(2);
    expect((await runCliCapturing(dataDir, ['intel', 'fetch', '--mirror', 'ftp://example.org'])).code).toBe(2);
  });
});
