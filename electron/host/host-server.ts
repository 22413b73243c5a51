/**
 * The browser host: the same contract as the desktop app, over HTTP (`POST /api/invoke/<channel>`)
 * and a WebSocket for events (`/api/events`), bound to 127.0.0.1 only and guarded by a session
 * token plus Host and Origin checks. It also serves the built renderer.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ApiResult, ErrorCode } from '../../shared/contract/common';
import type { AppCore } from '../core/app-core';
import { createSessionToken, RequestGuard } from './request-guard';
import { sendText, serveStatic } from './static-files';

export interface HostOptions {
  core: Pick<AppCore, 'dispatcher' | 'events'>;
  /** 0 picks a free port. */
  port: number;
  /** The built renderer folder. */
  staticDir: string;
  /** For tests; a random token otherwise. */
  token?: string;
}

export interface RunningHost {
  url: string;
  /** The URL to open: carries the token in the fragment, which browsers never send to servers. */
  openUrl: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 300 * 1024 * 1024;

const STATUS_BY_CODE: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  not_found: 404,
  conflict: 409,
  needs_confirmation: 428,
  cancelled: 409,
  unavailable: 503,
  storage: 507,
  internal: 500,
};

/** Starts the host on 127.0.0.1. */
export async function startHost(options: HostOptions): Promise<RunningHost> {
  const token = options.token ?? createSessionToken();
  let guard: RequestGuard | undefined;
  const server = createServer((request, response) => {
    if (!guard) return sendText(response, 503, 'starting');
    void handleRequest(request, response, guard, options);
  });
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const unsubscribe = options.core.events.subscribe((event, payload) => {
    const message = JSON.stringify({ event, payload });
    for (const client of sockets.clients) if (client.readyState === client.OPEN) client.send(message);
  });

  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const verdict = guard?.checkApi(request, url.searchParams.get('token'));
    if (url.pathname !== '/api/events' || !verdict?.ok) {
      socket.end(`HTTP/1.1 ${verdict && !verdict.ok ? verdict.status : 404} Rejected\r\nConnection: close\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(request, socket, head, (client: WebSocket) => {
      client.on('message', () => undefined);
      client.send(JSON.stringify({ event: 'host:hello', payload: {} }));
    });
  });

  await listen(server, options.port);
  const port = (server.address() as AddressInfo).port;
  guard = new RequestGuard(port, token);
  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    openUrl: `${url}#token=${token}`,
    port,
    token,
    async close() {
      unsubscribe();
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new Error(`port ${port} on 127.0.0.1 is already in use: pass --port with another number, or 0 for any free port`) : error);
    });
    server.listen(port, '127.0.0.1', () => resolve());
  });
}

async function handleRequest(request: IncomingMessage, response: ServerResponse, guard: RequestGuard, options: HostOptions): Promise<void> {
  const host = guard.checkHost(request);
  if (!host.ok) return sendText(response, host.status, host.message);
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');

  if (!url.pathname.startsWith('/api/')) {
    if (request.method !== 'GET' && request.method !== 'HEAD') return sendText(response, 405, 'method not allowed');
    return serveStatic(options.staticDir, url.pathname, response);
  }

  const verdict = guard.checkApi(request);
  if (!verdict.ok) return sendResult(response, verdict.status, { ok: false, error: { code: 'unauthorized', message: verdict.message } });

  const match = /^\/api\/invoke\/([a-zA-Z]+:[a-zA-Z]+)$/.exec(url.pathname);
  if (!match || request.method !== 'POST') {
    return sendResult(response, 404, { ok: false, error: { code: 'not_found', message: `no API route ${request.method} ${url.pathname}` } });
  }
  if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
    return sendResult(response, 415, { ok: false, error: { code: 'bad_request', message: 'send the request as application/json' } });
  }

  let body: unknown;
  try {
    body = await readJsonBody(request);
  } catch (error) {
    return sendResult(response, 400, { ok: false, error: { code: 'bad_request', message: (error as Error).message } });
  }
  const result = await options.core.dispatcher.invoke(match[1] ?? '', body);
  sendResult(response, result.ok ? 200 : STATUS_BY_CODE[result.error.code], result);
}

function readJsonBody(request: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error(`the request is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB`));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      if (text.trim() === '') return resolve({});
      try {
        resolve(JSON.parse(text));
      } catch (error) {
        reject(new Error(`the request body is not valid JSON: ${(error as Error).message}`));
      }
    });
    request.on('error', reject);
  });
}

function sendResult(response: ServerResponse, status: number, result: ApiResult<unknown>): void {
  const body = JSON.stringify(result);
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  });
  response.end(body);
}
