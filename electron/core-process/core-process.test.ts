import { fork, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readOwnerRecord } from '../owner/folder-lock';
import { connectCoreSocket } from '../owner/core-socket-client';
import { makeTempDir, removeTempDirs } from '../test-support/temp-dir';
import { createCoreProcessClient, type MainKeychain } from './core-process-client';
import type { FromCore, ToCore } from './core-process-protocol';

afterAll(removeTempDirs);

const REPO = resolve(fileURLToPath(new URL('../../', import.meta.url)));
const ENTRY = join(REPO, 'electron', 'core-process', 'core-process-entry.ts');

/** The core entry in a forked Node process, as Electron's utilityProcess would run it. */
function forkCore(): { child: ChildProcess; exited: Promise<number | null> } {
  const child = fork(join(REPO, 'bin', 'run-ts.mjs'), [ENTRY], { cwd: REPO, serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return { child, exited: new Promise((resolvePromise) => child.once('exit', (code) => resolvePromise(code))) };
}

function clientOf(child: ChildProcess, keychain?: MainKeychain) {
  const client = createCoreProcessClient(
    { post: (message: ToCore) => void child.send(message), onMessage: (listener: (message: FromCore) => void) => child.on('message', (message) => listener(message as FromCore)) },
    keychain,
  );
  child.once('exit', (code) => client.lost(`the core process exited (${code})`));
  return client;
}

/** A stand-in for Electron's safeStorage: reversible, and counting its calls. */
function fakeKeychain(): MainKeychain & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    wrap: (dataKey) => {
      calls.push('wrap');
      return `wrapped:${dataKey.toString('base64')}`;
    },
    unwrap: (wrapped) => {
      calls.push('unwrap');
      return Buffer.from(wrapped.slice('wrapped:'.length), 'base64');
    },
  };
}

describe('the desktop core process', () => {
  it('owns the folder, answers relayed calls, forwards events, opens the vault with the main process keychain, and serves the CLI socket', async () => {
    const dataDir = makeTempDir();
    const { child, exited } = forkCore();
    const keychain = fakeKeychain();
    const client = clientOf(child, keychain);
    const events: string[] = [];
    client.onEvent((event) => events.push(event));

    const owner = await client.start({ dataDir });
    expect(owner).toMatchObject({ kind: 'desktop', pid: child.pid });
    expect(readOwnerRecord(dataDir)).toMatchObject({ kind: 'desktop', pid: child.pid, socket: owner.socket });
    // A new vault was created under the keychain, through the main process.
    expect(keychain.calls).toEqual(['wrap']);
    expect(await client.invoke('vault:status', {})).toMatchObject({ ok: true, value: { initialized: true, unlocked: true } });

    const changed = new Promise<void>((resolvePromise) => client.onEvent((event) => event === 'data:changed' && resolvePromise()));
    expect(await client.invoke('sites:create', { name: 'Desktop', networks: ['192.0.2.0/24'] })).toMatchObject({ ok: true, value: { name: 'Desktop' } });
    // The write is announced to the window through the relay.
    await changed;
    expect(events).toContain('data:changed');
    expect(await client.invoke('sites:create', { name: '' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });

    // A CLI command forwards to this process over its socket.
    const remote = await connectCoreSocket(owner.socket ?? '', 'alice');
    expect(await remote.invoke('sites:list', {})).toMatchObject({ ok: true, value: [{ name: 'Desktop' }] });
    remote.close();

    await client.stop();
    expect(await exited).toBe(0);
    expect(readOwnerRecord(dataDir)).toBeNull();
    expect(await client.invoke('sites:list', {})).toMatchObject({ ok: false, error: { code: 'unavailable' } });

    // Next start: the vault opens with the keychain again (unwrap), no passphrase.
    const second = forkCore();
    const again = clientOf(second.child, keychain);
    await again.start({ dataDir });
    expect(keychain.calls).toEqual(['wrap', 'unwrap']);
    expect(await again.invoke('vault:status', {})).toMatchObject({ ok: true, value: { unlocked: true } });
    await again.stop();
    await second.exited;
  }, 120_000);

  it('refuses to start on a folder another core owns, naming it', async () => {
    const dataDir = makeTempDir();
    const first = forkCore();
    const owner = clientOf(first.child);
    await owner.start({ dataDir });
    const second = forkCore();
    const refused = clientOf(second.child);
    await expect(refused.start({ dataDir })).rejects.toThrow(`in use by the Patchdesk desktop app (pid ${first.child.pid})`);
    second.child.kill();
    await second.exited;
    await owner.stop();
    await first.exited;
  }, 120_000);

  it('a killed core releases the folder and fails pending calls as unavailable', async () => {
    const dataDir = makeTempDir();
    const { child, exited } = forkCore();
    const client = clientOf(child);
    await client.start({ dataDir });
    child.kill('SIGKILL');
    await exited;
    expect(await client.invoke('sites:list', {})).toMatchObject({ ok: false, error: { code: 'unavailable', message: 'the core process exited (null)' } });
    const next = forkCore();
    const again = clientOf(next.child);
    expect(await again.start({ dataDir })).toMatchObject({ pid: next.child.pid });
    await again.stop();
    await next.exited;
  }, 120_000);
});
