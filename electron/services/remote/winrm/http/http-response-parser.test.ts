import { describe, expect, it } from 'vitest';
import { HttpParseError, HttpResponseParser } from './http-response-parser';

const feed = (parser: HttpResponseParser, text: string, pieces = 1) => {
  const bytes = Buffer.from(text, 'latin1');
  const size = Math.ceil(bytes.length / pieces);
  let result;
  for (let at = 0; at < bytes.length; at += size) result = parser.push(bytes.subarray(at, at + size)) ?? result;
  return result;
};

describe('HttpResponseParser', () => {
  it('reads a Content-Length body split across chunks', () => {
    const response = feed(new HttpResponseParser(100), 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-A: 1\r\nx-a: 2\r\n\r\nhello', 7);
    expect(response).toMatchObject({ status: 200, closes: false });
    expect(response?.body.toString()).toBe('hello');
    expect(response?.headers.get('x-a')).toBe('1, 2');
  });

  it('reads a chunked body and skips interim responses', () => {
    const text = 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 500 Err\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\n';
    const response = feed(new HttpResponseParser(100), text, 5);
    expect(response?.status).toBe(500);
    expect(response?.body.toString()).toBe('abcde');
  });

  it('completes a close-delimited body at end of stream', () => {
    const parser = new HttpResponseParser(100);
    expect(feed(parser, 'HTTP/1.1 200 OK\r\n\r\npartial')).toBeUndefined();
    expect(parser.end()).toMatchObject({ status: 200, closes: true });
  });

  it('enforces the size limit for every framing', () => {
    expect(() => feed(new HttpResponseParser(4), 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n')).toThrow(HttpParseError);
    expect(() => feed(new HttpResponseParser(4), 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n3\r\nabc\r\n')).toThrow(/size limit/);
    expect(() => feed(new HttpResponseParser(4), 'HTTP/1.1 200 OK\r\n\r\nabcdef')).toThrow(/size limit/);
  });

  it('rejects garbage and early close', () => {
    expect(() => feed(new HttpResponseParser(4), 'SSH-2.0-OpenSSH\r\n\r\n')).toThrow(/HTTP/);
    const parser = new HttpResponseParser(100);
    feed(parser, 'HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nabc');
    expect(() => parser.end()).toThrow(/closed/);
  });
});
