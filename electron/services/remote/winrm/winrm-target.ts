/** The description of a Windows host to reach over WinRM, and the checks that keep it safe to use. */
import type { TlsTrust } from './http/tls-trust';

/** A WinRM endpoint and the account to use on it. */
export interface WinRmTarget {
  host: string;
  /** 5985 for HTTP, 5986 for HTTPS by Windows' defaults. */
  port: number;
  https: boolean;
  /** NTLM works on both transports; Basic only over HTTPS (and must be enabled on the host). */
  auth: 'ntlm' | 'basic';
  /** `DOMAIN\user`, `user@domain.fqdn` or a local account name. */
  username: string;
  password: string;
  /** Required with HTTPS: what makes the server certificate trusted. */
  trust?: TlsTrust;
  /** Defaults to `/wsman`. */
  path?: string;
  /** The NetBIOS name reported in the AUTHENTICATE message; empty by default. */
  workstation?: string;
}

/** Returns why a target cannot be used safely, or undefined when it can. */
export function targetProblem(target: WinRmTarget): string | undefined {
  if (!target.host) return 'no host given';
  // The host goes into the Host header and the WS-Addressing To URL, so it must be a bare name or address.
  if (!/^[A-Za-z0-9._:%-]+$/.test(target.host)) return 'the host must be a DNS name or an IP address';
  if (!Number.isInteger(target.port) || target.port < 1 || target.port > 65535) return `port ${target.port} is not valid`;
  if (target.auth === 'basic' && !target.https) return 'Basic authentication over plain HTTP would send the password in clear; use HTTPS or NTLM';
  if (target.https && !target.trust) return 'HTTPS needs an explicit trust decision: a CA or a pinned certificate fingerprint';
  return undefined;
}

/** The WS-Addressing `To` URL of the target. */
export function endpointUrl(target: WinRmTarget): string {
  const host = target.host.includes(':') ? `[${target.host}]` : target.host;
  return `${target.https ? 'https' : 'http'}://${host}:${target.port}${target.path ?? '/wsman'}`;
}
