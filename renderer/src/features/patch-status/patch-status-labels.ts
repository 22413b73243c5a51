import type { AssetPatchStatus, CollectionErrorCode, CollectionMethod, CollectionRunSummary, PatchState } from '../../../../shared/contract';
import { coverageGapPhrase } from '../../../../shared/domain/coverage';
import type { BadgeTone } from '../../components/badge';

/** The fleet buckets as the admin reads them, in the order the tiles show them. */
export const PATCH_STATE_LABELS: Record<PatchState, string> = {
  up_to_date: 'Up to date',
  updates_pending: 'Updates pending',
  security_pending: 'Security pending',
  reboot_pending: 'Reboot pending',
  unreachable: 'Unreachable',
  not_measured: 'Not measured',
  unsupported_os: 'Unsupported OS',
  never_collected: 'Never collected',
};

/** Tile order: the good news first, then what needs doing, then what cannot be judged yet. */
export const PATCH_STATE_ORDER: readonly PatchState[] = ['up_to_date', 'updates_pending', 'security_pending', 'reboot_pending', 'unreachable', 'not_measured', 'unsupported_os', 'never_collected'];

/** One colour per bucket, shared by tiles and badges. */
export const PATCH_STATE_TONES: Record<PatchState, BadgeTone> = {
  up_to_date: 'success',
  updates_pending: 'info',
  security_pending: 'danger',
  reboot_pending: 'warning',
  unreachable: 'danger',
  not_measured: 'warning',
  unsupported_os: 'danger',
  never_collected: 'neutral',
};

/** What each bucket means, for the tile's tooltip. */
export const PATCH_STATE_HINTS: Record<PatchState, string> = {
  up_to_date: 'The last collection found nothing missing.',
  updates_pending: 'Updates are available, none of them flagged as security fixes.',
  security_pending: 'At least one missing update fixes a security problem.',
  reboot_pending: 'Updates are installed but the host needs a restart to use them.',
  unreachable: 'The last collection failed: see the error column for why.',
  not_measured: 'The last successful collection is older than the policy\'s freshness limit: the host counts as a coverage gap until collected again.',
  unsupported_os: 'The operating system is past its end of life: no more fixes will come.',
  never_collected: 'Patchdesk has not read this host yet.',
};

/**
 * Collection error codes in plain words. The code stays visible next to it for support, but the
 * admin should not need to know what `sudo_requires_tty` means to fix it.
 */
export const COLLECTION_ERROR_LABELS: Record<CollectionErrorCode, string> = {
  no_credential: 'No credential bound',
  no_address: 'No address to connect to',
  vault_locked: 'Vault was locked',
  auth_failed: 'Login refused',
  host_key_unknown: 'Host key not yet trusted',
  host_key_changed: 'Host key changed',
  untrusted_certificate: 'Certificate not trusted',
  timeout: 'Timed out',
  unreachable: 'Host did not answer',
  connection_lost: 'Connection dropped',
  sudo_failed: 'sudo refused',
  sudo_requires_tty: 'sudo needs a terminal',
  output_limit: 'Output too large',
  unparseable: 'Output not understood',
  unsupported_platform: 'Platform not supported',
  soap_fault: 'WinRM reported an error',
  cancelled: 'Cancelled',
  internal: 'Patchdesk error',
};

/** What the admin can do about each error, one sentence. */
export const COLLECTION_ERROR_ADVICE: Partial<Record<CollectionErrorCode, string>> = {
  no_credential: 'Bind a credential to this asset or one of its tags.',
  no_address: 'Give the asset an address or a resolvable hostname.',
  vault_locked: 'Unlock the vault and collect again.',
  auth_failed: 'Check the user name and password or key of the bound credential.',
  host_key_unknown: 'Review the host key under Host keys.',
  host_key_changed: 'Compare the old and new fingerprints under Host keys before accepting.',
  untrusted_certificate: 'Trust the WinRM certificate or use the HTTP listener with NTLM.',
  timeout: 'The host may be busy or a firewall drops the connection; raise the timeout or check the path.',
  unreachable: 'Check that the host is on and the SSH/WinRM port is open from this machine.',
  sudo_failed: 'Add a sudo password to the credential, or allow the user passwordless sudo for the package tools.',
  sudo_requires_tty: 'Remove "Defaults requiretty" for this user in sudoers.',
  unparseable: 'Import an offline collection file instead, and report the host’s OS.',
  unsupported_platform: 'Collect this host with an offline collection file.',
};

/** How a collection was made. */
export const COLLECTION_METHOD_LABELS: Record<CollectionMethod, string> = {
  ssh: 'SSH',
  winrm: 'WinRM',
  'ssh-powershell': 'SSH (PowerShell)',
  'offline-file': 'Offline file',
};

/** Run outcomes, as the history shows them. */
export const RUN_STATUS_LABELS: Record<CollectionRunSummary['status'], string> = {
  running: 'Running',
  completed: 'Completed',
  cancelled: 'Cancelled',
  failed: 'Failed',
  interrupted: 'Interrupted',
};

/** An error as one short line: plain words, then the code for the curious. */
export function describeCollectionError(code: CollectionErrorCode): string {
  return `${COLLECTION_ERROR_LABELS[code]} (${code})`;
}

/** The host key file an admin checks for a key algorithm (`ssh-keygen -lf` on it prints the fingerprint). */
export function hostKeyFileFor(algorithm: string): string {
  const kind = /ed25519/i.test(algorithm) ? 'ed25519' : /ecdsa/i.test(algorithm) ? 'ecdsa' : /rsa/i.test(algorithm) ? 'rsa' : 'ed25519';
  return `/etc/ssh/ssh_host_${kind}_key.pub`;
}

/**
 * Why a host is not measured, for the table and the drawer: "Not measured: never collected",
 * "Not measured: last collection failed: ...", "Not measured: stale since 2026-11-03". Null
 * when measured. The words are the evidence pack's (`coverageGapPhrase`).
 */
export function notMeasuredText(row: Pick<AssetPatchStatus, 'notMeasured' | 'state' | 'lastSuccessAt'>, timeZone: string): string | null {
  if (row.notMeasured) return `Not measured: ${coverageGapPhrase(row.notMeasured, timeZone)}`;
  // Fixtures and older hosts without the field: no success ever is never "nothing pending".
  if (row.notMeasured === undefined && (row.state === 'never_collected' || row.lastSuccessAt === null)) return 'Not measured: never collected';
  return null;
}
