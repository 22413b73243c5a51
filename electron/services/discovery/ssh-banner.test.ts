import { describe, expect, it } from 'vitest';
import { pickSshIdentification } from './ssh-banner';

describe('pickSshIdentification', () => {
  it('takes the identification line', () => {
    expect(pickSshIdentification('SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.6\r\n')).toBe('SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.6');
  });

  it('skips preamble lines', () => {
    expect(pickSshIdentification('Welcome\r\nNo unauthorised access\r\nSSH-2.0-Cisco-1.25\r\n')).toBe('SSH-2.0-Cisco-1.25');
  });

  it('falls back to the first line when no identification arrived', () => {
    expect(pickSshIdentification('220 mail.example.lan ESMTP\r\n')).toBe('220 mail.example.lan ESMTP');
    expect(pickSshIdentification('')).toBe('');
  });
});
