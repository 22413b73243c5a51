/**
 * The real host collector: Linux hosts and network devices over SSH, Windows over WinRM. SSH host
 * keys are pinned on first use and strictly checked after; a WinRM HTTPS certificate is pinned
 * the same way by its SHA-256 fingerprint.
 */
import type { CredentialSecrets } from '../../../shared/contract/credentials';
import { collectLinux, collectNetworkDevice, collectWindows, deviceVendorHint, transportFailure } from '../collect/collectors/index';
import { openSshSession, isSshError, type SshAuth, type SshSession } from '../remote/ssh/index';
import { fetchCertificateFingerprint, runPowerShell, WinRmError } from '../remote/winrm/index';
import type { HostCollectRequest, HostCollectResult, HostCollector, PresentedHostKey } from './host-collector';

const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;
const CERTIFICATE_ALGORITHM = 'x509-sha256';

/** Builds the collector used outside tests. */
export function createRemoteHostCollector(): HostCollector {
  return (request) => (request.asset.access.method === 'winrm' ? collectOverWinRm(request) : collectOverSsh(request));
}

async function collectOverSsh(request: HostCollectRequest): Promise<HostCollectResult> {
  const auth = sshAuth(request.secrets);
  if (!auth) return { ok: false, code: 'no_credential', message: 'the credential mapped to this asset is not an SSH credential' };
  request.onPhase('connecting');
  let session: SshSession | undefined;
  let presentedKey: PresentedHostKey | undefined;
  try {
    session = await openSshSession(
      {
        host: request.host,
        port: request.port,
        username: request.username,
        auth,
        ...('sudoPassword' in request.secrets && request.secrets.sudoPassword ? { sudoPassword: request.secrets.sudoPassword } : {}),
        connectTimeoutMs: request.connectTimeoutMs,
        commandTimeoutMs: request.commandTimeoutMs,
        ...(request.pinnedKey ? { knownHostKey: { algorithm: request.pinnedKey.algorithm, sha256: request.pinnedKey.fingerprint } } : {}),
      },
      { hostKeyPolicy: request.pinnedKey ? 'strict' : 'trust-on-first-use', signal: request.signal },
    );
    presentedKey = { algorithm: session.hostKey.algorithm, fingerprint: session.hostKey.sha256 };
    request.onPhase('collecting');
    const connected = session;
    const isDevice = request.asset.deviceType === 'network-device' || request.asset.osFamily === 'network-os';
    const outcome = isDevice
      ? await collectNetworkDevice(
          { run: (command, options) => connected.run(command, { ...options, raw: true }) },
          deviceVendorHint(request.asset.osName, ...request.asset.evidence.map((item) => item.detail), ...request.asset.openPorts.map((port) => port.banner)),
          { timeoutMs: request.commandTimeoutMs, signal: request.signal },
        )
      : await collectLinux(connected, { timeoutMs: request.commandTimeoutMs, signal: request.signal, maxOutputBytes: MAX_OUTPUT_BYTES });
    return outcome.ok ? { ok: true, collection: outcome.value, presentedKey } : { ok: false, code: outcome.code, message: outcome.message, presentedKey };
  } catch (error) {
    const failure = transportFailure(error);
    if (isSshError(error) && error.presentedHostKey) {
      const key = { algorithm: error.presentedHostKey.algorithm, fingerprint: error.presentedHostKey.sha256 };
      return { ...failure, presentedKey: key, ...(request.pinnedKey ? { previousKey: request.pinnedKey } : {}) };
    }
    return presentedKey ? { ...failure, presentedKey } : failure;
  } finally {
    await session?.close().catch(() => undefined);
  }
}

async function collectOverWinRm(request: HostCollectRequest): Promise<HostCollectResult> {
  const secrets = request.secrets;
  if (secrets.authMethod !== 'ntlm' && secrets.authMethod !== 'basic') {
    return { ok: false, code: 'no_credential', message: 'the credential mapped to this asset is not a WinRM credential' };
  }
  const https = request.port === 5986 || secrets.authMethod === 'basic';
  request.onPhase('connecting');
  let presentedKey: PresentedHostKey | undefined = request.pinnedKey;
  try {
    if (https && !presentedKey) {
      const certificate = await fetchCertificateFingerprint(request.host, request.port, { timeoutMs: request.connectTimeoutMs, signal: request.signal });
      presentedKey = { algorithm: CERTIFICATE_ALGORITHM, fingerprint: certificate.sha256 };
    }
    const target = {
      host: request.host,
      port: request.port,
      https,
      auth: secrets.authMethod,
      username: request.username,
      password: secrets.password,
      ...(https && presentedKey ? { trust: { kind: 'fingerprint' as const, sha256: presentedKey.fingerprint } } : {}),
    };
    request.onPhase('collecting');
    // The Windows collector turns transport errors into coded outcomes; keep the certificate a
    // refused TLS handshake presented, to offer it for review.
    let refusedCertificate: string | undefined;
    const run = (script: string) =>
      runPowerShell(target, script, { timeoutMs: request.commandTimeoutMs, signal: request.signal, maxOutputBytes: MAX_OUTPUT_BYTES, connectTimeoutMs: request.connectTimeoutMs }).catch((error: unknown) => {
        if (error instanceof WinRmError && error.code === 'untrusted_certificate') refusedCertificate = error.certificateSha256;
        throw error;
      });
    const outcome = await collectWindows(run, { method: 'winrm' });
    if (!outcome.ok && outcome.code === 'untrusted_certificate' && request.pinnedKey && refusedCertificate) return certificateChanged(request, request.pinnedKey, refusedCertificate);
    const pin = https ? presentedKey : undefined;
    return outcome.ok ? { ok: true, collection: outcome.value, ...(pin ? { presentedKey: pin } : {}) } : { ok: false, code: outcome.code, message: outcome.message };
  } catch (error) {
    return transportFailure(error);
  }
}

/**
 * A pinned WinRM certificate that no longer matches is a changed host key: the host stops until
 * the admin compares the new fingerprint and accepts it, exactly like an SSH host key.
 */
function certificateChanged(request: HostCollectRequest, pinned: PresentedHostKey, presented: string): HostCollectResult {
  return {
    ok: false,
    code: 'host_key_changed',
    message: `the WinRM certificate of ${request.host}:${request.port} changed: pinned SHA-256 ${pinned.fingerprint}, now ${presented}. Compare it with the server's certificate and accept it under Host keys.`,
    presentedKey: { algorithm: CERTIFICATE_ALGORITHM, fingerprint: presented },
    previousKey: pinned,
  };
}

function sshAuth(secrets: CredentialSecrets): SshAuth | undefined {
  if (secrets.authMethod === 'key') return { kind: 'key', privateKey: secrets.privateKey, ...(secrets.passphrase ? { passphrase: secrets.passphrase } : {}) };
  if (secrets.authMethod === 'password') return { kind: 'password', password: secrets.password };
  return undefined;
}
