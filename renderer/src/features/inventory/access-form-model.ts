import type { AccessMethod, AssetAccess } from '../../../../shared/contract/assets';

/** What the set-access form holds, as typed. */
export interface AccessFormValues {
  method: AccessMethod;
  port: string;
  username: string;
}

/** The port each method uses when none is given (shown as the placeholder). */
export const DEFAULT_PORTS: Record<AccessMethod, string> = { ssh: '22', winrm: '5986', none: '' };

/**
 * Checks the typed access and turns it into the contract's shape, or names what is wrong. An
 * empty port means the method's default; `none` clears port and user.
 */
export function parseAccessForm(values: AccessFormValues): { ok: true; access: AssetAccess } | { ok: false; errors: Partial<Record<'port' | 'username', string>> } {
  if (values.method === 'none') return { ok: true, access: { method: 'none', port: null, username: '' } };
  const errors: Partial<Record<'port' | 'username', string>> = {};
  const portText = values.port.trim();
  const port = portText === '' ? null : Number(portText);
  if (port !== null && (!Number.isInteger(port) || port < 1 || port > 65535)) errors.port = 'a port is a whole number from 1 to 65535';
  const username = values.username.trim();
  if (username.length > 200) errors.username = 'the user name is longer than 200 characters';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, access: { method: values.method, port, username } };
}
