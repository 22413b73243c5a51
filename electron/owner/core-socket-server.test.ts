import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openTestCore } from '../test-support/test-core';
import { makeTempDir, removeTempDirs } from '../test-support/temp-dir';
import { connectCoreSocket } from './core-socket-client';
import { attachToFolder, serveOwnedFolder } from './folder-owner';
import { coreSocketAddress } from './socket-address';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(removeTempDirs);

/** An owned folder with its core and socket, as the browser host runs it. */
async function ownedFolder(dataDir = makeTempDir()) {
  const attached = await attachToFolder(dataDir, 'browser-host', 'owner');
  if (attached.mode !== 'owner') throw new Error('expected to own the folder');
  const core = openTestCore({ dataDir });
  const server = await serveOwnedFolder(attached.lock, core);
  cleanups.push(async () => {
    await server.close();
    await core.close();
    attached.lock.release();
  });
  return { core, server, lock: attached.lock, dataDir };
}

/** Sends raw lines and collects what comes back until the core hangs up. */
function rawExchange(address: string, text: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const socket = connect(address);
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')));
    socket.once('error', reject);
    socket.once('close', () => resolve(received.split('\n').filter(Boolean)));
    socket.write(text);
  });
}

describe('the core socket', () => {
  it('serves the dispatcher: calls are parsed by the contract and answered by id, errors in the contract error union', async () => {
    const { lock, server } = await ownedFolder();
    const remote = await connectCoreSocket(server.address, 'alice');
    cleanups.push(() => remote.close());
    expect(remote.owner).toMatchObject({ pid: process.pid, kind: 'browser-host', socket: server.address, instanceId: lock.record.instanceId });

    const [created, invalid, unknown] = await Promise.all([
      remote.invoke('sites:create', { name: 'Over the socket', networks: ['192.0.2.0/24'] }),
      remote.invoke('sites:create', { name: '', networks: ['not a network'] }),
      remote.invoke('nope:nothing', {}),
    ]);
    expect(created).toMatchObject({ ok: true, value: { name: 'Over the socket' } });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(invalid.ok ? [] : invalid.error.issues?.map((issue) => issue.path)).toContain('name');
    expect(unknown).toEqual({ ok: false, error: { code: 'bad_request', message: 'unknown channel "nope:nothing"' } });
    expect(await remote.invoke('sites:list', {})).toMatchObject({ ok: true, value: [{ name: 'Over the socket' }] });
  });

  it('runs each call as the calling command’s actor, through the CLI, with the jobs it starts; the owner’s own calls stay its own', async () => {
    const { core, server } = await ownedFolder();
    const alice = await connectCoreSocket(server.address, 'alice');
    const bob = await connectCoreSocket(server.address, 'bob');
    cleanups.push(() => alice.close(), () => bob.close());
    const site = await alice.invoke('sites:create', { name: 'By Alice', networks: ['192.0.2.0/24'] });
    if (!site.ok) throw new Error(site.error.message);
    const siteId = (site.value as { id: number }).id;
    expect(await bob.invoke('policy:get', { siteId })).toMatchObject({ ok: true });
    const [info, scan] = await Promise.all([bob.invoke('app:info', {}), bob.invoke('scan:start', { siteId })]);
    expect(info).toMatchObject({ ok: true, value: { actor: 'bob', mode: 'cli' } });
    if (!scan.ok) throw new Error(scan.error.message);
    const jobId = (scan.value as { jobId: string }).jobId;
    // The scan finishes (and audits its end) after bob's call was answered: still as bob.
    await core.jobs.wait(jobId);
    expect(await core.dispatcher.invoke('sites:update', { id: siteId, changes: { name: 'By the owner' } })).toMatchObject({ ok: true });

    const rows = core.db.prepare('SELECT actor, via, action FROM audit_log ORDER BY id').all();
    expect(rows).toEqual([
      { actor: 'alice', via: 'cli', action: 'created' },
      { actor: 'bob', via: 'cli', action: 'scan-started' },
      { actor: 'bob', via: 'cli', action: 'scan-completed' },
      { actor: 'tester', via: 'cli', action: 'edited' },
    ]);
    expect(core.db.prepare('SELECT created_by, created_via FROM jobs WHERE id = ?').get(jobId)).toEqual({ created_by: 'bob', created_via: 'cli' });
    expect(core.audit.verifyChain()).toBeNull();
  });

  it('refuses a call without a clean actor, naming the field, and records nothing', async () => {
    const { core, server } = await ownedFolder();
    const missing = await rawExchange(server.address, `${JSON.stringify({ type: 'invoke', id: 1, channel: 'sites:create', request: { name: 'Nobody' } })}\n`);
    expect(JSON.parse(missing[1] ?? '{}')).toMatchObject({ id: null, result: { ok: false, error: { code: 'bad_request', message: expect.stringContaining('(actor: ') } } });
    const garbled = await rawExchange(server.address, `${JSON.stringify({ type: 'invoke', id: 1, channel: 'sites:create', actor: 'alice\nroot', request: { name: 'Garbled' } })}\n`);
    expect(JSON.parse(garbled[1] ?? '{}')).toMatchObject({ id: null, result: { ok: false, error: { message: expect.stringContaining('actor: must be trimmed, without control characters') } } });
    const long = await rawExchange(server.address, `${JSON.stringify({ type: 'invoke', id: 1, channel: 'sites:create', actor: 'a'.repeat(101), request: { name: 'Long' } })}\n`);
    expect(JSON.parse(long[1] ?? '{}')).toMatchObject({ id: null, result: { ok: false, error: { code: 'bad_request', message: expect.stringContaining('actor: ') } } });
    expect(core.db.prepare('SELECT COUNT(*) AS n FROM audit_log').get()).toEqual({ n: 0 });
  });

  it('streams events to a subscribed client', async () => {
    const { core, server } = await ownedFolder();
    const subscriber = await connectCoreSocket(server.address, 'alice');
    cleanups.push(() => subscriber.close());
    const seen: unknown[] = [];
    const arrived = new Promise<void>((resolve) =>
      subscriber.subscribe((event, payload) => {
        seen.push({ event, payload });
        resolve();
      }),
    );
    // A call after subscribing is answered after the subscription took effect (one connection, in order).
    await subscriber.invoke('sites:list', {});
    core.events.emit('data:changed', { topics: ['sites'], at: '2026-11-02T09:00:00.000Z' } as never);
    await arrived;
    expect(seen).toEqual([{ event: 'data:changed', payload: { topics: ['sites'], at: '2026-11-02T09:00:00.000Z' } }]);
  });

  it('refuses a garbage message with a clear error and hangs up', async () => {
    const { server } = await ownedFolder();
    const lines = await rawExchange(server.address, 'GET / HTTP/1.1\r\n\r\n');
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ type: 'hello' });
    expect(JSON.parse(lines[1] ?? '{}')).toEqual({ type: 'result', id: null, result: { ok: false, error: { code: 'bad_request', message: 'not a Patchdesk core message: each line must be one JSON object' } } });

    const wrongShape = await rawExchange(server.address, '{"type":"invoke","channel":"sites:list"}\n');
    expect(JSON.parse(wrongShape[1] ?? '{}')).toMatchObject({ id: null, result: { ok: false, error: { code: 'bad_request' } } });
  });

  it('is private to this user: the socket is 0600 in a 0700 folder', async () => {
    const { server, dataDir } = await ownedFolder();
    expect(server.address).toBe(join(dataDir, 'core.sock'));
    expect(statSync(server.address).mode & 0o777).toBe(0o600);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
  });

  it('moves the socket to a private per-user runtime folder when the data folder path is too long for a socket', async () => {
    const deep = join(makeTempDir(), 'a-rather-long-folder-name-for-a-data-folder', 'and-another-level-of-nesting-here', 'data');
    const env = { XDG_RUNTIME_DIR: makeTempDir() };
    const address = coreSocketAddress(deep, 'linux', env);
    expect(address.startsWith(join(env.XDG_RUNTIME_DIR, 'patchdesk'))).toBe(true);
    expect(Buffer.byteLength(address)).toBeLessThan(104);
    expect(statSync(join(env.XDG_RUNTIME_DIR, 'patchdesk')).mode & 0o777).toBe(0o700);
    expect(coreSocketAddress(deep, 'linux', env)).toBe(address);
    expect(coreSocketAddress('C:\\Users\\Ann\\AppData\\Roaming\\Patchdesk', 'win32')).toMatch(/^\\\\\.\\pipe\\patchdesk-[0-9a-f]{24}$/);

    const { server } = await ownedFolder(deep);
    expect(statSync(server.address).mode & 0o777).toBe(0o600);
  });

  it.runIf(process.getuid?.() === 0)('refuses another user: the kernel denies the connection', async () => {
    const { server } = await ownedFolder();
    const script = `require('node:net').connect(${JSON.stringify(server.address)}).on('connect', () => { console.log('connected'); process.exit(0); }).on('error', (e) => { console.log(e.code); process.exit(0); });`;
    const child = spawn(process.execPath, ['-e', script], { uid: 65534, gid: 65534, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    await new Promise((resolve) => child.once('close', resolve));
    expect(out.trim()).toBe('EACCES');
  });

  it('a second process attaches as a client, and a lost owner fails pending calls as unavailable, naming it', async () => {
    const { server, dataDir } = await ownedFolder();
    const attached = await attachToFolder(dataDir, 'cli', 'alice');
    expect(attached.mode).toBe('client');
    if (attached.mode !== 'client') return;
    cleanups.push(() => attached.remote.close());
    const lost = new Promise<string>((resolve) => attached.remote.onLost(resolve));
    await server.close();
    expect(await lost).toBe(`the browser host (pid ${process.pid}), which owns this data folder, stopped before answering`);
    expect(await attached.remote.invoke('sites:list', {})).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });

  it('refuses a core of another version, naming it, instead of sending it calls it may read differently', async () => {
    const address = join(makeTempDir(), 'other.sock');
    const other = createServer((socket) => socket.write(`${JSON.stringify({ type: 'hello', owner: { pid: 4321, kind: 'browser-host', startedAt: '2026-11-02T09:00:00.000Z', socket: address, version: '0.0.1-other', instanceId: 'x' } })}\n`));
    await new Promise<void>((resolve) => other.listen(address, resolve));
    cleanups.push(() => new Promise<void>((resolve) => other.close(() => resolve())));
    await expect(connectCoreSocket(address, 'alice')).rejects.toThrow(/^the browser host \(pid 4321\) owns this data folder and runs Patchdesk 0\.0\.1-other, but this command is \d/);
  });
});
