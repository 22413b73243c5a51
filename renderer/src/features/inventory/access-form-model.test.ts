import { describe, expect, it } from 'vitest';
import { parseAccessForm } from './access-form-model';

describe('parseAccessForm', () => {
  it('accepts a method with an optional port and user', () => {
    expect(parseAccessForm({ method: 'ssh', port: '2222', username: ' ops ' })).toEqual({ ok: true, access: { method: 'ssh', port: 2222, username: 'ops' } });
    expect(parseAccessForm({ method: 'winrm', port: '', username: 'CORP\\ops' })).toEqual({ ok: true, access: { method: 'winrm', port: null, username: 'CORP\\ops' } });
  });

  it('clears port and user for "none"', () => {
    expect(parseAccessForm({ method: 'none', port: '22', username: 'x' })).toEqual({ ok: true, access: { method: 'none', port: null, username: '' } });
  });

  it('names a bad port', () => {
    expect(parseAccessForm({ method: 'ssh', port: '70000', username: '' })).toEqual({ ok: false, errors: { port: 'a port is a whole number from 1 to 65535' } });
    expect(parseAccessForm({ method: 'ssh', port: '22a', username: '' })).toMatchObject({ ok: false });
  });
});
