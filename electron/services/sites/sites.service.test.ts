import { afterEach, describe, expect, it } from 'vitest';
import type { Site } from '../../../shared/contract/sites';
import { removeTempDirs } from '../../test-support/temp-dir';
import { call, openTestCore } from '../../test-support/test-core';

afterEach(removeTempDirs);

describe('SitesService', () => {
  it('creates and edits sites, keeping names unique', async () => {
    const core = openTestCore();
    const site = await call<Site>(core, 'sites:create', { name: 'Acme Dental', networks: ['10.1.0.0/24', '10.2.0.5-40'], timezone: 'America/New_York', contact: { name: 'Dr. Li', email: 'li@example.com', phone: '' } });
    expect(site).toMatchObject({ name: 'Acme Dental', networks: ['10.1.0.0/24', '10.2.0.5-40'], timezone: 'America/New_York', assetCount: 0 });
    const duplicate = await core.dispatcher.invoke('sites:create', { name: 'acme dental' });
    expect(duplicate).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const edited = await call<Site>(core, 'sites:update', { id: site.id, changes: { notes: 'Key at reception' } });
    expect(edited).toMatchObject({ notes: 'Key at reception', networks: ['10.1.0.0/24', '10.2.0.5-40'] });
    await core.close();
  });

  it('names malformed networks and time zones', async () => {
    const core = openTestCore();
    const result = await core.dispatcher.invoke('sites:create', { name: 'X', networks: ['10.0.0.0/24', '10.0.0.40-5'], timezone: 'Mars/Olympus' });
    expect(result).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    if (result.ok) return;
    expect(result.error.issues).toEqual(
      expect.arrayContaining([
        { path: 'networks.1', message: expect.stringContaining('reversed') },
        { path: 'timezone', message: expect.stringContaining('"Mars/Olympus" is not a known IANA time zone') },
      ]),
    );
    await core.close();
  });
});
