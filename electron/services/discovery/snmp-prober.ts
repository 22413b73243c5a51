import snmp, { type Varbind } from 'net-snmp';
import { sanitizeBanner } from './banner-text';
import type { Cancellable } from './tcp-prober';

/** What a host's SNMP agent says about itself. */
export interface SnmpIdentity {
  sysDescr: string;
  sysName: string;
}

/** Where and how to ask. The community is a secret: it must never reach evidence, errors or logs. */
export interface SnmpQuery {
  community: string;
  port: number;
  timeoutMs: number;
}

const SYS_DESCR = '1.3.6.1.2.1.1.1.0';
const SYS_NAME = '1.3.6.1.2.1.1.5.0';

function text(varbind: Varbind | undefined, maxLength: number): string {
  if (varbind === undefined || snmp.isVarbindError(varbind)) return '';
  const value = varbind.value;
  if (Buffer.isBuffer(value)) return sanitizeBanner(value, maxLength);
  return typeof value === 'string' ? sanitizeBanner(value, maxLength) : '';
}

/**
 * Asks one host for sysDescr and sysName with SNMP v2c (one retry). Calls `done` once with the
 * answer (fields may be empty when the agent lacks them), or null when the host is silent,
 * ignores the community or answers garbage. Errors are swallowed on purpose: their text could
 * carry the community.
 */
export function startSnmpQuery(address: string, query: SnmpQuery, done: (identity: SnmpIdentity | null) => void): Cancellable {
  let finished = false;
  const session = snmp.createSession(address, query.community, {
    port: query.port,
    version: snmp.Version2c,
    timeout: query.timeoutMs,
    retries: 1,
    transport: 'udp4',
  });
  // net-snmp re-emits socket errors under odd event names; a listener keeps them from surfacing.
  session.on('error', () => {});

  const finish = (identity: SnmpIdentity | null): void => {
    if (finished) return;
    finished = true;
    session.close();
    done(identity);
  };

  try {
    session.get([SYS_DESCR, SYS_NAME], (error, varbinds) => {
      // An error-status reply still proves an agent is there and accepted the community.
      if (error?.name === 'RequestFailedError') return finish({ sysDescr: '', sysName: '' });
      if (error || varbinds === undefined) return finish(null);
      finish({ sysDescr: text(varbinds[0], 512), sysName: text(varbinds[1], 255) });
    });
  } catch {
    finish(null);
  }

  return {
    cancel(): void {
      if (finished) return;
      finished = true;
      session.close();
    },
  };
}
