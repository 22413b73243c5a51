/**
 * Who may talk to the browser host: only a page served by this host (Host and Origin are
 * 127.0.0.1 or localhost on our port, which defeats DNS rebinding and cross-site requests) that
 * holds this session's random token.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** A fresh session token: 32 random bytes, URL-safe. */
export function createSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The outcome of checking one request. */
export type GuardResult = { ok: true } | { ok: false; status: 401 | 403 | 421; message: string };

export class RequestGuard {
  private readonly allowedHosts: Set<string>;
  private readonly allowedOrigins: Set<string>;
  private readonly token: Buffer;

  constructor(port: number, token: string) {
    this.allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
    this.allowedOrigins = new Set([...this.allowedHosts].map((host) => `http://${host}`));
    this.token = Buffer.from(token);
  }

  /** Host check for every request, static files included. */
  checkHost(request: IncomingMessage): GuardResult {
    const host = request.headers.host ?? '';
    if (!this.allowedHosts.has(host)) return { ok: false, status: 421, message: `requests must be addressed to 127.0.0.1 (got Host "${host.slice(0, 100)}")` };
    return { ok: true };
  }

  /** Host, Origin and token checks for API calls and the event socket. */
  checkApi(request: IncomingMessage, tokenFromQuery?: string | null): GuardResult {
    const host = this.checkHost(request);
    if (!host.ok) return host;
    const origin = request.headers.origin;
    if (origin !== undefined && !this.allowedOrigins.has(origin)) {
      return { ok: false, status: 403, message: `requests from origin "${origin.slice(0, 100)}" are not allowed` };
    }
    const header = request.headers.authorization ?? '';
    const presented = header.startsWith('Bearer ') ? header.slice(7) : (tokenFromQuery ?? '');
    if (!this.tokenMatches(presented)) {
      return { ok: false, status: 401, message: 'missing or wrong session token: open the URL that "npm run serve" printed' };
    }
    return { ok: true };
  }

  private tokenMatches(presented: string): boolean {
    const candidate = Buffer.from(presented);
    return candidate.length === this.token.length && timingSafeEqual(candidate, this.token);
  }
}
