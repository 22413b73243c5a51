import type { Socket } from 'node:net';
import { connect as tlsConnect, type PeerCertificate, type TLSSocket } from 'node:tls';
import { sanitizeBanner } from './banner-text';
import { startDeadline } from './deadline';
import { formatHttpBanner, requestHttpHead } from './http-banner';
import { closeHard } from './tcp-prober';

function ignoreError(): void {}

function field(value: string | string[] | undefined): string {
  const text = Array.isArray(value) ? value.join(', ') : (value ?? '');
  return sanitizeBanner(text, 100);
}

function distinguishedName(name: Partial<Record<'CN' | 'O', string | string[]>> | undefined): string {
  const parts: string[] = [];
  const commonName = field(name?.CN);
  const organisation = field(name?.O);
  if (commonName !== '') parts.push(`CN=${commonName}`);
  if (organisation !== '') parts.push(`O=${organisation}`);
  return parts.join(', ');
}

/** The certificate part of an HTTPS banner: `TLS subject: CN=nas.local; issuer: CN=Synology Inc. CA`. */
export function describeCertificate(certificate: Partial<Pick<PeerCertificate, 'subject' | 'issuer'>>): string {
  const subject = distinguishedName(certificate.subject);
  const issuer = distinguishedName(certificate.issuer);
  if (subject === '' && issuer === '') return '';
  return `TLS subject: ${subject || '-'}; issuer: ${issuer || '-'}`;
}

function handshake(tlsSocket: TLSSocket, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const settle = (ok: boolean): void => {
      deadline.clear();
      tlsSocket.off('secureConnect', onSecure);
      tlsSocket.off('error', onFailure);
      tlsSocket.off('close', onFailure);
      resolve(ok);
    };
    const onSecure = (): void => settle(true);
    const onFailure = (): void => settle(false);
    const deadline = startDeadline(timeoutMs, onFailure);
    tlsSocket.once('secureConnect', onSecure);
    tlsSocket.once('error', onFailure);
    tlsSocket.once('close', onFailure);
  });
}

/**
 * Reads who an HTTPS server says it is: the certificate's subject and issuer, then the status
 * line and `Server` header of a `HEAD /`. Within `timeoutMs` overall; '' when the handshake fails.
 */
export async function readTlsBanner(socket: Socket, host: string, port: number, timeoutMs: number): Promise<string> {
  const started = Date.now();
  // Certificate checks are off on purpose: this is identification, not trust. We only read what
  // the host claims to be and send nothing but a HEAD request, so an invalid or self-signed
  // certificate (the norm on appliances and WinRM) must not hide the host's identity.
  const tlsSocket = tlsConnect({ socket, rejectUnauthorized: false });
  tlsSocket.on('error', ignoreError);
  try {
    if (!(await handshake(tlsSocket, timeoutMs))) return '';
    const certificate = describeCertificate(tlsSocket.getPeerCertificate());
    const remaining = Math.max(1, timeoutMs - (Date.now() - started));
    const http = formatHttpBanner(await requestHttpHead(tlsSocket, host, port, remaining));
    return [certificate, http].filter((part) => part !== '').join(' | ');
  } finally {
    // Reset the TCP connection underneath first: a TLS close would leave TIME_WAIT behind.
    closeHard(socket);
    tlsSocket.destroy();
  }
}
