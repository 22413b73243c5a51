/** The name recorded in the audit trail for this session's changes. */
import { userInfo } from 'node:os';
import { normalizeActor } from '../platform/request-context';

/**
 * `PATCHDESK_ACTOR` when set (a technician's name on a shared jump box), else the OS user; cleaned
 * by the one rule the owner's socket also checks (see normalizeActor).
 */
export function resolveActor(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = normalizeActor(env['PATCHDESK_ACTOR']);
  if (fromEnv) return fromEnv;
  try {
    return normalizeActor(userInfo().username) ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
