import { afterEach, describe, expect, it } from 'vitest';
import { NtlmClient } from '../ntlm/ntlm-client';
import { type WinRmTestServer, startWinRmTestServer } from '../test-support/winrm-test-server';
import { ShellAction, buildEnvelope, createShellBody } from '../wsman/wsman-envelope';
import { SPNEGO_ENCRYPTED, encodeEncryptedBody, encryptedContentType } from './encrypted-body';
import { HttpConnection } from './http-connection';
import { WinRmTransport } from './winrm-transport';

const accounts = [{ user: 'patchbot', domain: 'PATCHLAB', password: 'pw-123456' }];
// Generous, so a loaded machine cannot turn the test server's answer into a timeout.
const limits = { timeoutMs: 20_000, maxResponseBytes: 1_000_000 };
const servers: WinRmTestServer[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(): Promise<WinRmTestServer> {
  const server = await startWinRmTestServer({ accounts, behave: () => ({}) });
  servers.push(server);
  return server;
}

const createEnvelope = (port: number) =>
  buildEnvelope({ to: `http://127.0.0.1:${port}/wsman`, action: ShellAction.create, operationTimeoutSeconds: 20, maxEnvelopeSize: 512000, body: createShellBody() });

async function handshake(server: WinRmTestServer) {
  const connection = await HttpConnection.connect({ host: server.host, port: server.port, connectTimeoutMs: 20_000 });
  const client = new NtlmClient({ user: 'patchbot', domain: 'PATCHLAB' }, 'pw-123456');
  const auth = (token: Buffer) => ({ path: '/wsman', headers: { Authorization: `Negotiate ${token.toString('base64')}` }, body: Buffer.alloc(0) });
  const challenge = await connection.request(auth(client.negotiate()), limits);
  const token = /Negotiate (\S+)/.exec(challenge.headers.get('www-authenticate') ?? '')?.[1] ?? '';
  const { message, session } = client.authenticate(Buffer.from(token, 'base64'));
  expect((await connection.request(auth(message), limits)).status).toBe(200);
  const sealedRequest = (xml: string, tamper = false) => {
    const plain = Buffer.from(xml);
    const { sealed, signature } = session.wrap(plain);
    if (tamper) sealed[10] = (sealed[10] ?? 0) ^ 0x40;
    return { path: '/wsman', headers: { 'Content-Type': encryptedContentType(SPNEGO_ENCRYPTED) }, body: encodeEncryptedBody({ protocol: SPNEGO_ENCRYPTED, originalLength: plain.length, signature, sealed }) };
  };
  return { connection, sealedRequest };
}

describe('WinRmTransport and the test server', () => {
  it('has the server reject a wrongly sealed message', async () => {
    const server = await serve();
    const { connection, sealedRequest } = await handshake(server);
    expect((await connection.request(sealedRequest(createEnvelope(server.port), true), limits)).status).toBe(400);
    expect(server.rejections).toEqual(['seal or signature invalid']);
    expect(server.requests).toEqual([]);
    connection.close();
  });

  it('has the server accept a correctly sealed message and reject a replay of it', async () => {
    const server = await serve();
    const { connection, sealedRequest } = await handshake(server);
    const request = sealedRequest(createEnvelope(server.port));
    expect((await connection.request(request, limits)).status).toBe(200);
    expect((await connection.request(request, limits)).status).toBe(400);
    expect(server.requests).toHaveLength(1);
    connection.close();
  });

  it('has the server refuse a clear-text body over HTTP', async () => {
    const server = await serve();
    const { connection } = await handshake(server);
    const response = await connection.request({ path: '/wsman', headers: { 'Content-Type': 'application/soap+xml;charset=UTF-8' }, body: Buffer.from(createEnvelope(server.port)) }, limits);
    expect(response.status).toBe(400);
    expect(server.rejections).toEqual(['unencrypted body over HTTP']);
    connection.close();
  });

  it('re-authenticates on a new connection after the server dropped the old one', async () => {
    const server = await serve();
    const transport = new WinRmTransport(
      { host: server.host, port: server.port, https: false, auth: 'ntlm', username: 'PATCHLAB\\patchbot', password: 'pw-123456' },
      { connectTimeoutMs: 20_000, requestTimeoutMs: 20_000, maxResponseBytes: 1_000_000 },
    );
    expect((await transport.send(createEnvelope(server.port))).status).toBe(200);
    server.dropConnections();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await transport.send(createEnvelope(server.port))).status).toBe(200);
    expect(server.requests.map((request) => request.encrypted)).toEqual([true, true]);
    transport.close();
  });
});
