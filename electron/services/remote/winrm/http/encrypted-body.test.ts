import { describe, expect, it } from 'vitest';
import { SPNEGO_ENCRYPTED, decodeEncryptedBody, encodeEncryptedBody, encryptedContentType, isEncryptedContentType } from './encrypted-body';

describe('encrypted body', () => {
  it('lays out the MS-WSMV multipart body and reads it back', () => {
    const sealed = Buffer.from('--Encrypted Boundary--\r\nlooks like a boundary but is ciphertext');
    const signature = Buffer.alloc(16, 7);
    const body = encodeEncryptedBody({ protocol: SPNEGO_ENCRYPTED, originalLength: sealed.length, signature, sealed });
    const text = body.toString('latin1');
    expect(text.startsWith('--Encrypted Boundary\r\n\tContent-Type: application/HTTP-SPNEGO-session-encrypted\r\n')).toBe(true);
    expect(text).toContain(`\tOriginalContent: type=application/soap+xml;charset=UTF-8;Length=${sealed.length}\r\n`);
    expect(text).toContain('--Encrypted Boundary\r\n\tContent-Type: application/octet-stream\r\n\x10\x00\x00\x00');
    expect(text.endsWith('--Encrypted Boundary--\r\n')).toBe(true);
    expect(decodeEncryptedBody(body)).toEqual({ protocol: SPNEGO_ENCRYPTED, originalLength: sealed.length, signature, sealed });
  });

  it('names the content type and recognises it', () => {
    const type = encryptedContentType(SPNEGO_ENCRYPTED);
    expect(type).toBe('multipart/encrypted;protocol="application/HTTP-SPNEGO-session-encrypted";boundary="Encrypted Boundary"');
    expect(isEncryptedContentType(type)).toBe(true);
    expect(isEncryptedContentType('application/soap+xml;charset=UTF-8')).toBe(false);
  });

  it('rejects a truncated body', () => {
    const body = encodeEncryptedBody({ protocol: SPNEGO_ENCRYPTED, originalLength: 10, signature: Buffer.alloc(16), sealed: Buffer.alloc(10) });
    expect(() => decodeEncryptedBody(body.subarray(0, body.length - 40))).toThrow(/truncated/);
    expect(() => decodeEncryptedBody(Buffer.from('garbage'))).toThrow(/headers/);
  });
});
