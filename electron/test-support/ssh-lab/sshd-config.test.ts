import { describe, expect, it } from 'vitest';
import { renderSshdConfig } from './sshd-config';

const base = { authorizedKeysFile: '/tmp/lab/authorized_keys', allowUsers: ['pdlab-key'], passwordAuthentication: false };

describe('renderSshdConfig', () => {
  it('locks the lab to its users and keys', () => {
    const config = renderSshdConfig(base);
    expect(config).toContain('AllowUsers pdlab-key');
    expect(config).toContain('PasswordAuthentication no');
    expect(config).toContain('PermitRootLogin no');
    expect(config).not.toContain('SetEnv');
  });

  it('sets session variables, and refuses values sshd would misread', () => {
    expect(renderSshdConfig({ ...base, sessionEnv: { PATH: '/tmp/stub:/usr/bin:/bin' } })).toContain('SetEnv PATH=/tmp/stub:/usr/bin:/bin');
    expect(() => renderSshdConfig({ ...base, sessionEnv: { PATH: '/a b' } })).toThrow(/no spaces/);
    expect(() => renderSshdConfig({ ...base, sessionEnv: { 'BAD-NAME': 'x' } })).toThrow(/identifiers/);
  });
});
