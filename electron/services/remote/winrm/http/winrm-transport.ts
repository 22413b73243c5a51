/**
 * Carries SOAP envelopes to a WinRM listener over one authenticated connection: NTLM with
 * MS-WSMV message encryption over HTTP, or TLS with Basic or NTLM (bound to the certificate
 * through channel bindings) over HTTPS.
 */
import { NtlmClient, parseAccountName } from '../ntlm/ntlm-client';
import type { NtlmSessionSecurity } from '../ntlm/ntlm-session-security';
import { WinRmError } from '../winrm-error';
import type { WinRmTarget } from '../winrm-target';
import { SPNEGO_ENCRYPTED, decodeEncryptedBody, encodeEncryptedBody, encryptedContentType, isEncryptedContentType } from './encrypted-body';
import { HttpConnection, type HttpRequest } from './http-connection';
import type { HttpResponse } from './http-response-parser';
import { tlsServerEndPoint } from './tls-trust';

/** Time and size limits of the transport. */
export interface TransportLimits {
  connectTimeoutMs: number;
  requestTimeoutMs: number;
  maxResponseBytes: number;
}

/** A SOAP response; faults arrive with status 500 and are left to the caller to read. */
export interface SoapResponse {
  status: number;
  xml: string;
}

const SOAP_CONTENT_TYPE = 'application/soap+xml;charset=UTF-8';

function negotiateToken(response: HttpResponse): Buffer | undefined {
  const header = response.headers.get('www-authenticate') ?? '';
  const match = /(?:^|,\s*)(?:Negotiate|NTLM)\s+([A-Za-z0-9+/=]+)/i.exec(header);
  return match?.[1] ? Buffer.from(match[1], 'base64') : undefined;
}

/** One WinRM session's transport; not safe for concurrent sends, which WinRM does not need. */
export class WinRmTransport {
  private connection: HttpConnection | undefined;
  private sealing: NtlmSessionSecurity | undefined;
  private readonly basicHeader: string | undefined;
  private readonly newNtlmClient: (channelBindings: Buffer | undefined) => NtlmClient;
  private lastCertificateSha256: string | undefined;

  constructor(
    private readonly target: WinRmTarget,
    private readonly limits: TransportLimits,
  ) {
    this.basicHeader = target.auth === 'basic' ? `Basic ${Buffer.from(`${target.username}:${target.password}`, 'utf8').toString('base64')}` : undefined;
    const account = parseAccountName(target.username);
    const password = target.password;
    this.newNtlmClient = (channelBindings) => new NtlmClient(account, password, { workstation: target.workstation ?? '', channelBindings });
  }

  /** The SHA-256 fingerprint of the certificate the server presented, once connected over HTTPS. */
  get certificateSha256(): string | undefined {
    return this.lastCertificateSha256;
  }

  /** Sends one envelope and returns the (decrypted) response. */
  async send(xml: string, signal?: AbortSignal): Promise<SoapResponse> {
    const hadSession = this.connection?.isOpen === true;
    const connection = await this.ensureConnection(signal);
    const response = await connection.request(this.requestFor(xml), this.requestLimits(signal));
    // A 401 on an established NTLM connection means the server dropped its context; the request
    // was refused unread, so re-authenticating once and resending is safe.
    if (response.status === 401 && hadSession && this.target.auth === 'ntlm') {
      this.reset();
      const fresh = await this.ensureConnection(signal);
      return this.readResponse(await fresh.request(this.requestFor(xml), this.requestLimits(signal)));
    }
    return this.readResponse(response);
  }

  /** Closes the connection; the NTLM context dies with it. */
  close(): void {
    this.reset();
  }

  private reset(): void {
    this.connection?.close();
    this.connection = undefined;
    this.sealing = undefined;
  }

  private requestLimits(signal: AbortSignal | undefined) {
    return { timeoutMs: this.limits.requestTimeoutMs, maxResponseBytes: this.limits.maxResponseBytes, signal };
  }

  private requestFor(xml: string): HttpRequest {
    const path = this.target.path ?? '/wsman';
    const plain = Buffer.from(xml, 'utf8');
    if (this.sealing) {
      const { sealed, signature } = this.sealing.wrap(plain);
      return {
        path,
        headers: { 'Content-Type': encryptedContentType(SPNEGO_ENCRYPTED) },
        body: encodeEncryptedBody({ protocol: SPNEGO_ENCRYPTED, originalLength: plain.length, signature, sealed }),
      };
    }
    const headers: Record<string, string> = { 'Content-Type': SOAP_CONTENT_TYPE };
    if (this.basicHeader) headers.Authorization = this.basicHeader;
    return { path, headers, body: plain };
  }

  private readResponse(response: HttpResponse): SoapResponse {
    if (response.status === 401) throw new WinRmError('auth_failed', `${this.target.host} refused the credentials`, { httpStatus: 401 });
    if (response.status !== 200 && response.status !== 500) {
      throw new WinRmError('protocol_error', `${this.target.host} answered HTTP ${response.status}`, { httpStatus: response.status });
    }
    if (isEncryptedContentType(response.headers.get('content-type'))) {
      if (!this.sealing) throw new WinRmError('protocol_error', 'the server sent an encrypted response on an unencrypted session');
      try {
        const parts = decodeEncryptedBody(response.body);
        return { status: response.status, xml: this.sealing.unwrap(parts.sealed, parts.signature).toString('utf8') };
      } catch {
        this.reset();
        throw new WinRmError('protocol_error', 'the encrypted response could not be decrypted or its signature does not verify');
      }
    }
    if (this.sealing && response.body.length > 0) throw new WinRmError('protocol_error', 'the server answered in clear on an encrypted session');
    return { status: response.status, xml: response.body.toString('utf8') };
  }

  private async ensureConnection(signal: AbortSignal | undefined): Promise<HttpConnection> {
    if (this.connection?.isOpen) return this.connection;
    this.reset();
    const connection = await HttpConnection.connect({
      host: this.target.host,
      port: this.target.port,
      tls: this.target.https && this.target.trust ? { trust: this.target.trust } : undefined,
      connectTimeoutMs: this.limits.connectTimeoutMs,
      signal,
    });
    this.lastCertificateSha256 = connection.certificate?.sha256;
    try {
      if (this.target.auth === 'ntlm') await this.authenticate(connection, signal);
    } catch (error) {
      connection.close();
      throw error;
    }
    this.connection = connection;
    return connection;
  }

  private async authenticate(connection: HttpConnection, signal: AbortSignal | undefined): Promise<void> {
    const client = this.newNtlmClient(connection.certificate ? tlsServerEndPoint(connection.certificate.der) : undefined);
    const empty = (token: Buffer): HttpRequest => ({
      path: this.target.path ?? '/wsman',
      headers: { Authorization: `Negotiate ${token.toString('base64')}`, 'Content-Type': SOAP_CONTENT_TYPE },
      body: Buffer.alloc(0),
    });
    const challengeResponse = await connection.request(empty(client.negotiate()), this.requestLimits(signal));
    const challenge = challengeResponse.status === 401 ? negotiateToken(challengeResponse) : undefined;
    if (!challenge) {
      const offered = challengeResponse.headers.get('www-authenticate') ?? 'nothing';
      throw new WinRmError('auth_failed', `${this.target.host} did not offer an NTLM challenge (HTTP ${challengeResponse.status}, offers ${offered.replace(/\s+[A-Za-z0-9+/=]{20,}/g, '')})`, {
        httpStatus: challengeResponse.status,
      });
    }
    if (!connection.isOpen) throw new WinRmError('protocol_error', `${this.target.host} closed the connection during the NTLM handshake`);
    let authenticate;
    try {
      authenticate = client.authenticate(challenge);
    } catch (error) {
      throw new WinRmError('protocol_error', `the NTLM challenge from ${this.target.host} is not usable: ${error instanceof Error ? error.message : 'bad message'}`);
    }
    const final = await connection.request(empty(authenticate.message), this.requestLimits(signal));
    if (final.status === 401) throw new WinRmError('auth_failed', `${this.target.host} refused the credentials`, { httpStatus: 401 });
    if (!this.target.https) this.sealing = authenticate.session;
  }
}
