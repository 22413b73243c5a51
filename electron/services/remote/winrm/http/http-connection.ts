/**
 * One persistent HTTP/1.1 connection over a raw TCP or TLS socket. NTLM authenticates the
 * connection rather than each request, so the client must know exactly which socket it is on;
 * owning the socket also means nothing is written before the TLS trust decision is made.
 */
import net from 'node:net';
import tls from 'node:tls';
import { WinRmError } from '../winrm-error';
import { HttpParseError, type HttpResponse, HttpResponseParser } from './http-response-parser';
import { type TlsTrust, judgeCertificate } from './tls-trust';

/** Where and how to connect. */
export interface ConnectOptions {
  host: string;
  port: number;
  tls?: { trust: TlsTrust };
  connectTimeoutMs: number;
  signal?: AbortSignal;
}

/** One request; `Host`, `Content-Length` and keep-alive headers are added here. */
export interface HttpRequest {
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}

/** Limits for one request. */
export interface RequestLimits {
  timeoutMs: number;
  maxResponseBytes: number;
  signal?: AbortSignal;
}

function systemErrorText(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code ? code : 'network error';
}

function hostHeader(host: string, port: number): string {
  return net.isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
}

/** A connected socket that carries one request at a time. */
export class HttpConnection {
  private pending: { onData: (chunk: Buffer) => void; onClose: (error?: Error) => void } | undefined;
  private open = true;

  private constructor(
    private readonly socket: net.Socket,
    private readonly hostHeader: string,
    /** The DER and SHA-256 fingerprint of the server certificate, for HTTPS. */
    readonly certificate: { der: Buffer; sha256: string } | undefined,
  ) {
    socket.on('data', (chunk: Buffer) => this.pending?.onData(chunk));
    socket.on('error', (error) => this.closed(error));
    socket.on('close', () => this.closed());
  }

  /** Connects (and for HTTPS completes the handshake and trust check) before resolving. */
  static connect(options: ConnectOptions): Promise<HttpConnection> {
    const where = `${options.host}:${options.port}`;
    return new Promise((resolve, reject) => {
      if (options.signal?.aborted) {
        reject(new WinRmError('cancelled', `connection to ${where} was cancelled`));
        return;
      }
      const trust = options.tls?.trust;
      const socket = trust
        ? tls.connect({
            host: options.host,
            port: options.port,
            servername: net.isIP(options.host) ? undefined : options.host,
            rejectUnauthorized: false,
            ca: trust.kind === 'ca' ? trust.ca : undefined,
          })
        : net.connect({ host: options.host, port: options.port });
      const settle = (error: WinRmError | undefined, connection?: HttpConnection): void => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        socket.removeListener('error', onError);
        if (error) {
          socket.destroy();
          reject(error);
        } else if (connection) resolve(connection);
      };
      const onError = (error: Error): void => settle(new WinRmError('unreachable', `cannot connect to ${where}: ${systemErrorText(error)}`));
      const onAbort = (): void => settle(new WinRmError('cancelled', `connection to ${where} was cancelled`));
      const timer = setTimeout(() => settle(new WinRmError('timeout', `connecting to ${where} timed out after ${options.connectTimeoutMs} ms`)), options.connectTimeoutMs);
      options.signal?.addEventListener('abort', onAbort, { once: true });
      socket.once('error', onError);
      if (trust && socket instanceof tls.TLSSocket) {
        socket.once('secureConnect', () => {
          const verdict = judgeCertificate(socket, trust);
          if (!verdict.ok) {
            settle(new WinRmError('untrusted_certificate', `${where}: ${verdict.reason}; presented SHA-256 ${verdict.sha256}`, { certificateSha256: verdict.sha256 }));
            return;
          }
          settle(undefined, new HttpConnection(socket, hostHeader(options.host, options.port), { der: verdict.der, sha256: verdict.sha256 }));
        });
      } else {
        socket.once('connect', () => {
          socket.setNoDelay(true);
          settle(undefined, new HttpConnection(socket, hostHeader(options.host, options.port), undefined));
        });
      }
    });
  }

  /** Whether the socket can still carry a request. */
  get isOpen(): boolean {
    return this.open;
  }

  /** Sends one POST and reads its response. */
  request(request: HttpRequest, limits: RequestLimits): Promise<HttpResponse> {
    if (!this.open) return Promise.reject(new WinRmError('unreachable', 'the connection is closed'));
    if (this.pending) return Promise.reject(new Error('a request is already in flight on this connection'));
    if (limits.signal?.aborted) return Promise.reject(new WinRmError('cancelled', 'the request was cancelled'));
    return new Promise((resolve, reject) => {
      const parser = new HttpResponseParser(limits.maxResponseBytes);
      const finish = (error: WinRmError | undefined, response?: HttpResponse): void => {
        clearTimeout(timer);
        limits.signal?.removeEventListener('abort', onAbort);
        this.pending = undefined;
        if (error) {
          this.close();
          reject(error);
          return;
        }
        if (response?.closes) this.close();
        if (response) resolve(response);
      };
      const onAbort = (): void => finish(new WinRmError('cancelled', 'the request was cancelled'));
      const timer = setTimeout(() => finish(new WinRmError('timeout', `no response within ${limits.timeoutMs} ms`)), limits.timeoutMs);
      limits.signal?.addEventListener('abort', onAbort, { once: true });
      const parseFailure = (error: unknown): WinRmError => {
        if (error instanceof HttpParseError) return new WinRmError(error.tooLarge ? 'output_limit' : 'protocol_error', `bad HTTP response: ${error.message}`);
        return new WinRmError('protocol_error', 'bad HTTP response');
      };
      this.pending = {
        onData: (chunk) => {
          try {
            const response = parser.push(chunk);
            if (response) finish(undefined, response);
          } catch (error) {
            finish(parseFailure(error));
          }
        },
        onClose: (error) => {
          if (error) {
            finish(new WinRmError('unreachable', `connection lost: ${systemErrorText(error)}`));
            return;
          }
          try {
            finish(undefined, parser.end());
          } catch {
            finish(new WinRmError('unreachable', 'the server closed the connection before responding'));
          }
        },
      };
      const head = [`POST ${request.path} HTTP/1.1`, `Host: ${this.hostHeader}`, 'Connection: Keep-Alive', `Content-Length: ${request.body.length}`];
      for (const [name, value] of Object.entries(request.headers)) head.push(`${name}: ${value}`);
      this.socket.write(Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`, 'latin1'), request.body]));
    });
  }

  /** Closes the socket; safe to call more than once. */
  close(): void {
    this.open = false;
    this.socket.destroy();
  }

  private closed(error?: Error): void {
    this.open = false;
    this.pending?.onClose(error);
  }
}
