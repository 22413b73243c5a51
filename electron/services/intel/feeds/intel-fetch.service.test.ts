import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestCore } from '../../../test-support/test-core';
import { removeTempDirs } from '../../../test-support/temp-dir';
import { fetchTargets, IntelFetchService } from './intel-fetch.service';

afterEach(removeTempDirs);

describe('intel fetch', () => {
  it('uses the official addresses unless a mirror is set', () => {
    expect(fetchTargets(['kev', 'epss', 'debian-tracker'], ['rocky linux', 'Red Hat'], undefined).map((target) => target.url)).toEqual([
      'https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json',
      'https://epss.empiricalsecurity.com/epss_scores-current.csv.gz',
      'https://security-tracker.debian.org/tracker/data/json',
      'https://osv-vulnerabilities.storage.googleapis.com/Rocky%20Linux/all.zip',
      'https://osv-vulnerabilities.storage.googleapis.com/Red%20Hat/all.zip',
    ]);
    expect(fetchTargets(['kev'], ['Debian'], 'https://mirror.example/intel/').map((target) => target.url)).toEqual(['https://mirror.example/intel/known_exploited_vulnerabilities.json', 'https://mirror.example/intel/osv/Debian/all.zip']);
    expect(() => fetchTargets([], ['npm'], undefined)).toThrow('--osv: "npm" is not an OSV ecosystem Patchdesk maps (Debian, Ubuntu, AlmaLinux, Rocky Linux, Red Hat)');
  });

  it('downloads through the given client, imports with the address as provenance, and leaves no temporary file', async () => {
    const core = openTestCore();
    const asked: string[] = [];
    const kev = readFileSync(join(__dirname, 'parsers', 'fixtures', 'cisa_kev_2022-08-18_one-entry.json'));
    const client: typeof fetch = async (url) => {
      asked.push(String(url));
      return String(url).endsWith('.json') ? new Response(kev) : new Response('gone', { status: 410, statusText: 'Gone' });
    };
    const service = new IntelFetchService({ imports: core.services.intelImport, clock: core.clock, tempDir: join(core.dataDir, 'intel-feeds'), fetch: client });
    const outcomes = await service.fetchAll(fetchTargets(['kev', 'epss'], [], undefined));
    expect(asked).toEqual(['https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json', 'https://epss.empiricalsecurity.com/epss_scores-current.csv.gz']);
    expect(outcomes[0]).toMatchObject({ ok: true, result: { feed: { sourceUrl: asked[0], retrievedAt: '2026-11-02T09:00:00.000Z', fileName: 'known_exploited_vulnerabilities.json' } } });
    expect(outcomes[1]).toMatchObject({ ok: false, error: `cannot download ${asked[1]}: the server answered 410 Gone` });
    expect(readdirSync(join(core.dataDir, 'intel-feeds')).filter((name) => name.startsWith('.download'))).toEqual([]);
    await core.close();
  });
});
