import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDirs } from '../../test-support/temp-dir';
import { runCliCapturing } from '../../test-support/run-cli';

const PASSPHRASE = 'a long enough master passphrase';

afterAll(() => removeTempDirs());

/** The CLI over one data folder, answering its prompts with `secrets`. */
function run(dataDir: string, args: string[], secrets: string[] = []) {
  return runCliCapturing(dataDir, args, secrets);
}

describe('patchdesk credential bind|unbind', () => {
  it('binds and unbinds assets and tags by credential name, and names what is left', async () => {
    const dataDir = makeTempDir();
    expect((await run(dataDir, ['site', 'add', 'Lab'])).code).toBe(0);
    expect((await run(dataDir, ['vault', 'init'], [PASSPHRASE, PASSPHRASE])).code).toBe(0);
    expect((await run(dataDir, ['credential', 'add', 'ops', '--kind', 'ssh', '--user', 'ops'], [PASSPHRASE, 'secret-pw'])).code).toBe(0);
    const { openAppCore } = await import('../../core/app-core');
    const seed = openAppCore({ dataDir, mode: 'cli', actor: 'test' });
    await seed.dispatcher.invoke('assets:create', { siteId: 1, fields: { hostname: 'web1', addresses: ['10.0.0.5'] } });
    await seed.close();

    const bound = await run(dataDir, ['credential', 'bind', 'ops', '--asset', 'web1', '--tag', 'linux']);
    expect(bound).toMatchObject({ code: 0, out: 'Credential "ops" is now bound to: #linux asset 1.' });
    const unbound = await run(dataDir, ['credential', 'unbind', 'ops', '--asset', 'web1']);
    expect(unbound).toMatchObject({ code: 0, out: 'Credential "ops" is now bound to: #linux.' });
    expect((await run(dataDir, ['credential', 'unbind', '1', '--tag', 'linux'])).out).toBe('Credential "ops" is now bound to: nothing.');
  });

  it('refuses an unknown credential or a call without assets or tags', async () => {
    const dataDir = makeTempDir();
    await run(dataDir, ['site', 'add', 'Lab']);
    expect(await run(dataDir, ['credential', 'unbind', 'nope', '--tag', 'x'])).toMatchObject({ code: 2, err: expect.stringContaining('no credential "nope"') });
    expect(await run(dataDir, ['credential', 'bind', 'nope'])).toMatchObject({ code: 2, err: expect.stringContaining('at least one --asset or --tag') });
  });
});
