import { describe, expect, it } from 'vitest';
import { checkSpec, parseCheckSpec, urlProblem } from './health-check';

describe('parseCheckSpec', () => {
  it('reads each kind, with timeouts and expected statuses', () => {
    expect(parseCheckSpec('unit:nginx')).toEqual({ kind: 'unit', unit: 'nginx', timeoutSeconds: 30 });
    expect(parseCheckSpec('port:443@10')).toEqual({ kind: 'port', port: 443, timeoutSeconds: 10 });
    expect(parseCheckSpec('http:http://localhost/health')).toEqual({ kind: 'http', url: 'http://localhost/health', expectStatus: 200, timeoutSeconds: 30 });
    expect(parseCheckSpec('http:https://localhost:8443/ready=204@5')).toEqual({ kind: 'http', url: 'https://localhost:8443/ready', expectStatus: 204, timeoutSeconds: 5 });
    expect(parseCheckSpec('command:systemctl is-active nginx@home', 60)).toEqual({ kind: 'command', command: 'systemctl is-active nginx@home', timeoutSeconds: 60 });
  });

  it('refuses what is not a check, naming the problem', () => {
    expect(() => parseCheckSpec('nginx')).toThrow(/is not a check/);
    expect(() => parseCheckSpec('unit:nginx; rm -rf /')).toThrow(/not a systemd unit name/);
    expect(() => parseCheckSpec('port:70000')).toThrow(/not a TCP port/);
    expect(() => parseCheckSpec('http:ftp://localhost/')).toThrow(/not an http or https URL/);
    expect(() => parseCheckSpec('http:http://admin:secret@localhost/')).toThrow(/credentials/);
    expect(() => parseCheckSpec('ping:host')).toThrow(/not a kind of check/);
    expect(() => parseCheckSpec('port:443@0')).toThrow(/timeout/);
  });

  it('writes a check back the way it reads it', () => {
    for (const spec of ['unit:nginx.service', 'port:22', 'http:http://127.0.0.1/x=503', 'command:true']) expect(checkSpec(parseCheckSpec(spec))).toBe(spec);
    expect(urlProblem('http://[::1]:8080/health')).toBeUndefined();
  });
});
