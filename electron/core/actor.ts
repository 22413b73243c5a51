/** The name recorded in the audit trail for this session's changes. */
import { userInfo } from 'node:os';

/** `PATCHDESK_ACTOR` when set (a technician's name on a shared jump box), else the OS user. */
export function resolveActor(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env['PATCHDESK_ACTOR']?.trim();
  if (fromEnv) return fromEnv.slice(0, 100);
  try {
    return userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}
