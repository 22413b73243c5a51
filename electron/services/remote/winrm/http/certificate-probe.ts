/**
 * Looks at the certificate a WinRM HTTPS listener presents without sending anything, so the
 * user can compare its fingerprint with the host's and pin it before any credentials go out.
 */
import { X509Certificate } from 'node:crypto';
import net from 'node:net';
import tls from 'node:tls';
import { WinRmError } from '../winrm-error';
import { certificateFingerprint } from './tls-trust';

/** What a user needs to decide whether to trust a certificate. */
export interface CertificateSummary {
  sha256: string;
  subject: string;
  issuer: string;
  validFrom: string;
  validTo: string;
  selfSigned: boolean;
}

/** Completes a TLS handshake with `host:port`, reports the certificate and disconnects. */
export function fetchCertificateFingerprint(host: string, port: number, options: { timeoutMs: number; signal?: AbortSignal }): Promise<CertificateSummary> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host, port, servername: net.isIP(host) ? undefined : host, rejectUnauthorized: false });
    const done = (error: WinRmError | undefined, summary?: CertificateSummary): void => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      if (error) reject(error);
      else if (summary) resolve(summary);
    };
    const onAbort = (): void => done(new WinRmError('cancelled', `certificate check of ${host}:${port} was cancelled`));
    const timer = setTimeout(() => done(new WinRmError('timeout', `TLS handshake with ${host}:${port} timed out`)), options.timeoutMs);
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('error', (error: NodeJS.ErrnoException) => done(new WinRmError('unreachable', `cannot reach ${host}:${port}: ${error.code ?? 'network error'}`)));
    socket.once('secureConnect', () => {
      const der = socket.getPeerCertificate().raw;
      if (!der) return done(new WinRmError('protocol_error', `${host}:${port} presented no certificate`));
      const certificate = new X509Certificate(der);
      done(undefined, {
        sha256: certificateFingerprint(der),
        subject: certificate.subject,
        issuer: certificate.issuer,
        validFrom: certificate.validFrom,
        validTo: certificate.validTo,
        selfSigned: certificate.checkIssued(certificate),
      });
    });
  });
}
