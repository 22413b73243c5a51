import type { Duplex } from 'node:stream';
import { sanitizeBanner } from './banner-text';
import { hasHeaderEnd, readUntil } from './socket-reader';

// A response head larger than this is not one we need to understand.
const MAX_HEAD_BYTES = 8192;

/** What identifies a web server in its response head. */
export interface HttpHead {
  statusLine: string;
  server: string;
}

/** Extracts the status line and the `Server` header from a (possibly truncated) response head. */
export function parseHttpHead(head: string): HttpHead {
  const lines = head.split(/\r?\n/);
  const first = lines[0] ?? '';
  const statusLine = /^HTTP\/\d(\.\d)? \d{3}/.test(first) ? first : '';
  const serverLine = statusLine === '' ? undefined : lines.slice(1).find((line) => /^server\s*:/i.test(line));
  return {
    statusLine: sanitizeBanner(statusLine, 100),
    server: sanitizeBanner(serverLine === undefined ? '' : serverLine.slice(serverLine.indexOf(':') + 1), 160),
  };
}

/** The banner text shown for a web server: `HTTP/1.1 200 OK | Server: nginx/1.22.1`. */
export function formatHttpBanner(head: HttpHead): string {
  if (head.statusLine === '') return '';
  return head.server === '' ? head.statusLine : `${head.statusLine} | Server: ${head.server}`;
}

/** The minimal request that makes any web server answer with its status line and headers. */
export function headRequest(host: string, port: number): string {
  const hostHeader = port === 80 || port === 443 ? host : `${host}:${port}`;
  return `HEAD / HTTP/1.0\r\nHost: ${hostHeader}\r\nUser-Agent: Patchdesk-discovery\r\nAccept: */*\r\nConnection: close\r\n\r\n`;
}

/** Sends `HEAD /` on a connected stream (plain or TLS) and parses the response head. */
export async function requestHttpHead(stream: Duplex, host: string, port: number, timeoutMs: number): Promise<HttpHead> {
  stream.write(headRequest(host, port));
  const head = await readUntil(stream, { maxBytes: MAX_HEAD_BYTES, timeoutMs, isComplete: hasHeaderEnd });
  return parseHttpHead(head.toString('utf8'));
}
