/**
 * An incremental HTTP/1.1 response reader for one response at a time on a persistent connection:
 * Content-Length, chunked and close-delimited bodies, with a hard cap on the bytes it will hold.
 */

/** A complete response; header names are lower-cased and repeated headers joined with ", ". */
export interface HttpResponse {
  status: number;
  headers: Map<string, string>;
  body: Buffer;
  /** Whether the server will close the connection after this response. */
  closes: boolean;
}

/** Thrown for malformed or oversized responses. */
export class HttpParseError extends Error {
  constructor(
    message: string,
    readonly tooLarge = false,
  ) {
    super(message);
    this.name = 'HttpParseError';
  }
}

const MAX_HEADER_BYTES = 64 * 1024;
const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

type BodyMode = { kind: 'length'; remaining: number } | { kind: 'chunked' } | { kind: 'close' };

/** Feeds socket data in, gets the response out once it is complete. */
export class HttpResponseParser {
  private buffer: Buffer = Buffer.alloc(0);
  private head: { status: number; headers: Map<string, string>; mode: BodyMode; closes: boolean } | undefined;
  private readonly body: Buffer[] = [];
  private bodyBytes = 0;

  constructor(private readonly maxBodyBytes: number) {}

  /** Adds bytes; returns the response when it is complete. */
  push(chunk: Buffer): HttpResponse | undefined {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    for (;;) {
      if (!this.head) {
        const end = this.buffer.indexOf(HEADER_END);
        if (end < 0) {
          if (this.buffer.length > MAX_HEADER_BYTES) throw new HttpParseError('response headers are too large', true);
          return undefined;
        }
        const head = this.parseHead(this.buffer.subarray(0, end).toString('latin1'));
        this.buffer = this.buffer.subarray(end + 4);
        // Interim 1xx responses carry no body and precede the real one.
        if (head.status >= 100 && head.status < 200) continue;
        this.head = head;
      }
      return this.readBody();
    }
  }

  /** Called when the peer closed; completes a close-delimited body, otherwise reports truncation. */
  end(): HttpResponse {
    if (this.head?.mode.kind === 'close') return this.finish();
    throw new HttpParseError('connection closed before the response was complete');
  }

  private parseHead(text: string): { status: number; headers: Map<string, string>; mode: BodyMode; closes: boolean } {
    const [statusLine = '', ...lines] = text.split('\r\n');
    const match = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine);
    if (!match) throw new HttpParseError('not an HTTP/1.x response');
    const headers = new Map<string, string>();
    for (const line of lines) {
      const colon = line.indexOf(':');
      if (colon <= 0) continue;
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      const previous = headers.get(name);
      headers.set(name, previous === undefined ? value : `${previous}, ${value}`);
    }
    const status = Number(match[1]);
    const closes = /\bclose\b/i.test(headers.get('connection') ?? '') || statusLine.startsWith('HTTP/1.0');
    const transferEncoding = headers.get('transfer-encoding');
    const contentLength = headers.get('content-length');
    let mode: BodyMode;
    if (transferEncoding && /chunked/i.test(transferEncoding)) mode = { kind: 'chunked' };
    else if (contentLength !== undefined) {
      const length = Number(contentLength);
      if (!Number.isSafeInteger(length) || length < 0) throw new HttpParseError('bad Content-Length');
      if (length > this.maxBodyBytes) throw new HttpParseError('response body exceeds the size limit', true);
      mode = { kind: 'length', remaining: length };
    } else if (status === 204 || status === 304) mode = { kind: 'length', remaining: 0 };
    else mode = { kind: 'close' };
    return { status, headers, mode, closes: closes || mode.kind === 'close' };
  }

  private take(bytes: Buffer): void {
    this.bodyBytes += bytes.length;
    if (this.bodyBytes > this.maxBodyBytes) throw new HttpParseError('response body exceeds the size limit', true);
    this.body.push(Buffer.from(bytes));
  }

  private readBody(): HttpResponse | undefined {
    const head = this.head;
    if (!head) return undefined;
    const mode = head.mode;
    if (mode.kind === 'length') {
      const slice = this.buffer.subarray(0, mode.remaining);
      this.take(slice);
      mode.remaining -= slice.length;
      this.buffer = this.buffer.subarray(slice.length);
      return mode.remaining === 0 ? this.finish() : undefined;
    }
    if (mode.kind === 'close') {
      this.take(this.buffer);
      this.buffer = Buffer.alloc(0);
      return undefined;
    }
    for (;;) {
      const lineEnd = this.buffer.indexOf(CRLF);
      if (lineEnd < 0) return undefined;
      const size = parseInt(this.buffer.subarray(0, lineEnd).toString('latin1').split(';')[0] ?? '', 16);
      if (!Number.isSafeInteger(size) || size < 0) throw new HttpParseError('bad chunk size');
      if (size === 0) {
        const trailerEnd = this.buffer.indexOf(HEADER_END, lineEnd);
        const emptyTrailer = this.buffer.subarray(lineEnd, lineEnd + 4).equals(HEADER_END);
        if (!emptyTrailer && trailerEnd < 0) return undefined;
        this.buffer = this.buffer.subarray((emptyTrailer ? lineEnd : trailerEnd) + 4);
        return this.finish();
      }
      if (this.buffer.length < lineEnd + 2 + size + 2) {
        if (this.bodyBytes + size > this.maxBodyBytes) throw new HttpParseError('response body exceeds the size limit', true);
        return undefined;
      }
      this.take(this.buffer.subarray(lineEnd + 2, lineEnd + 2 + size));
      this.buffer = this.buffer.subarray(lineEnd + 2 + size + 2);
    }
  }

  private finish(): HttpResponse {
    const head = this.head;
    if (!head) throw new HttpParseError('no response');
    return { status: head.status, headers: head.headers, body: Buffer.concat(this.body), closes: head.closes };
  }
}
