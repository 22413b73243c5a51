import { describe, expect, it } from 'vitest';
import { formatHttpBanner, headRequest, parseHttpHead } from './http-banner';

describe('parseHttpHead', () => {
  it('finds the status line and Server header whatever the header case', () => {
    const head = 'HTTP/1.1 401 Unauthorized\r\nContent-Type: text/html\r\nSERVER: Microsoft-HTTPAPI/2.0\r\n\r\n';
    expect(parseHttpHead(head)).toEqual({ statusLine: 'HTTP/1.1 401 Unauthorized', server: 'Microsoft-HTTPAPI/2.0' });
  });

  it('accepts bare LF line endings and HTTP/2-style status lines', () => {
    expect(parseHttpHead('HTTP/2 200\nserver: pve-api-daemon/3.0\n\n')).toEqual({ statusLine: 'HTTP/2 200', server: 'pve-api-daemon/3.0' });
  });

  it('ignores responses that are not HTTP', () => {
    expect(parseHttpHead('SSH-2.0-OpenSSH_9.2p1\r\nServer: fake\r\n')).toEqual({ statusLine: '', server: '' });
  });

  it('sanitises hostile header values', () => {
    expect(parseHttpHead('HTTP/1.0 200 OK\r\nServer: \u001b[31mevil\u0000\r\n\r\n').server).toBe('evil');
  });
});

describe('formatHttpBanner', () => {
  it('joins status and server', () => {
    expect(formatHttpBanner({ statusLine: 'HTTP/1.1 200 OK', server: 'nginx/1.22.1' })).toBe('HTTP/1.1 200 OK | Server: nginx/1.22.1');
    expect(formatHttpBanner({ statusLine: 'HTTP/1.1 200 OK', server: '' })).toBe('HTTP/1.1 200 OK');
    expect(formatHttpBanner({ statusLine: '', server: 'nginx' })).toBe('');
  });
});

describe('headRequest', () => {
  it('sends a HEAD with a Host header, naming the port when it is not the default', () => {
    expect(headRequest('10.0.0.5', 80)).toMatch(/^HEAD \/ HTTP\/1\.0\r\nHost: 10\.0\.0\.5\r\n[\s\S]*\r\n\r\n$/);
    expect(headRequest('10.0.0.5', 5985)).toContain('Host: 10.0.0.5:5985\r\n');
  });
});
