/**
 * The one error type the WinRM client throws. Messages are written here from fixed text plus
 * host names, status codes and server fault text, never from credentials, so they are safe to log.
 */

/** Why a WinRM call failed. */
export type WinRmErrorCode =
  | 'auth_failed'
  | 'unreachable'
  | 'timeout'
  | 'cancelled'
  | 'soap_fault'
  | 'protocol_error'
  | 'output_limit'
  | 'untrusted_certificate';

/** A SOAP 1.2 fault as WS-Management reports it (DSP0226 section 14). */
export interface SoapFault {
  /** e.g. `s:Sender`. */
  code: string;
  /** e.g. `w:AccessDenied` or `w:TimedOut`; empty when the fault has none. */
  subcode: string;
  reason: string;
  /** The numeric WSManFault code from the detail (e.g. 5 for access denied), when present. */
  wsmanCode?: number;
  wsmanMessage?: string;
}

/** Extra facts some failures carry. */
export interface WinRmErrorDetails {
  fault?: SoapFault;
  httpStatus?: number;
  /** The presented certificate's SHA-256 fingerprint, so a caller can offer to pin it. */
  certificateSha256?: string;
}

/** A failed WinRM operation. */
export class WinRmError extends Error {
  readonly fault?: SoapFault;
  readonly httpStatus?: number;
  readonly certificateSha256?: string;

  constructor(
    readonly code: WinRmErrorCode,
    message: string,
    details: WinRmErrorDetails = {},
  ) {
    super(message);
    this.name = 'WinRmError';
    if (details.fault) this.fault = details.fault;
    if (details.httpStatus !== undefined) this.httpStatus = details.httpStatus;
    if (details.certificateSha256) this.certificateSha256 = details.certificateSha256;
  }
}

/** Whether a fault subcode names the given WS-Management fault, whatever prefix the server used. */
export function isFaultSubcode(fault: SoapFault | undefined, localName: string): boolean {
  return fault !== undefined && fault.subcode.replace(/^.*:/, '') === localName;
}
