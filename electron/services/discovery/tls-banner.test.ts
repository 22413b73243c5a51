import { describe, expect, it } from 'vitest';
import { describeCertificate } from './tls-banner';

describe('describeCertificate', () => {
  it('names subject and issuer by CN and O', () => {
    const certificate = { subject: { CN: 'esxi01.example.lan', O: 'VMware, Inc.' }, issuer: { CN: 'CA', O: 'VMware Installer' } };
    expect(describeCertificate(certificate as never)).toBe('TLS subject: CN=esxi01.example.lan, O=VMware, Inc.; issuer: CN=CA, O=VMware Installer');
  });

  it('copes with multi-valued and missing fields', () => {
    expect(describeCertificate({ subject: { CN: ['a', 'b'] }, issuer: {} } as never)).toBe('TLS subject: CN=a, b; issuer: -');
    expect(describeCertificate({} as never)).toBe('');
  });

  it('sanitises hostile names', () => {
    expect(describeCertificate({ subject: { CN: 'x\u001b[2Jy\u0000' } } as never)).toBe('TLS subject: CN=xy; issuer: -');
  });
});
