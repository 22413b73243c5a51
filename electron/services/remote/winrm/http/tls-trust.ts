/**
 * The explicit trust decision for WinRM over HTTPS. Windows hosts mostly present self-signed
 * certificates, so the caller either trusts a CA (the system store or its own) or pins the
 * SHA-256 fingerprint it recorded on first use; nothing is trusted implicitly.
 */
import { createHash } from 'node:crypto';
import type { TLSSocket } from 'node:tls';

/** How the server certificate is judged. */
export type TlsTrust =
  /** Chain and host name must verify, against `ca` when given, else the system store. */
  | { kind: 'ca'; ca?: string | Buffer }
  /** The certificate's SHA-256 fingerprint must equal this (hex, colons and case ignored). */
  | { kind: 'fingerprint'; sha256: string };

/** The fingerprint as `AB:CD:…`, the form `openssl x509 -fingerprint -sha256` and Node print. */
export function formatFingerprint(hexOrColons: string): string {
  const hex = hexOrColons.replace(/[^0-9a-f]/gi, '').toUpperCase();
  return hex.match(/.{2}/g)?.join(':') ?? '';
}

/** SHA-256 fingerprint of a DER certificate, formatted by {@link formatFingerprint}. */
export function certificateFingerprint(der: Buffer): string {
  return formatFingerprint(createHash('sha256').update(der).digest('hex'));
}

/** The verdict on the certificate a TLS socket received. */
export type TrustVerdict = { ok: true; sha256: string; der: Buffer } | { ok: false; sha256: string; reason: string };

/** Applies `trust` to the peer certificate of a connected socket. */
export function judgeCertificate(socket: TLSSocket, trust: TlsTrust): TrustVerdict {
  const der = socket.getPeerCertificate().raw;
  if (!der || der.length === 0) return { ok: false, sha256: '', reason: 'the server presented no certificate' };
  const sha256 = certificateFingerprint(der);
  if (trust.kind === 'fingerprint') {
    return formatFingerprint(trust.sha256) === sha256 ? { ok: true, sha256, der } : { ok: false, sha256, reason: 'the certificate does not match the pinned fingerprint' };
  }
  if (!socket.authorized) return { ok: false, sha256, reason: `the certificate is not trusted (${String(socket.authorizationError)})` };
  return { ok: true, sha256, der };
}

const SHA384_SIGNATURE_OIDS = ['2a864886f70d01010c', '2a8648ce3d040303'].map((hex) => Buffer.from(hex, 'hex'));
const SHA512_SIGNATURE_OIDS = ['2a864886f70d01010d', '2a8648ce3d040304'].map((hex) => Buffer.from(hex, 'hex'));

/**
 * RFC 5929 `tls-server-end-point` channel binding data: the certificate hashed with its own
 * signature hash, SHA-256 standing in for MD5 and SHA-1. The OID scan is enough to tell
 * SHA-384/512 signatures from the rest without a DER parser.
 */
export function tlsServerEndPoint(der: Buffer): Buffer {
  const has = (oids: Buffer[]): boolean => oids.some((oid) => der.includes(oid));
  const algorithm = has(SHA512_SIGNATURE_OIDS) ? 'sha512' : has(SHA384_SIGNATURE_OIDS) ? 'sha384' : 'sha256';
  return Buffer.concat([Buffer.from('tls-server-end-point:', 'ascii'), createHash(algorithm).update(der).digest()]);
}
