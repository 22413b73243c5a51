import { mkdirSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { makeTempDir, removeTempDirs } from '../test-support/temp-dir';
import { call, openTestCore } from '../test-support/test-core';
import { startHost, type RunningHost } from './host-server';

let host: RunningHost;
let core: ReturnType<typeof openTestCore>;

beforeEach(async () => {
  core = openTestCore();
  const staticDir = makeTempDir();
  mkdirSync(staticDir, { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Patchdesk</title>');
  host = await startHost({ core, port: 0, staticDir, token: 'test-token-0123456789' });
});

afterEach(async () => {
  await host.close();
  await core.close();
  removeTempDirs();
});

const invoke = (channel: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${host.url}api/invoke/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: 'Bearer test-token-0123456789', ...headers },
    body: JSON.stringify(body),
  });

describe('browser host', () => {
  it('serves the contract to a caller with the token', async () => {
    const created = await invoke('sites:create', { name: 'Acme', networks: ['127.0.0.0/30'] });
    expect(created.status).toBe(200);
    expect(await created.json()).toMatchObject({ ok: true, value: { name: 'Acme' } });
    const listed = (await (await invoke('sites:list', {})).json()) as { value: unknown[] };
    expect(listed.value).toHaveLength(1);
  });

  it('returns contract errors with a fitting status', async () => {
    const response = await invoke('sites:create', { name: '' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringContaining('name') } });
    const unknown = await invoke('nope:never', {});
    expect(unknown.status).toBe(400);
  });

  it('rejects a missing or wrong token', async () => {
    const response = await invoke('sites:list', {}, { Authorization: 'Bearer wrong' });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'unauthorized', message: expect.stringContaining('token') } });
  });

  it('rejects another origin and a foreign Host header', async () => {
    expect((await invoke('sites:list', {}, { Origin: 'http://evil.example' })).status).toBe(403);
    const status = await new Promise<number>((resolve, reject) => {
      const request = httpRequest({ host: '127.0.0.1', port: host.port, path: '/', headers: { Host: `attacker.example:${host.port}` } }, (response) => resolve(response.statusCode ?? 0));
      request.on('error', reject);
      request.end();
    });
    expect(status).toBe(421);
  });

  it('rejects malformed JSON with a clear message', async () => {
    const response = await fetch(`${host.url}api/invoke/sites:list`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: 'Bearer test-token-0123456789' }, body: '{"broken' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { message: expect.stringContaining('not valid JSON') } });
  });

  it('serves the renderer with a strict CSP', async () => {
    const page = await fetch(host.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await page.text()).toContain('Patchdesk');
  });

  it('pushes events over the WebSocket only with the token', async () => {
    const wsUrl = `ws://127.0.0.1:${host.port}/api/events`;
    const refused = new WebSocket(`${wsUrl}?token=wrong`);
    await expect(new Promise((resolve, reject) => { refused.on('open', resolve); refused.on('error', reject); })).rejects.toThrow(/401/);

    const socket = new WebSocket(`${wsUrl}?token=test-token-0123456789`);
    const messages: { event: string }[] = [];
    await new Promise<void>((resolve) => socket.on('message', (data) => {
      messages.push(JSON.parse(String(data)) as { event: string });
      if (messages.length === 1) resolve();
    }));
    const received = new Promise<void>((resolve) => socket.on('message', () => resolve()));
    core.events.emit('job:progress', { jobId: 'j', kind: 'scan', siteId: 1, seq: 1, state: 'running', progress: null });
    await received;
    expect(messages.map((message) => message.event)).toEqual(['host:hello', 'job:progress']);
    socket.close();
  });

  it('pushes a change notice over the WebSocket when another process commits', async () => {
    const watcher = core.watchChanges({ timers: { every: () => () => undefined, soon: () => undefined } });
    const socket = new WebSocket(`ws://127.0.0.1:${host.port}/api/events?token=test-token-0123456789`);
    await new Promise<void>((resolve) => socket.once('message', () => resolve()));
    const notice = new Promise<unknown>((resolve) => socket.once('message', (data) => resolve(JSON.parse(String(data)))));

    const other = openTestCore({ dataDir: core.dataDir });
    const site = await call<{ id: number }>(other, 'sites:create', { name: 'Acme' });
    await other.close();
    watcher.tick();
    expect(await notice).toEqual({ event: 'data:changed', payload: { seq: 1, siteId: site.id, topics: ['sites'] } });
    socket.close();
  });
});
