import { describe, expect, it } from 'vitest';
import { type WinRmTarget, endpointUrl, targetProblem } from './winrm-target';

const base: WinRmTarget = { host: 'srv01.corp.example', port: 5985, https: false, auth: 'ntlm', username: 'CORP\\svc', password: 'x' };

describe('WinRmTarget checks', () => {
  it('accepts NTLM over HTTP and Basic over HTTPS with a trust decision', () => {
    expect(targetProblem(base)).toBeUndefined();
    expect(targetProblem({ ...base, https: true, port: 5986, auth: 'basic', trust: { kind: 'ca' } })).toBeUndefined();
  });

  it('refuses unsafe or malformed targets', () => {
    expect(targetProblem({ ...base, auth: 'basic' })).toMatch(/in clear/);
    expect(targetProblem({ ...base, https: true })).toMatch(/trust/);
    expect(targetProblem({ ...base, host: 'evil\r\nX-Injected: 1' })).toMatch(/DNS name/);
    expect(targetProblem({ ...base, port: 70000 })).toMatch(/port/);
  });

  it('builds the WS-Addressing To URL', () => {
    expect(endpointUrl(base)).toBe('http://srv01.corp.example:5985/wsman');
    expect(endpointUrl({ ...base, host: 'fe80::1', https: true, port: 5986 })).toBe('https://[fe80::1]:5986/wsman');
  });
});
